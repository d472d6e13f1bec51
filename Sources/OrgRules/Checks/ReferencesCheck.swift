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
    var findings: [Finding] = []
    // Built only when some reference is unknown. The ids are read field by
    // field: a filter over the units themselves would copy every unit.
    lazy var ids = SuggestionIndex(
      candidates: model.units.indices.compactMap { model.units[$0].isIncomplete ? nil : model.units[$0].id })
    func report(_ reference: UnitReference, _ what: String, unit: Int32?) {
      let hint = ids.closest(to: reference.id).map { "; did you mean '\($0)'?" } ?? ""
      findings.append(
        Finding(
          unit: unit, at: reference.at,
          variables: [("id", .string(reference.id)), ("what", .string(what)), ("hint", .string(hint))]))
    }
    if root, let reference = model.header?.root, reference.target == nil {
      report(reference, "organisation.root", unit: nil)
    }
    for unit in units {
      if parent, let reference = model.units[Int(unit)].parent, reference.target == nil {
        report(reference, "parent", unit: unit)
      }
      for relation in model.units[Int(unit)].relations where relations?.contains(relation.name) ?? true {
        for target in relation.targets where target.target == nil {
          report(target, "relation '\(relation.name)'", unit: unit)
        }
      }
    }
    return findings
  }
}
