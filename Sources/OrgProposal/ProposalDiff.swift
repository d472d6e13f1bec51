import OrgModel

/// What a proposal changes, unit by unit, for `orglint diff` and reports:
/// units added, removed, merged, split, moved and renamed, relations
/// repointed, and headcounts per unit and in total. Each entry names the
/// change that caused it.
public struct ProposalDiff: Sendable {
  public struct Entry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
      case added, removed, merged, split, moved, renamed, repointed, headcount
    }

    public var kind: Kind
    /// The unit's id in the result (or in the base, for removed units).
    public var unit: String
    public var before: String?
    public var after: String?
    public var change: Int?
  }

  public var entries: [Entry] = []
  public var totalBefore: Int
  public var totalAfter: Int
  public var unitsBefore: Int
  public var unitsAfter: Int

  public init(_ applied: AppliedProposal) {
    let before = applied.before
    let after = applied.after
    totalBefore = applied.outcomes.first?.totalBefore ?? 0
    totalAfter = applied.outcomes.last?.totalAfter ?? totalBefore
    unitsBefore = before.units.count
    unitsAfter = after.units.count

    var survivors = Set<Int32>()
    for (index, baseIndex) in applied.baseIndex.enumerated() {
      guard let baseIndex else { continue }
      survivors.insert(baseIndex)
      compare(before: baseIndex, after: Int32(index), applied)
    }
    // Merges and splits are told as such; other new units are additions.
    for outcome in applied.outcomes where outcome.applied {
      let created = applied.createdBy.filter { $0.value == outcome.change.index }.keys.sorted()
        .map { after.units[Int($0)].id }
      switch outcome.change.operation {
      case .merge:
        for id in created {
          entries.append(
            Entry(
              kind: .merged, unit: id, before: outcome.removed.joined(separator: ", "), after: id,
              change: outcome.change.index))
        }
      case .split:
        entries.append(
          Entry(
            kind: .split, unit: outcome.removed.first ?? "", before: outcome.removed.first,
            after: created.joined(separator: ", "), change: outcome.change.index))
      default:
        for id in created {
          entries.append(
            Entry(
              kind: .added, unit: id, before: nil, after: after.units[Int(after.unit(withID: id)!)].name,
              change: outcome.change.index))
        }
        for id in outcome.removed {
          let name = before.unit(withID: id).map { before.units[Int($0)].name }
          entries.append(Entry(kind: .removed, unit: id, before: name, after: nil, change: outcome.change.index))
        }
      }
    }
    for (index, unit) in after.units.enumerated() where applied.baseIndex[index] == nil {
      if let headcount = unit.headcount {
        entries.append(
          Entry(
            kind: .headcount, unit: unit.id, before: nil, after: "\(headcount)", change: applied.createdBy[Int32(index)]
          ))
      }
    }
    for (index, unit) in before.units.enumerated() where !survivors.contains(Int32(index)) {
      if let headcount = unit.headcount {
        entries.append(
          Entry(
            kind: .headcount, unit: unit.id, before: "\(headcount)", after: nil, change: remover(of: unit.id, applied)))
      }
    }
  }

  private func remover(of id: String, _ applied: AppliedProposal) -> Int? {
    applied.outcomes.last { $0.removed.contains(id) }?.change.index
  }

  private mutating func compare(before baseIndex: Int32, after index: Int32, _ applied: AppliedProposal) {
    let old = applied.before.units[Int(baseIndex)]
    let new = applied.after.units[Int(index)]
    // Each entry names the last change that did that very thing.
    func last(_ did: (ChangeOutcome) -> Set<Int32>) -> Int? {
      applied.outcomes.last { did($0).contains(index) }?.change.index
    }
    let change = last(\.touched)
    if old.id != new.id || old.name != new.name {
      entries.append(
        Entry(
          kind: .renamed, unit: new.id, before: "\(old.id) \"\(old.name)\"", after: "\(new.id) \"\(new.name)\"",
          change: last(\.renamed)))
    }
    let oldParent = applied.before.parentIndex[Int(baseIndex)]
    let newParent = applied.after.parentIndex[Int(index)]
    let newParentBase = newParent.flatMap { applied.baseIndex[Int($0)] }
    if oldParent != newParentBase || (newParent != nil && newParentBase == nil) {
      entries.append(
        Entry(
          kind: .moved, unit: new.id, before: oldParent.map { applied.before.units[Int($0)].id } ?? "(no parent)",
          after: newParent.map { applied.after.units[Int($0)].id } ?? "(no parent)", change: last(\.moved)))
    }
    // A relation is repointed when it names other units than before (not
    // merely the same units under new ids).
    for relation in new.relations {
      let oldRelation = old.relation(relation.name)?.targets ?? []
      let oldTargets = oldRelation.map(\.id)
      let newTargets = relation.targets.map(\.id)
      let sameUnits =
        oldRelation.map(\.target) == relation.targets.map { $0.target.flatMap { applied.baseIndex[Int($0)] } }
      if !sameUnits || (oldRelation.contains { $0.target == nil } && oldTargets != newTargets) {
        entries.append(
          Entry(
            kind: .repointed, unit: new.id, before: "\(relation.name): \(oldTargets.joined(separator: ", "))",
            after: "\(relation.name): \(newTargets.joined(separator: ", "))", change: last(\.edited) ?? change))
      }
    }
    if old.headcount != new.headcount {
      entries.append(
        Entry(
          kind: .headcount, unit: new.id, before: old.headcount.map(String.init), after: new.headcount.map(String.init),
          change: last(\.edited) ?? change))
    }
  }
}
