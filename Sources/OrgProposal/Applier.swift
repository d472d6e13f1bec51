import OrgDiagnostics
import OrgModel
import OrgYAML

/// What a change did, for provenance: the units it touched (by their index
/// in the resulting model), the ids it removed, and the total headcount
/// around it.
public struct ChangeOutcome: Sendable {
  public var change: Change
  /// False when the change could not be applied as written.
  public var applied: Bool
  /// Units the change created, moved, renamed, updated, re-parented or
  /// orphaned, or whose child list or relations it altered.
  public var touched: Set<Int32> = []
  /// Of those, the units it gave a new parent, the units it renamed, and the
  /// units whose own keys it set (an update, or relations repointed).
  public var moved: Set<Int32> = []
  public var renamed: Set<Int32> = []
  public var edited: Set<Int32> = []
  /// Ids the change removed (merged, split or dissolved away).
  public var removed: [String] = []
  public var totalBefore: Int
  public var totalAfter: Int
  /// For a merge: the sources' headcounts summed, and the result's.
  public var sourcesHeadcount: Int?
  public var intoHeadcount: Int?
}

/// A proposal applied to its base.
public struct AppliedProposal: Sendable {
  public var proposal: Proposal
  public var before: Model
  public var after: Model
  public var outcomes: [ChangeOutcome]
  /// Changes that could not be applied: `invalid-change`, and
  /// `unknown-reference` for ids that name no unit, each at the change.
  public var diagnostics: [Diagnostic]
  /// For each unit of the result, its index in the base (nil if created).
  public var baseIndex: [Int32?]
  /// For each unit of the result, the change that created it.
  public var createdBy: [Int32: Int]
}

public enum ChangeRule {
  public static let invalidChange = "invalid-change"
  public static let unknownReference = "unknown-reference"
}

/// Applies changes in order, each on the result of the one before.
public struct Applier {
  /// Units by stable position: positions never move, removed ones are marked.
  var units: [Unit]
  var live: [Bool]
  var index: [String: Int32]
  var header: OrganisationHeader?
  var files: [String]
  var basePosition: [Int32?]
  var createdBy: [Int32: Int] = [:]
  /// What became of ids that no longer name a unit, for the message when a
  /// later change still uses one ("was merged into 'x' by change 1").
  var history: [String: String] = [:]
  var diagnostics: [Diagnostic] = []
  var outcome: ChangeOutcome!
  let proposalFile: UInt32

  public static func apply(_ proposal: Proposal, to base: Model) -> AppliedProposal {
    var applier = Applier(base: base, proposalFile: proposal.file)
    var outcomes: [ChangeOutcome] = []
    var total = applier.totalHeadcount()
    for change in proposal.changes {
      applier.outcome = ChangeOutcome(change: change, applied: true, totalBefore: total, totalAfter: total)
      applier.perform(change)
      total = applier.totalHeadcount()
      applier.outcome.totalAfter = total
      outcomes.append(applier.outcome)
    }
    return applier.finish(proposal: proposal, base: base, outcomes: outcomes)
  }

  init(base: Model, proposalFile: String) {
    units = base.units
    live = [Bool](repeating: true, count: base.units.count)
    header = base.header
    files = base.files + [proposalFile]
    self.proposalFile = UInt32(base.files.count)
    basePosition = base.units.indices.map { Int32($0) }
    index = [:]
    for (position, unit) in units.enumerated() where index[unit.id] == nil && !unit.isIncomplete {
      index[unit.id] = Int32(position)
    }
    // Parents by position from here on: the base's resolution is kept.
    for position in units.indices {
      units[position].parent?.target = base.parentIndex[position]
    }
  }

  // MARK: reporting

  /// A change that cannot be applied as written, at the part at fault; with
  /// the unit concerned and, when it existed before, its place in the baseline.
  mutating func invalid(_ message: String, at location: Location, unit: Int32? = nil) {
    diagnostics.append(
      Diagnostic(
        rule: ChangeRule.invalidChange, severity: .error, message: message, location: location,
        unit: unit.map { units[Int($0)].id }, change: outcome.change.index, related: baselineNote(unit)))
    outcome.applied = false
  }

  /// The live unit an id names, or nil after reporting `unknown-reference`.
  /// `subject` is the unit the change is about, when it is known: the
  /// finding names it and points at it in the baseline.
  mutating func resolve(_ ref: IDRef, _ what: String, about subject: Int32? = nil) -> Int32? {
    if let position = index[ref.id] { return position }
    var message = "\(what) '\(ref.id)' names no unit"
    if let fate = history[ref.id] {
      message += ": it \(fate)"
    } else if let match = closestMatch(to: ref.id, in: Array(index.keys).sorted()) {
      message += "; did you mean '\(match)'?"
    }
    diagnostics.append(
      Diagnostic(
        rule: ChangeRule.unknownReference, severity: .error, message: message, location: ref.location,
        unit: subject.map { units[Int($0)].id }, change: outcome.change.index, related: baselineNote(subject)))
    outcome.applied = false
    return nil
  }

