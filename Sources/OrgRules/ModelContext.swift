import OrgModel

/// A model with the indices every rule shares, computed once and in linear
/// time before the rules run: reverse relations, the units on parent cycles,
/// and each unit's depth.
final class ModelContext: Sendable {
  let model: Model
  /// For each relation name, the units whose relation points at each unit.
  let incoming: [String: [Int32: [Int32]]]
  /// True for the units on a loop of `parent` links.
  let onParentCycle: [Bool]
  /// Distance to the top of the unit's parent chain; nil on or below a loop.
  let depth: [Int32?]

  /// The units whose relation `name` points at `unit`.
  func incoming(_ name: String, to unit: Int32) -> [Int32] { incoming[name]?[unit] ?? [] }

  init(_ model: Model) {
    self.model = model
    let parents = model.parentIndex.map { $0 ?? -1 }
    onParentCycle = model.unitsOnParentLoops()
    depth = Self.depths(parents: parents, onCycle: onParentCycle)
    incoming = Self.reverseRelations(model)
  }

  private static func depths(parents: [Int32], onCycle: [Bool]) -> [Int32?] {
    var depth = [Int32?](repeating: nil, count: parents.count)
    var known = [Bool](repeating: false, count: parents.count)
    var path: [Int32] = []
    for start in parents.indices where !known[start] {
      path.removeAll(keepingCapacity: true)
      var current = Int32(start)
      // Walk up until a unit whose depth is known, the top, or a loop.
      while current >= 0 && !known[Int(current)] && !onCycle[Int(current)] {
        path.append(current)
        current = parents[Int(current)]
      }
      var base: Int32? =
        current < 0 ? -1 : (onCycle[Int(current)] ? nil : depth[Int(current)])
      for unit in path.reversed() {
        base = base.map { $0 + 1 }
        depth[Int(unit)] = base
        known[Int(unit)] = true
      }
    }
    return depth
  }

  /// Sources by target, per relation name: memory in proportion to the
  /// relations written, however many names there are.
  private static func reverseRelations(_ model: Model) -> [String: [Int32: [Int32]]] {
    var result: [String: [Int32: [Int32]]] = [:]
    for source in model.units.indices {
      for relation in model.units[source].relations {
        for target in relation.targets {
          guard let index = target.target else { continue }
          result[relation.name, default: [:]][index, default: []].append(Int32(source))
        }
      }
    }
    return result
  }

  /// The unit's ancestors, nearest first; stops at a loop.
  func ancestors(of unit: Int32) -> [Int32] {
    var result: [Int32] = []
    var current = model.parentIndex[Int(unit)]
    if depth[Int(unit)] != nil {  // no loop above: no need to remember the way
      while let parent = current {
        result.append(parent)
        current = model.parentIndex[Int(parent)]
      }
      return result
    }
    var seen = Set<Int32>([unit])
    while let parent = current, seen.insert(parent).inserted {
      result.append(parent)
      current = model.parentIndex[Int(parent)]
    }
    return result
  }

  /// The selected units grouped by parent, each group in model order, the
  /// groups in the order of their parents; units without a parent are left
  /// out. Walks the model's child lists: no hashing per unit.
  func siblingGroups(of selected: [Int32]) -> [ArraySlice<Int32>] {
    var isSelected = [Bool](repeating: false, count: model.units.count)
    for unit in selected { isSelected[Int(unit)] = true }
    var members: [Int32] = []
    var bounds: [Range<Int>] = []
    for parent in model.units.indices {
      let start = members.count
      for child in model.children(of: Int32(parent)) where isSelected[Int(child)] { members.append(child) }
      if members.count > start { bounds.append(start..<members.count) }
    }
    return bounds.map { members[$0] }
  }
}

/// A declarative construct of the rule language.
protocol Check: Sendable {
  /// Names this construct gives to its message.
  static var variables: [String] { get }
  /// Findings among the selected units. Must be linear in the model's size.
  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding]
}
