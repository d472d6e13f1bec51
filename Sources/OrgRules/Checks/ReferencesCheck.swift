import OrgModel
import OrgYAML

/// `references`: every id given in `parent`, in relations, and in
/// `organisation.root` names a unit of the model. Each reference that does
/// not is reported where it was written, with the closest id as a hint.
struct ReferencesCheck: Check {
  let parent: Bool
  /// nil: every relation; else only these.
  let relations: [String]?
  let root: Bool

  static let variables = ["id", "what", "hint"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    var unknown: [(reference: UnitReference, what: String, unit: Int32?)] = []
    if root, let reference = model.header?.root, reference.target == nil {
      unknown.append((reference, "organisation.root", nil))
    }
    for unit in units {
      if parent, let reference = model.units[Int(unit)].parent, reference.target == nil {
        unknown.append((reference, "parent", unit))
      }
      for relation in model.units[Int(unit)].relations where relations?.contains(relation.name) ?? true {
        for target in relation.targets where target.target == nil {
          unknown.append((target, "relation '\(relation.name)'", unit))
        }
      }
    }
    guard !unknown.isEmpty else { return [] }
    // The ids are read field by field (a filter over the units themselves
    // would copy every unit) and handed over one by one.
    let hints = closestMatches(to: unknown.map(\.reference.id), amongCount: model.units.count) {
      model.units[$0].isIncomplete ? nil : model.units[$0].id
    }
    return zip(unknown, hints).map { unknown, hint in
      Finding(
        unit: unknown.unit, at: unknown.reference.at,
        variables: [
          ("id", .string(unknown.reference.id)), ("what", .string(unknown.what)),
          ("hint", .string(hint.map { "; did you mean '\($0)'?" } ?? "")),
        ])
    }
  }
}