  /// A related location at the unit in the baseline, when it was there.
  func baselineNote(_ unit: Int32?) -> [Diagnostic.Related] {
    guard let unit, basePosition[Int(unit)] != nil else { return [] }
    return [Diagnostic.Related(location(units[Int(unit)].at), "'\(units[Int(unit)].id)' in the baseline")]
  }

  // MARK: structure

  func children(of position: Int32) -> [Int32] {
    units.indices.lazy.filter { live[$0] && units[$0].parent?.target == position }.map(Int32.init)
  }

  func isSelfOrDescendant(_ candidate: Int32, of ancestor: Int32) -> Bool {
    var current: Int32? = candidate
    var steps = 0
    while let position = current, steps <= units.count {
      if position == ancestor { return true }
      current = units[Int(position)].parent?.target
      steps += 1
    }
    return false
  }

  func changeRef(_ location: Location) -> SourceRef {
    SourceRef(file: proposalFile, line: UInt32(location.line), column: UInt32(location.column))
  }

  mutating func setParent(_ position: Int32, to parent: Int32?) {
    outcome.touched.insert(position)
    outcome.moved.insert(position)
    if let old = units[Int(position)].parent?.target { outcome.touched.insert(old) }
    guard let parent else {
      units[Int(position)].parent = nil
      return
    }
    outcome.touched.insert(parent)
    units[Int(position)].parent = UnitReference(
      id: units[Int(parent)].id, at: changeRef(outcome.change.location), target: parent)
  }

  mutating func add(_ unit: Unit, parent: Int32?) -> Int32 {
    let position = Int32(units.count)
    var unit = unit
    unit.parent = nil
    units.append(unit)
    live.append(true)
    basePosition.append(nil)
    index[unit.id] = position
    history[unit.id] = nil
    createdBy[position] = outcome.change.index
    setParent(position, to: parent)
    return position
  }

  mutating func remove(_ position: Int32) {
    live[Int(position)] = false
    let id = units[Int(position)].id
    if index[id] == position { index[id] = nil }
    outcome.removed.append(id)
    if let parent = units[Int(position)].parent?.target { outcome.touched.insert(parent) }
  }

  /// Points every relation naming one of `ids` at `target` instead.
  mutating func repointRelations(from ids: Set<String>, to target: Int32) {
    let targetID = units[Int(target)].id
    for position in units.indices where live[position] {
      for r in units[position].relations.indices {
        var repointed = false
        for t in units[position].relations[r].targets.indices
        where ids.contains(units[position].relations[r].targets[t].id) {
          units[position].relations[r].targets[t].id = targetID
          units[position].relations[r].targets[t].target = target
          outcome.touched.insert(Int32(position))
          outcome.edited.insert(Int32(position))
          repointed = true
        }
        // A relation that named two of the sources names the result once.
        if repointed {
          var first = true
          units[position].relations[r].targets.removeAll { reference in
            guard reference.id == targetID else { return false }
            defer { first = false }
            return !first
          }
        }
      }
    }
  }

  /// An id for a new unit must be free (or freed by this very change).
  mutating func checkNewID(_ unit: Unit, freeing: Set<String> = []) -> Bool {
    guard index[unit.id] == nil || freeing.contains(unit.id) else {
      invalid("id '\(unit.id)' is already used by a unit", at: location(unit.at))
      return false
    }
    return true
  }

  func location(_ ref: SourceRef) -> Location {
    Location(file: files[Int(ref.file)], line: Int(ref.line), column: Int(ref.column))
  }

  // MARK: the operations

  mutating func perform(_ change: Change) {
    switch change.operation {
    case .merge(let sources, let into, let assign): merge(sources, into, assign)
    case .split(let source, let into, let assign): split(source, into, assign)
    case .transfer(let unit, let to, let except): transfer(unit, to, except)
    case .dissolve(let unit, let reassignTo): dissolve(unit, reassignTo)
    case .create(let unit): create(unit)
    case .rename(let unit, let name, let newID): rename(unit, name, newID)
    case .update(let unit, let set, let keys, let unset): update(unit, set, keys, unset)
    }
  }

