import OrgModel

/// `value`: constraints on one key: `required`, a `pattern` the text must
/// match, the values it may take (`in`), a numeric range (`min`, `max`).
/// For a list key (roles, formerly) every entry is checked.
struct ValueCheck: Check {
  let field: FieldPath
  let required: Bool
  let pattern: Pattern?
  let allowed: [String]?
  let minimum: Double?
  let maximum: Double?

  static let variables = ["value", "problem"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    var findings: [Finding] = []
    for unit in units {
      guard field.isPresent(of: unit, in: model), let value = field.value(of: unit, in: model) else {
        if required {
          findings.append(Finding(unit: unit, variables: [("value", .null), ("problem", .string("is missing"))]))
        }
        continue
      }
      let entries: [ExprValue]
      if case .list(let items) = value { entries = items } else { entries = [value] }
      for entry in entries {
        guard let problem = problem(with: entry, model: model) else { continue }
        findings.append(
          Finding(
            unit: unit, at: field.position(of: unit, in: model),
            variables: [("value", entry), ("problem", .string(problem))]))
        break
      }
    }
    return findings
  }

  private func problem(with value: ExprValue, model: Model) -> String? {
    let text = value.rendered(in: model)
    if let pattern, !pattern.matches(text) {
      return "does not match \(pattern.source)"
    }
    if let allowed, !allowed.contains(text) {
      return "is not one of \(allowed.joined(separator: ", "))"
    }
    let number: Double? =
      switch value {
      case .int(let i): Double(i)
      case .double(let d): d
      default: nil
      }
    if minimum != nil || maximum != nil {
      guard let number else { return "is not a number" }
      if let minimum, number < minimum { return "is below \(ExprValue.double(minimum).rendered(in: model))" }
      if let maximum, number > maximum { return "is above \(ExprValue.double(maximum).rendered(in: model))" }
    }
    return nil
  }
}

/// A regular expression compiled once, when its rule is compiled.
/// `Regex` is not `Sendable`; rules evaluate on one thread at a time, and a
/// compiled pattern is only read.
final class Pattern: @unchecked Sendable {
  let source: String
  private let regex: Regex<AnyRegexOutput>

  init(_ source: String) throws {
    self.source = source
    self.regex = try Regex(source)
  }

  func matches(_ text: String) -> Bool { (try? regex.firstMatch(in: text)) != nil }
}
