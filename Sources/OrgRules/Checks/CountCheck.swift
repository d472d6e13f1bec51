import OrgModel

/// `count`: how many related units (the parent, the children, the ancestors,
/// the targets of a relation, or the units whose relation names this one)
/// match `where`, between `min` and `max`.
///
/// Constructs over the parent pass over units whose parent is missing or
/// names no unit: `orphan-unit` and `unknown-reference` report those, once.
struct CountCheck: Check {
  enum Source: Sendable, Equatable {
    case parent, children, ancestors
    case relation(String)
    case incoming(String)
  }

  let source: Source
  let filter: Selector?
  let minimum: Int?
  let maximum: Int?

  static let variables = ["count", "min", "max", "related"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    var ancestorCounts = AncestorCounts(parents: model.parentIndex)
    var findings: [Finding] = []
    for unit in units {
      switch source {
      case .parent:
        guard let parent = model.parentIndex[Int(unit)] else { continue }
        try count(CollectionOfOne(parent), of: unit, evaluation, into: &findings)
      case .children:
        try count(model.children(of: unit), of: unit, evaluation, into: &findings)
      case .ancestors:
        // Counted from the parent's count, so a deep chain stays linear; a
        // unit on or below a loop of parents is reporting-cycle's.
        guard model.parentIndex[Int(unit)] != nil, evaluation.context.depth[Int(unit)] != nil else { continue }
        let matchingAbove = try ancestorCounts.matching(above: unit) { candidate throws(EvaluationFailure) in
          try matches(candidate, evaluation)
        }
        if isWithinBounds(matchingAbove) { continue }
        findings.append(try finding(unit, evaluation.context.ancestors(of: unit), evaluation))
      case .relation(let name):
        let targets = model.units[Int(unit)].relation(name)?.targets.compactMap(\.target) ?? []
        try count(targets, of: unit, evaluation, into: &findings)
      case .incoming(let name):
        try count(evaluation.context.incoming(name, to: unit), of: unit, evaluation, into: &findings)
      }
    }
    return findings
  }

  /// Counts the related units that match `where`. The lists a finding
  /// names are made only for a finding: this runs for every selected unit.
  private func count(
    _ related: some Collection<Int32>, of unit: Int32, _ evaluation: Evaluation, into findings: inout [Finding]
  ) throws(EvaluationFailure) {
    var count = 0
    for candidate in related where try matches(candidate, evaluation) { count += 1 }
    guard !isWithinBounds(count) else { return }
    findings.append(try finding(unit, Array(related), evaluation))
  }

  private func matches(_ candidate: Int32, _ evaluation: Evaluation) throws(EvaluationFailure) -> Bool {
    guard !evaluation.context.model.units[Int(candidate)].isIncomplete else { return false }
    return try filter?.matches(candidate, evaluation) ?? true
  }

  private func isWithinBounds(_ count: Int) -> Bool {
    minimum.map { count >= $0 } ?? true && maximum.map { count <= $0 } ?? true
  }

  /// How many ancestors of each unit match, each computed once from its
  /// parent's (and whether the parent matches), walking up iteratively.
  struct AncestorCounts {
    let parents: [Int32?]
    var known: [Int32]

    init(parents: [Int32?]) {
      self.parents = parents
      known = [Int32](repeating: -1, count: parents.count)
    }

    mutating func matching(above unit: Int32, _ matches: (Int32) throws(EvaluationFailure) -> Bool)
      throws(EvaluationFailure) -> Int
    {
      var path: [Int32] = []
      var current: Int32? = unit
      while let position = current, known[Int(position)] < 0 {
        path.append(position)
        current = parents[Int(position)]
      }
      for position in path.reversed() {
        guard let parent = parents[Int(position)] else {
          known[Int(position)] = 0
          continue
        }
        known[Int(position)] = known[Int(parent)] + (try matches(parent) ? 1 : 0)
      }
      return Int(known[Int(unit)])
    }
  }

  /// The finding for a unit whose count of `related` is out of bounds,
  /// naming the ones that match.
  private func finding(_ unit: Int32, _ related: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure)
    -> Finding
  {
    var matching: [Int32] = []
    for candidate in related where try matches(candidate, evaluation) { matching.append(candidate) }
    return Finding(
      unit: unit,
      variables: [
        ("count", .int(matching.count)), ("min", minimum.map(ExprValue.int) ?? .null),
        ("max", maximum.map(ExprValue.int) ?? .null), ("related", .list(related.map(ExprValue.unit))),
      ])
  }
}