  mutating func merge(_ sourceRefs: [IDRef], _ into: Unit, _ assign: [Assignment]) {
    var sources: [Int32] = []
    for ref in sourceRefs {
      guard let position = resolve(ref, "merge") else { continue }
      if sources.contains(position) {
        invalid("'\(ref.id)' is merged with itself: it is listed twice", at: ref.location, unit: position)
      }
      sources.append(position)
    }
    let sourceIDs = Set(sources.map { units[Int($0)].id })
    guard outcome.applied, sources.count >= 2, checkNewID(into, freeing: sourceIDs) else {
      outcome.applied = false
      return
    }
    var parent: Int32?
    if let parentRef = into.parent {
      parent = resolve(IDRef(parentRef.id, location(parentRef.at)), "into.parent")
      if let parent, sources.contains(where: { isSelfOrDescendant(parent, of: $0) }) {
        invalid("into.parent '\(parentRef.id)' lies inside a unit being merged", at: location(parentRef.at))
      }
    } else {
      let parents = Set(sources.map { units[Int($0)].parent?.target ?? -1 })
      if parents.count > 1 {
        invalid(
          "the merged units have different parents; say where the result goes with into.parent",
          at: outcome.change.location)
      }
      parent = parents.first.flatMap { $0 < 0 ? nil : $0 }
    }
    let childrenOfSources = sources.map { self.children(of: $0) }
    let orphans = childrenOfSources.joined().filter { !sources.contains($0) }
    let placements = assignments(assign, children: orphans, allowedNew: [into.id])
    guard outcome.applied else { return }

    let given = sources.compactMap { units[Int($0)].headcount }
    outcome.sourcesHeadcount = given.isEmpty ? nil : given.reduce(0, +)
    var merged = into
    if merged.headcount == nil { merged.headcount = outcome.sourcesHeadcount }
    // People placed directly in a source (all of a leaf source's people) are
    // placed directly in the merged unit, unless `into` says otherwise.
    if merged.directHeadcount == nil {
      let direct = zip(sources, childrenOfSources).compactMap { source, children -> Int? in
        let unit = units[Int(source)]
        return unit.directHeadcount ?? (children.isEmpty ? unit.headcount : nil)
      }
      if !direct.isEmpty { merged.directHeadcount = direct.reduce(0, +) }
    }
    outcome.intoHeadcount = merged.headcount
    merged.formerly += sources.map { units[Int($0)].id }.filter { $0 != merged.id && !merged.formerly.contains($0) }
    for source in sources {
      remove(source)
      history[units[Int(source)].id] = "was merged into '\(merged.id)' by change \(outcome.change.index)"
    }
    let result = add(merged, parent: parent)
    for child in orphans {
      setParent(child, to: placements[child] ?? result)
    }
    repointRelations(from: sourceIDs, to: result)
    if let root = header?.root, sourceIDs.contains(root.id) { header?.root = UnitReference(id: merged.id, at: root.at) }
  }

  mutating func split(_ sourceRef: IDRef, _ into: [Unit], _ assign: [Assignment]) {
    guard let source = resolve(sourceRef, "split") else { return }
    if isRoot(source) { invalid("the root '\(sourceRef.id)' cannot be split", at: sourceRef.location, unit: source) }
    var seen = Set<String>()
    for unit in into {
      if !seen.insert(unit.id).inserted {
        invalid("'\(unit.id)' is named twice in 'into'", at: location(unit.at))
      } else {
        _ = checkNewID(unit, freeing: [sourceRef.id])
      }
    }
    let children = self.children(of: source)
    let placements = assignments(assign, children: children, allowedNew: into.map(\.id))
    var parents: [Int32?] = []
    for unit in into {
      if let parentRef = unit.parent {
        parents.append(resolve(IDRef(parentRef.id, location(parentRef.at)), "parent"))
      } else {
        parents.append(units[Int(source)].parent?.target)
      }
    }
    guard outcome.applied else { return }
    remove(source)
    history[sourceRef.id] =
      "was split into \(into.map { "'\($0.id)'" }.joined(separator: ", ")) by change \(outcome.change.index)"
    var created: [String: Int32] = [:]
    for (unit, parent) in zip(into, parents) { created[unit.id] = add(unit, parent: parent) }
    let assignedTo = Dictionary(assign.map { ($0.child.id, $0.target.id) }, uniquingKeysWith: { first, _ in first })
    for child in children {
      if let placement = placements[child] {
        setParent(child, to: placement)
      } else if let newID = assignedTo[units[Int(child)].id], let target = created[newID] {
        setParent(child, to: target)
      } else {
        setParent(child, to: nil)  // not assigned: orphaned, as the contract says
      }
    }
  }

