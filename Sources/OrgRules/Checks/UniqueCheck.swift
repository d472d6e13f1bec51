import OrgModel
import OrgYAML

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
    case .model where field == .key(.id) && !ignoreCase: return repeatedIDs(among: units, evaluation)
    case .model: return repeats(in: units, evaluation)
    case .siblings:
      // Top-level units have no siblings.
      return evaluation.context.siblingGroups(of: units).flatMap { repeats(in: $0, evaluation) }
    }
  }

  /// The repeated ids among the selected units, from the repeats the
  /// model's id index found while it was built: no id is hashed again. The
  /// first selected unit with an id is the one the others repeat, as in
  /// `repeats(in:)`, even when the selector left out the model's first.
  private func repeatedIDs(among units: [Int32], _ evaluation: Evaluation) -> [Finding] {
    let model = evaluation.context.model
    guard !model.repeatedIDs.isEmpty else { return [] }
    var isSelected = [Bool](repeating: false, count: model.units.count)
    for unit in units { isSelected[Int(unit)] = true }
    // Model's first unit with an id → the first selected unit with it.
    var firstSelected: [Int32: Int32] = [:]
    var findings: [Finding] = []
    for (unit, first) in model.repeatedIDs where isSelected[Int(unit)] {
      guard let earlier = isSelected[Int(first)] ? first : firstSelected[first] else {
        firstSelected[first] = unit
        continue
      }
      findings.append(finding(unit, repeating: earlier, value: .string(model.units[Int(unit)].id), model))
    }
    return findings
  }

  /// Each unit whose value an earlier unit of `group` already has.
  private func repeats(in group: some Collection<Int32>, _ evaluation: Evaluation) -> [Finding] {
    guard group.count > 1 else { return [] }
    let model = evaluation.context.model
    var seen = FirstSeen(expecting: group.count)
    var findings: [Finding] = []
    for unit in group {
      guard let value = field.value(of: unit, in: model) else { continue }
      var text = value.rendered(in: model)
      if ignoreCase { text = text.lowercased() }
      guard let first = seen.first(with: text, orRemember: unit) else { continue }
      findings.append(finding(unit, repeating: first, value: value, model))
    }
    return findings
  }

  private func finding(_ unit: Int32, repeating first: Int32, value: ExprValue, _ model: Model) -> Finding {
    Finding(
      unit: unit, at: field.position(of: unit, in: model),
      variables: [("value", value), ("first", .unit(first))],
      related: [
        (
          field.position(of: first, in: model),
          "the first unit with this \(field.name): '\(model.units[Int(first)].id)'"
        )
      ])
  }
}
