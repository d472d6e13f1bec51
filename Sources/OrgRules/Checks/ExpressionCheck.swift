import OrgModel

/// `expr`: a CEL expression that must be true for every selected unit.
struct ExpressionCheck: Check {
  let expression: CompiledExpression

  static let variables: [String] = []

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    var findings: [Finding] = []
    for unit in units where try !evaluation.condition(expression, unit: unit) {
      findings.append(Finding(unit: unit))
    }
    return findings
  }
}
