import OrgDiagnostics
import OrgYAML

/// The `organisation:` header of a model.
public struct OrganisationHeader: Sendable {
  public var id: String?
  public var name: String?
  public var asOf: String?
  public var root: UnitReference?
  public var at: SourceRef
}

/// An organisation: its units from every file of the model, with the links
/// between them resolved into indices once, so that every rule walks arrays.
public struct Model: Sendable {
  /// Files in the order they were read; `SourceRef.file` indexes this.
  public var files: [String] = []
  public var header: OrganisationHeader?
  public var units: [Unit] = []

  /// id → index of the first unit with that id.
  private var index = IDIndex()
  /// Index of each unit's parent; nil when it has none or it names no unit.
  public private(set) var parentIndex: [Int32?] = []
  /// The root: `organisation.root`, or else the first unit without a parent.
  public private(set) var root: Int32?
  private var childStart: [Int32] = []
  private var childList: [Int32] = []

  public init() {}

  public func location(_ ref: SourceRef) -> Location {
    Location(file: files[Int(ref.file)], line: Int(ref.line), column: Int(ref.column))
  }

  public func unit(withID id: String) -> Int32? { index.first(id, in: units) }

  /// Each unit whose id an earlier unit already has, with the first unit
  /// that has it, in model order.
  public var repeatedIDs: [(unit: Int32, first: Int32)] { index.repeats }

  public func children(of unit: Int32) -> ArraySlice<Int32> {
    childList[Int(childStart[Int(unit)])..<Int(childStart[Int(unit) + 1])]
  }

  /// Resolves ids into indices: the id index, parents, children, relation
  /// targets and the root. Linear in the number of units and references.
  public mutating func resolve() {
    index = IDIndex(units)
    parentIndex = [Int32?](repeating: nil, count: units.count)
    var childCount = [Int32](repeating: 0, count: units.count + 1)
    // Looking ids up only reads, so it runs on all cores; the answers are
    // then written in one pass, in the order they were asked.
    for (range, answers) in Self.lookUpReferences(in: units, index) {
      var answer = answers.makeIterator()
      func next() -> Int32? {
        let found = answer.next()!
        return found < 0 ? nil : found
      }
      for position in range {
        for r in units[position].relations.indices {
          for t in units[position].relations[r].targets.indices {
            units[position].relations[r].targets[t].target = next()
          }
        }
        guard let parent = units[position].parent else { continue }
        let target = parent.target ?? next()
        units[position].parent?.target = target
        parentIndex[position] = target
        if let target { childCount[Int(target)] += 1 }
      }
    }
    // Children in a compressed adjacency list, kept in model order.
    childStart = [Int32](repeating: 0, count: units.count + 1)
    var running: Int32 = 0
    for position in 0..<units.count {
      childStart[position] = running
      running += childCount[position]
    }
    childStart[units.count] = running
    childList = [Int32](repeating: 0, count: Int(running))
    var fill = childStart
    for position in units.indices {
      if let parent = parentIndex[position] {
        childList[Int(fill[Int(parent)])] = Int32(position)
        fill[Int(parent)] += 1
      }
    }
    let rootTarget = header?.root.flatMap { unit(withID: $0.id) }
    header?.root?.target = rootTarget
    // A root that names no unit is reported once (unknown-reference); the
    // first unit without a parent stands in, so that it is not an orphan too.
    root = rootTarget ?? units.indices.first { units[$0].parent == nil }.map(Int32.init)
  }

  /// The unit each relation target names, and each parent not yet known by
  /// nesting, slice by slice of the units; -1 where no unit has the id.
  private static func lookUpReferences(in units: [Unit], _ index: IDIndex) -> [(Range<Int>, [Int32])] {
    parallelMap(slices(of: units.count)) { range in
      var answers: [Int32] = []
      for position in range {
        for relation in units[position].relations {
          for target in relation.targets { answers.append(index.first(target.id, in: units) ?? -1) }
        }
        if let parent = units[position].parent, parent.target == nil {
          answers.append(index.first(parent.id, in: units) ?? -1)
        }
      }
      return (range, answers)
    }
  }

  /// For each unit, whether it lies on a loop of parent links. Each unit is
  /// walked once, so this is linear.
  public func unitsOnParentLoops() -> [Bool] {
    var state = [UInt8](repeating: 0, count: units.count)  // 0 new, 1 on the current walk, 2 done
    var onLoop = [Bool](repeating: false, count: units.count)
    var path: [Int] = []
    for start in units.indices where state[start] == 0 {
      path.removeAll(keepingCapacity: true)
      var current: Int? = start
      while let unit = current, state[unit] == 0 {
        state[unit] = 1
        path.append(unit)
        current = parentIndex[unit].map(Int.init)
      }
      if let unit = current, state[unit] == 1, let loopStart = path.firstIndex(of: unit) {
        for member in path[loopStart...] { onLoop[member] = true }
      }
      for unit in path { state[unit] = 2 }
    }
    return onLoop
  }
}