  mutating func transfer(_ unitRef: IDRef, _ toRef: IDRef, _ except: [IDRef]) {
    guard let unit = resolve(unitRef, "transfer"), let to = resolve(toRef, "to", about: unit) else { return }
    if isSelfOrDescendant(to, of: unit) {
      invalid(
        to == unit
          ? "'\(unitRef.id)' cannot be moved under itself"
          : "'\(unitRef.id)' cannot be moved under '\(toRef.id)', which lies inside it",
        at: toRef.location, unit: unit)
    }
    let children = self.children(of: unit)
    var staying: [Int32] = []
    for ref in except {
      guard let child = resolve(ref, "except", about: unit) else { continue }
      if children.contains(child) {
        staying.append(child)
      } else {
        invalid(
          "'\(ref.id)' is not a child of '\(unitRef.id)', so it cannot stay behind", at: ref.location, unit: child)
      }
    }
    guard outcome.applied else { return }
    let oldParent = units[Int(unit)].parent?.target
    setParent(unit, to: to)
    for child in staying { setParent(child, to: oldParent) }
  }

  mutating func dissolve(_ unitRef: IDRef, _ reassignRef: IDRef?) {
    guard let unit = resolve(unitRef, "dissolve") else { return }
    if isRoot(unit) { invalid("the root '\(unitRef.id)' cannot be dissolved", at: unitRef.location, unit: unit) }
    var target: Int32?
    if let reassignRef {
      target = resolve(reassignRef, "reassign_to", about: unit)
      if let target, isSelfOrDescendant(target, of: unit) {
        invalid(
          "the children of '\(unitRef.id)' cannot go to '\(reassignRef.id)', which is dissolved with it",
          at: reassignRef.location)
      }
    }
    guard outcome.applied else { return }
    let children = self.children(of: unit)
    remove(unit)
    history[unitRef.id] = "was dissolved by change \(outcome.change.index)"
    for child in children { setParent(child, to: target) }
  }

  mutating func create(_ unit: Unit) {
    guard checkNewID(unit) else { return }
    var parent: Int32?
    if let parentRef = unit.parent {
      guard let resolved = resolve(IDRef(parentRef.id, location(parentRef.at)), "parent") else { return }
      parent = resolved
    }
    _ = add(unit, parent: parent)
  }

  mutating func rename(_ unitRef: IDRef, _ name: String?, _ newID: IDRef?) {
    guard let unit = resolve(unitRef, "rename") else { return }
    if let newID, newID.id != unitRef.id, index[newID.id] != nil {
      invalid("id '\(newID.id)' is already used by a unit", at: newID.location)
      return
    }
    outcome.touched.insert(unit)
    outcome.renamed.insert(unit)
    if let name { units[Int(unit)].name = name }
    guard let newID, newID.id != unitRef.id else { return }
    let oldID = unitRef.id
    units[Int(unit)].id = newID.id
    units[Int(unit)].formerly.append(oldID)
    index[oldID] = nil
    index[newID.id] = unit
    history[oldID] = "was renamed to '\(newID.id)' by change \(outcome.change.index)"
    history[newID.id] = nil
    // Every reference follows the new id.
    for position in units.indices where live[position] {
      if units[position].parent?.target == unit { units[position].parent?.id = newID.id }
      for r in units[position].relations.indices {
        for t in units[position].relations[r].targets.indices where units[position].relations[r].targets[t].id == oldID
        {
          units[position].relations[r].targets[t].id = newID.id
        }
      }
    }
    if header?.root?.id == oldID { header?.root?.id = newID.id }
  }

  mutating func update(_ unitRef: IDRef, _ set: Unit, _ keys: [UnitKey], _ unset: [(key: UnitKey, location: Location)])
  {
    guard let unit = resolve(unitRef, "update") else { return }
    outcome.touched.insert(unit)
    outcome.edited.insert(unit)
    var u = units[Int(unit)]
    for key in keys {
      switch key {
      case .name: u.name = set.name
      case .kind: u.kind = set.kind
      case .headcount: u.headcount = set.headcount
      case .directHeadcount: u.directHeadcount = set.directHeadcount
      case .roles: u.roles = set.roles
      case .relations: u.relations = set.relations
      case .attributes: u.attributes = set.attributes
      case .manager: u.manager = set.manager
      case .description: u.description = set.description
      case .formerly: u.formerly = set.formerly
      case .suppress: u.suppressions = set.suppressions
      case .id, .parent, .units: break
      }
      if let position = set.keyPositions[key] { u.keyPositions[key] = position }
    }
    for (key, _) in unset {
      switch key {
      case .headcount: u.headcount = nil
      case .directHeadcount: u.directHeadcount = nil
      case .roles: u.roles = []
      case .relations: u.relations = []
      case .attributes: u.attributes = nil
      case .manager: u.manager = nil
      case .description: u.description = nil
      case .formerly: u.formerly = []
      case .suppress: u.suppressions = []
      case .id, .name, .kind, .parent, .units: break
      }
      u.keyPositions[key] = nil
    }
    units[Int(unit)] = u
    // New relation targets are resolved when the result is built.
  }

