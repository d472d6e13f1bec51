import OrgModel

/// `unique`: a key's value may occur once within the model, or once among
/// siblings. Each repeat is reported, with the first occurrence as related.
struct UniqueCheck: Check {
  enum Scope: String, CaseIterable, Sendable { case model, siblings }

  let field: FieldPath
  let scope: Scope
  let ignoreCase: Bool

  static let variables = ["value", "first"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    switch scope {
    case .model: return repeats(in: units, evaluation)
    case .siblings:
      // Top-level units have no siblings.
      return evaluation.context.siblingGroups(of: units).flatMap { repeats(in: $0, evaluation) }
    }
  }

  /// Each unit whose value an earlier unit of `group` already has.
  private func repeats(in group: some Collection<Int32>, _ evaluation: Evaluation) -> [Finding] {
    guard group.count > 1 else { return [] }
    let model = evaluation.context.model
    var seen: [String: Int32] = [:]
    seen.reserveCapacity(group.count)
    var findings: [Finding] = []
    for unit in group {
      guard let value = field.value(of: unit, in: model) else { continue }
      var text = value.rendered(in: model)
      if ignoreCase { text = text.lowercased() }
      guard let first = seen[text] else {
        seen[text] = unit
        continue
      }
      findings.append(
        Finding(
          unit: unit, at: field.position(of: unit, in: model),
          variables: [("value", value), ("first", .unit(first))],
          related: [
            (
              field.position(of: first, in: model),
              "the first unit with this \(field.name): '\(model.units[Int(first)].id)'"
            )
          ]))
    }
    return findings
  }
}
