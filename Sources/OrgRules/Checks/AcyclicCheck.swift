import OrgModel

/// `acyclic`: no loop of `parent` links (or of a named relation). Every unit
/// on a loop is reported once; units that merely hang below a loop are not.
struct AcyclicCheck: Check {
  /// nil: the `parent` links; else the relation of that name.
  let relation: String?

  static let variables = ["cycle", "length"]

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    let components: [Int32: [Int32]]  // unit on a loop → the loop's units
    if let relation {
      components = Self.loops(count: model.units.count) { unit in
        model.units[Int(unit)].relation(relation)?.targets.compactMap(\.target) ?? []
      }
    } else {
      components = Self.loops(count: model.units.count) { unit in
        evaluation.context.onParentCycle[Int(unit)] ? (model.parentIndex[Int(unit)].map { [$0] } ?? []) : []
      }
    }
    var descriptions: [Int32: String] = [:]  // keyed by the loop's first unit, shared by its members
    var findings: [Finding] = []
    for unit in units {
      guard let loop = components[unit] else { continue }
      let key = loop[0]
      if descriptions[key] == nil {
        let shown = loop.prefix(6).map { model.units[Int($0)].id }
        descriptions[key] =
          (shown + [loop.count > 6 ? "… (\(loop.count) units)" : model.units[Int(loop[0])].id]).joined(separator: " → ")
      }
      findings.append(
        Finding(
          unit: unit, at: relation == nil ? model.units[Int(unit)].parent?.at : nil,
          variables: [("cycle", .string(descriptions[key]!)), ("length", .int(loop.count))]))
    }
    return findings
  }

  /// The strongly connected components with a loop (Tarjan's algorithm,
  /// iterative so that a million-long chain cannot overflow the stack).
  /// Each member maps to its component, in the order the loop is walked.
  static func loops(count: Int, successors: (Int32) -> [Int32]) -> [Int32: [Int32]] {
    var index = [Int32](repeating: -1, count: count)
    var lowLink = [Int32](repeating: 0, count: count)
    var onStack = [Bool](repeating: false, count: count)
    var stack: [Int32] = []
    var next: Int32 = 0
    var result: [Int32: [Int32]] = [:]
    // Each frame: a unit and its successors still to visit.
    var frames: [(unit: Int32, successors: [Int32], position: Int)] = []
    for start in 0..<Int32(count) where index[Int(start)] < 0 {
      let startSuccessors = successors(start)
      if startSuccessors.isEmpty { continue }
      index[Int(start)] = next
      lowLink[Int(start)] = next
      next += 1
      stack.append(start)
      onStack[Int(start)] = true
      frames.append((start, startSuccessors, 0))
      while !frames.isEmpty {
        let top = frames.count - 1
        let unit = frames[top].unit
        if frames[top].position < frames[top].successors.count {
          let successor = frames[top].successors[frames[top].position]
          frames[top].position += 1
          if index[Int(successor)] < 0 {
            index[Int(successor)] = next
            lowLink[Int(successor)] = next
            next += 1
            stack.append(successor)
            onStack[Int(successor)] = true
            frames.append((successor, successors(successor), 0))
          } else if onStack[Int(successor)] {
            lowLink[Int(unit)] = min(lowLink[Int(unit)], index[Int(successor)])
          }
          continue
        }
        frames.removeLast()
        if let parentFrame = frames.last {
          lowLink[Int(parentFrame.unit)] = min(lowLink[Int(parentFrame.unit)], lowLink[Int(unit)])
        }
        guard lowLink[Int(unit)] == index[Int(unit)] else { continue }
        var component: [Int32] = []
        while let member = stack.popLast() {
          onStack[Int(member)] = false
          component.append(member)
          if member == unit { break }
        }
        let isLoop = component.count > 1 || successors(unit).contains(unit)
        if isLoop {
          component.reverse()
          for member in component { result[member] = component }
        }
      }
    }
    return result
  }
}
