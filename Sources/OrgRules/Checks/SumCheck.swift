import OrgModel

/// `sum`: a unit's whole-number key against the same key summed over its
/// children, plus another key of its own, within a tolerance. When every
/// child gives the key the two must agree; when only some do, the unit's
/// value must not be below the sum. Leaves are not checked.
struct SumCheck: Check {
  let field: FieldPath
  let plus: FieldPath?
  let tolerance: Int

  static let variables = ["value", "sum", "expected", "given", "total", "partial"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    var findings: [Finding] = []
    for unit in units {
      let children = model.children(of: unit)
      guard !children.isEmpty, case .int(let value)? = field.value(of: unit, in: model) else { continue }
      // Attributes hold any whole number: a sum that does not fit is not
      // compared (headcounts are bounded so that theirs always fit).
      var sum = 0
      var given = 0
      var overflow = false
      for child in children {
        if case .int(let childValue)? = field.value(of: child, in: model) {
          (sum, overflow) = overflow ? (sum, true) : sum.addingReportingOverflow(childValue)
          given += 1
        }
      }
      var expected = sum
      if let plus, case .int(let extra)? = plus.value(of: unit, in: model), !overflow {
        (expected, overflow) = sum.addingReportingOverflow(extra)
      }
      let (difference, differenceOverflows) = value.subtractingReportingOverflow(expected)
      guard !overflow, !differenceOverflows else { continue }
      let partial = given < children.count
      // Below the sum by more than the tolerance; when every child gives the
      // key, off by more than it either way.
      let beyond = difference.magnitude > UInt(max(tolerance, 0))
      let wrong = beyond && (!partial || difference < 0)
      guard wrong else { continue }
      findings.append(
        Finding(
          unit: unit, at: field.position(of: unit, in: model),
          variables: [
            ("value", .int(value)), ("sum", .int(sum)), ("expected", .int(expected)), ("given", .int(given)),
            ("total", .int(children.count)), ("partial", .bool(partial)),
          ]))
    }
    return findings
  }
}