  /// `assign:` entries checked against the children of the changed units;
  /// targets may be a unit the change creates (`allowedNew`) or any unit.
  mutating func assignments(_ assign: [Assignment], children: [Int32], allowedNew: [String]) -> [Int32: Int32] {
    var placements: [Int32: Int32] = [:]
    for entry in assign {
      guard let child = resolve(entry.child, "assign") else { continue }
      guard children.contains(child) else {
        invalid(
          "'\(entry.child.id)' is not a child of the units this change replaces", at: entry.child.location, unit: child)
        continue
      }
      if allowedNew.contains(entry.target.id) { continue }  // placed once the new unit exists
      if let target = resolve(entry.target, "the target of '\(entry.child.id)'") { placements[child] = target }
    }
    return placements
  }

  func isRoot(_ position: Int32) -> Bool {
    // As `Model.root`: a root that names no unit does not hide the first parentless one.
    if let root = header?.root, let rootPosition = index[root.id] { return rootPosition == position }
    return units.indices.first { live[$0] && units[$0].parent == nil } == Int(position)
  }

  // MARK: headcount

  /// The sum of `headcount` over the units that give one and have no
  /// ancestor that gives one. Linear: each unit's "covered" state is
  /// computed once.
  func totalHeadcount() -> Int {
    var covered = [UInt8](repeating: 0, count: units.count)  // 0 unknown, 1 visiting, 2 no, 3 yes
    var total = 0
    var path: [Int] = []
    for start in units.indices where live[start] {
      // Is the parent chain above `start` giving a headcount somewhere?
      path.removeAll(keepingCapacity: true)
      var current = units[start].parent?.target.map(Int.init)
      var answer: UInt8 = 2
      while let position = current, live[position] {
        if covered[position] >= 2 {
          answer = covered[position]
          break
        }
        if covered[position] == 1 { break }  // a loop: nothing above it counts
        if units[position].headcount != nil {
          answer = 3
          break
        }
        covered[position] = 1
        path.append(position)
        current = units[position].parent?.target.map(Int.init)
      }
      for position in path { covered[position] = answer }
      if answer == 2, let headcount = units[start].headcount { total += headcount }
      if covered[start] == 0 && units[start].headcount == nil { covered[start] = answer }
      if units[start].headcount != nil { covered[start] = 3 }
    }
    return total
  }

  // MARK: the result

  mutating func finish(proposal: Proposal, base: Model, outcomes: [ChangeOutcome]) -> AppliedProposal {
    var newIndex = [Int32?](repeating: nil, count: units.count)
    var result = Model()
    result.files = files
    result.header = header
    var baseIndex: [Int32?] = []
    for position in units.indices where live[position] {
      newIndex[position] = Int32(result.units.count)
      result.units.append(units[position])
      baseIndex.append(basePosition[position])
    }
    for i in result.units.indices {
      // Parents stay linked by position (duplicated ids keep their nesting);
      // relations and the rest resolve by id.
      if let target = result.units[i].parent?.target {
        result.units[i].parent?.target = newIndex[Int(target)]
        if newIndex[Int(target)] == nil { result.units[i].parent?.target = nil }
      }
      for r in result.units[i].relations.indices {
        for t in result.units[i].relations[r].targets.indices { result.units[i].relations[r].targets[t].target = nil }
      }
    }
    result.resolve()
    var remapped = outcomes
    for k in remapped.indices {
      remapped[k].touched = Set(remapped[k].touched.compactMap { newIndex[Int($0)] })
      remapped[k].moved = Set(remapped[k].moved.compactMap { newIndex[Int($0)] })
      remapped[k].renamed = Set(remapped[k].renamed.compactMap { newIndex[Int($0)] })
      remapped[k].edited = Set(remapped[k].edited.compactMap { newIndex[Int($0)] })
    }
    var created: [Int32: Int] = [:]
    for (position, change) in createdBy { if let i = newIndex[Int(position)] { created[i] = change } }
    return AppliedProposal(
      proposal: proposal, before: base, after: result, outcomes: remapped, diagnostics: diagnostics,
      baseIndex: baseIndex, createdBy: created)
  }
}
