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

    var label: String {
      switch self {
      case .parent: "parent"
      case .children: "children"
      case .ancestors: "ancestors"
      case .relation(let name): "relation '\(name)'"
      case .incoming(let name): "units naming it as '\(name)'"
      }
    }
  }

  let source: Source
  let filter: Selector?
  let minimum: Int?
  let maximum: Int?

  static let variables = ["count", "min", "max", "related"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    var findings: [Finding] = []
    for unit in units {
      let related: [Int32]
      switch source {
      case .parent:
        guard let parent = model.parentIndex[Int(unit)] else { continue }
        related = [parent]
      case .children:
        related = Array(model.children(of: unit))
      case .ancestors:
        guard model.parentIndex[Int(unit)] != nil else { continue }
        related = evaluation.context.ancestors(of: unit)
      case .relation(let name):
        related = model.units[Int(unit)].relation(name)?.targets.compactMap(\.target) ?? []
      case .incoming(let name):
        related = evaluation.context.incoming(name, to: unit)
      }
      var matching: [Int32] = []
      for candidate in related where !model.units[Int(candidate)].isIncomplete {
        if try filter?.matches(candidate, evaluation) ?? true { matching.append(candidate) }
      }
      let tooFew = minimum.map { matching.count < $0 } ?? false
      let tooMany = maximum.map { matching.count > $0 } ?? false
      if tooFew || tooMany { findings.append(finding(unit, matching, related)) }
    }
    return findings
  }

  private func finding(_ unit: Int32, _ matching: [Int32], _ related: [Int32]) -> Finding {
    Finding(
      unit: unit,
      variables: [
        ("count", .int(matching.count)), ("min", minimum.map(ExprValue.int) ?? .null),
        ("max", maximum.map(ExprValue.int) ?? .null), ("related", .list(related.map(ExprValue.unit))),
      ])
  }
}
