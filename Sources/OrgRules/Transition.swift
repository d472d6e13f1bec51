import OrgDiagnostics
import OrgModel
import OrgProposal

/// What transition rules see of a proposal: the model before it, how the
/// units of the result map to the units before, which units the changes
/// touched, and each change's figures.
public struct Transition: Sendable {
  let before: ModelContext
  /// For each unit of the result, its index before the proposal (nil if new).
  let baseIndex: [Int32?]
  /// Units of the result that a change created, moved, renamed or updated.
  let changed: Set<Int32>
  let changes: [ChangeOutcome]

  public init(_ applied: AppliedProposal) {
    before = ModelContext(applied.before)
    baseIndex = applied.baseIndex
    changed = applied.outcomes.reduce(into: Set(applied.createdBy.keys)) { $0.formUnion($1.touched) }
    changes = applied.outcomes
  }

  /// A change as expressions see it (`change.kind`, `change.total_after`, …).
  func value(of outcome: ChangeOutcome) -> ExprValue {
    let change = outcome.change
    return .map([
      ("index", .int(change.index)),
      ("kind", .string(change.kind)),
      ("applied", .bool(outcome.applied)),
      ("headcount_delta", .int(change.headcountDelta ?? 0)),
      ("declares_delta", .bool(change.headcountDelta != nil)),
      ("reason", change.reason.map(ExprValue.string) ?? .null),
      ("total_before", .int(outcome.totalBefore)),
      ("total_after", .int(outcome.totalAfter)),
      ("sources_headcount", outcome.sourcesHeadcount.map(ExprValue.int) ?? .null),
      ("into_headcount", outcome.intoHeadcount.map(ExprValue.int) ?? .null),
    ])
  }
}
