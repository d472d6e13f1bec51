import OrgModel

/// `unique`: a key's value may occur once within the model, or once among
/// siblings. Each repeat is reported, with the first occurrence as related.
struct UniqueCheck: Check {
  enum Scope: String, Sendable { case model, siblings }

  let field: FieldPath
  let scope: Scope
  let ignoreCase: Bool

  static let variables = ["value", "first"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    // Key: the parent (for siblings) and the value; first unit seen with it.
    var seen: [Pair: Int32] = [:]
    seen.reserveCapacity(units.count)
    var findings: [Finding] = []
    for unit in units {
      guard let value = field.value(of: model.units[Int(unit)]) else { continue }
      var text = value.rendered(in: model)
      if ignoreCase { text = text.lowercased() }
      let group = scope == .siblings ? (model.parentIndex[Int(unit)] ?? -1) : -1
      if scope == .siblings && group < 0 { continue }  // top-level units have no siblings
      let key = Pair(group: group, value: text)
      guard let first = seen[key] else {
        seen[key] = unit
        continue
      }
      let firstUnit = model.units[Int(first)]
      findings.append(
        Finding(
          unit: unit, at: field.position(in: model.units[Int(unit)]),
          variables: [("value", value), ("first", .unit(first))],
          related: [(field.position(in: firstUnit), "the first unit with this \(field.name): '\(firstUnit.id)'")]))
    }
    return findings
  }

  private struct Pair: Hashable {
    var group: Int32
    var value: String
  }
}
