import OrgModel

/// `unchanged`: a key keeps its value through a proposal (a unit's kind, say,
/// should change only by an explicit decision). Units that did not exist
/// before, and checks of a model without a proposal, have nothing to compare.
struct UnchangedCheck: Check {
  let field: FieldPath

  static let variables = ["value", "before"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    guard let transition = evaluation.transition else { return [] }
    let model = evaluation.context.model
    var findings: [Finding] = []
    for unit in units {
      guard let old = transition.baseIndex[Int(unit)] else { continue }
      let now = field.value(of: unit, in: model) ?? .null
      let then = field.value(of: old, in: transition.before.model) ?? .null
      if !ExprValue.equal(now, then) {
        findings.append(
          Finding(
            unit: unit, at: field.position(of: unit, in: model), variables: [("value", now), ("before", then)]))
      }
    }
    return findings
  }
}
