/// What an expression can read of a unit. One list, used both to check
/// expressions when a rule is compiled and to document the language.
enum UnitMember: String, CaseIterable {
  case id, name, kind, roles, headcount
  case directHeadcount = "direct_headcount"
  case manager, description, formerly, attributes, relations
  case parent
  case parentID = "parent_id"
  case children, ancestors
  case isRoot = "is_root"
  case depth

  /// Members whose value is a unit or a list of units, for static checking.
  var yieldsUnits: StaticType {
    switch self {
    case .parent: .unit
    case .children, .ancestors: .units
    default: .other
    }
  }
}

/// The little that is known of an expression's type before it runs: enough to
/// catch a misspelled member of a unit when the rule is compiled.
enum StaticType {
  case unit, units, other
}
