import OrgModel
import OrgYAML

/// Which units a rule (or a `count`'s `where`) applies to: by kind, role,
/// presence or absence of keys, and a general condition. Every part given
/// must hold.
package struct Selector: Sendable {
  var kinds: [String]?
  var roles: [String]?
  var has: [FieldPath] = []
  var lacks: [FieldPath] = []
  var condition: CompiledExpression?
  /// Only units a proposal touched (true) or left alone (false).
  var changed: Bool?

  package static let keys = ["kind", "role", "has", "lacks", "where", "changed"]

  /// True when nothing narrows the selection (most rules): their units need
  /// not be matched one by one.
  var selectsAll: Bool {
    kinds == nil && roles == nil && has.isEmpty && lacks.isEmpty && condition == nil && changed == nil
  }

  func matches(_ unit: Int32, _ evaluation: Evaluation) throws(EvaluationFailure) -> Bool {
    let model = evaluation.context.model
    let index = Int(unit)
    // This runs for every unit and every rule. Kind and role are read field
    // by field, and most units fail them; handing the whole unit to a
    // function would copy it (a retain of each of its strings and lists).
    if let kinds, !kinds.contains(model.units[index].kind) { return false }
    if let roles, !roles.contains(where: model.units[index].roles.contains) { return false }
    for field in has where !field.isPresent(of: unit, in: model) { return false }
    for field in lacks where field.isPresent(of: unit, in: model) { return false }
    if let changed, (evaluation.transition?.changed.contains(unit) ?? false) != changed { return false }
    if let condition {
      return try evaluation.condition(condition, unit: unit)
    }
    return true
  }

}

/// A key of a unit that rules can name: `headcount`, `name`, `parent`,
/// `attributes.budget`, …
enum FieldPath: Sendable, Equatable {
  case key(UnitKey)
  case attribute(String)

  static var attributePrefix: String { RuleCompiler.attributePathPrefix }

  init?(_ text: String) {
    let prefix = Self.attributePrefix
    if text.hasPrefix(prefix), text.count > prefix.count {
      self = .attribute(String(text.dropFirst(prefix.count)))
    } else if let key = UnitKey(rawValue: text) {
      self = .key(key)
    } else {
      return nil
    }
  }

  static var validNames: [String] { UnitKey.allCases.map(\.rawValue) + [attributePrefix + "<name>"] }

  // These read the unit's fields in place (`model.units[i].headcount`):
  // they run for every unit a rule looks at, and handing the whole unit to
  // a function would copy it, with a retain of each of its strings and lists.

  func isPresent(of unit: Int32, in model: Model) -> Bool {
    let i = Int(unit)
    return switch self {
    case .key(.headcount): model.units[i].headcount != nil
    case .key(.directHeadcount): model.units[i].directHeadcount != nil
    case .key(.parent): model.units[i].parent != nil
    case .key(.roles): !model.units[i].roles.isEmpty
    case .key(.relations): !model.units[i].relations.isEmpty
    case .key(.attributes): model.units[i].attributes != nil
    case .key(.manager): model.units[i].manager != nil
    case .key(.description): model.units[i].description != nil
    case .key(.formerly): !model.units[i].formerly.isEmpty
    case .key(.suppress): !model.units[i].suppressions.isEmpty
    case .key(.units): !model.children(of: unit).isEmpty
    case .key: true  // id, name, kind: required
    case .attribute(let name): Self.attribute(name, in: model.units[i].attributes) != nil
    }
  }

  /// The value, as expressions see it (nil when absent).
  func value(of unit: Int32, in model: Model) -> ExprValue? {
    let i = Int(unit)
    return switch self {
    case .key(.id): .string(model.units[i].id)
    case .key(.name): .string(model.units[i].name)
    case .key(.kind): .string(model.units[i].kind)
    case .key(.headcount): model.units[i].headcount.map(ExprValue.int)
    case .key(.directHeadcount): model.units[i].directHeadcount.map(ExprValue.int)
    case .key(.parent): model.units[i].parent.map { .string($0.id) }
    case .key(.manager): model.units[i].manager.map(ExprValue.string)
    case .key(.description): model.units[i].description.map(ExprValue.string)
    case .key(.roles): .list(model.units[i].roles.map(ExprValue.string))
    case .key(.formerly): .list(model.units[i].formerly.map(ExprValue.string))
    case .key(.attributes): model.units[i].attributes.map(ExprValue.init)
    case .key(.relations): .map(model.units[i].relations.map { ($0.name, .list($0.targets.map { .string($0.id) })) })
    case .key(.suppress): .map(model.units[i].suppressions.map { ($0.rule, .string($0.reason)) })
    case .attribute(let name): Self.attribute(name, in: model.units[i].attributes).map(ExprValue.init)
    case .key(.units): nil
    }
  }

  /// Where the key was written in the unit (the unit when unknown).
  func position(of unit: Int32, in model: Model) -> SourceRef {
    switch self {
    case .key(let key): model.units[Int(unit)].position(of: key)
    case .attribute: model.units[Int(unit)].position(of: .attributes)
    }
  }

  var name: String {
    switch self {
    case .key(let key): key.rawValue
    case .attribute(let name): "attributes.\(name)"
    }
  }

  private static func attribute(_ name: String, in attributes: DataValue?) -> DataValue? {
    guard case .map(let pairs)? = attributes else { return nil }
    return pairs.first { $0.key == name }?.value
  }
}
