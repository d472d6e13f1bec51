import OrgModel

/// `reaches_root`: every unit's chain of parents ends at the root. The unit
/// at the top of a broken chain (no parent, not the root) is reported; the
/// units below it are not, since they have one cause. A parent that names no
/// unit is `references`' to report, and a loop is `acyclic`'s.
struct ReachesRootCheck: Check {
  static let variables = ["root"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    let root = model.root.map(ExprValue.unit) ?? .null
    return units.compactMap { unit in
      guard model.units[Int(unit)].parent == nil, model.root != unit else { return nil }
      return Finding(unit: unit, variables: [("root", root)])
    }
  }
}
