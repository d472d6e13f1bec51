import OrgDiagnostics
import OrgModel
import OrgProposal

/// Checks a proposal: its base, its result, and the transition between them.
/// A finding in the result that was not in the base is attributed to the
/// change that caused it: it points into that change in the proposal file,
/// carries the change's index, and has a related location at the affected
/// unit in the baseline. Findings the base already had are marked as such.
public enum ProposalCheck {
  public static let baselineSuffix = " (already in the baseline)"

  public static func run(
    _ loaded: LoadedProposal, rules: [Rule], settings: Engine.Settings = Engine.Settings(),
    knownRuleIDs: Set<String>, showBaseline: Bool = true
  ) throws(EvaluationFailure) -> [Diagnostic] {
    // A base that is not well-formed YAML was not read whole: its syntax
    // errors are the finding, not what the changes then miss.
    if loaded.hasSyntaxError { return loaded.baseDiagnostics.sorted(by: Diagnostic.reportOrder) }
    let applied = loaded.applied
    let active = Set(rules.map(\.id))
    let baseFindings = try Engine.evaluate(
      rules, on: applied.before, transition: nil, settings: settings, knownRuleIDs: knownRuleIDs)
    let known = Set(baseFindings.map { key($0.diagnostic, unitID: $0.unit.map { applied.before.units[Int($0)].id }) })
    let resultFindings = try Engine.evaluate(
      rules, on: applied.after, transition: Transition(applied), settings: settings, knownRuleIDs: knownRuleIDs)

    var diagnostics = loaded.proposalDiagnostics + applied.diagnostics.filter { active.contains($0.rule) }
    if showBaseline {
      diagnostics += loaded.baseDiagnostics.map(markedAsBaseline)
    }
    var neighbours: Neighbours?
    for (diagnostic, unit) in resultFindings {
      if diagnostic.change != nil {
        diagnostics.append(diagnostic)  // a transition rule, already at its change
        continue
      }
      let baseUnit = unit.flatMap { applied.baseIndex[Int($0)] }
      let baseID = baseUnit.map { applied.before.units[Int($0)].id }
      if (unit == nil || baseUnit != nil) && known.contains(key(diagnostic, unitID: baseID)) {
        if showBaseline { diagnostics.append(markedAsBaseline(diagnostic)) }
        continue
      }
      diagnostics.append(attribute(diagnostic, unit: unit, baseUnit: baseUnit, in: applied, neighbours: &neighbours))
    }
    return diagnostics.sorted(by: Diagnostic.reportOrder)
  }

  /// What makes two findings the same across the proposal: the rule and the
  /// unit (as it was named in the base); for findings about no unit, the text.
  private static func key(_ diagnostic: Diagnostic, unitID: String?) -> String {
    diagnostic.rule + "\u{0}" + (unitID ?? "\u{0}" + diagnostic.message)
  }

  private static func markedAsBaseline(_ diagnostic: Diagnostic) -> Diagnostic {
    var marked = diagnostic
    marked.message += baselineSuffix
    return marked
  }

  /// Points a new finding at the change that caused it: the last change that
  /// touched its unit, the change that removed a unit it still refers to, or
  /// else the change that last touched what is around it (see `cause`).
  private static func attribute(
    _ diagnostic: Diagnostic, unit: Int32?, baseUnit: Int32?, in applied: AppliedProposal,
    neighbours: inout Neighbours?
  ) -> Diagnostic {
    guard let unit, let outcome = cause(of: unit, in: applied, neighbours: &neighbours) else { return diagnostic }
    var attributed = diagnostic
    attributed.change = outcome.change.index
    // A unit the change itself wrote (into:, create:) is the exact place;
    // otherwise the change as a whole.
    if applied.createdBy[unit] != outcome.change.index {
      attributed.location = outcome.change.location
    }
    if let baseUnit {
      let before = applied.before
      attributed.related.insert(
        Diagnostic.Related(
          before.location(before.units[Int(baseUnit)].at), "'\(before.units[Int(baseUnit)].id)' in the baseline"),
        at: 0)
    }
    return attributed
  }

  private static func cause(of unit: Int32, in applied: AppliedProposal, neighbours: inout Neighbours?)
    -> ChangeOutcome?
  {
    func lastTouching(_ unit: Int32) -> ChangeOutcome? { applied.outcomes.last { $0.touched.contains(unit) } }
    if let touching = lastTouching(unit) { return touching }
    // A reference left dangling: the change that removed what it names.
    let after = applied.after
    let u = after.units[Int(unit)]
    var dangling = u.relations.flatMap(\.targets).filter { $0.target == nil }.map(\.id)
    if let parent = u.parent, parent.target == nil { dangling.append(parent.id) }
    if let removing = applied.outcomes.last(where: { outcome in outcome.removed.contains { dangling.contains($0) } }) {
      return removing
    }
    // A new finding about a unit no change touched: a change altered what is
    // around it. The nearest touched unit above it (a sibling arrived under
    // its parent, an ancestor moved), then the units it names or that name
    // it, then a removed unit that named it in the baseline.
    if neighbours == nil { neighbours = Neighbours(applied) }
    var current = after.parentIndex[Int(unit)]
    var steps = 0
    while let position = current, steps < after.units.count {
      if let touching = lastTouching(position) { return touching }
      current = after.parentIndex[Int(position)]
      steps += 1
    }
    for related in u.relations.flatMap(\.targets).compactMap(\.target) + (neighbours!.namedBy[unit] ?? []) {
      if let touching = lastTouching(related) { return touching }
    }
    guard let baseUnit = applied.baseIndex[Int(unit)] else { return nil }
    let namers = Set((neighbours!.namedByBefore[baseUnit] ?? []).map { applied.before.units[Int($0)].id })
    return applied.outcomes.last { outcome in outcome.removed.contains { namers.contains($0) } }
  }

  /// Which units name each unit in a relation, after and before the
  /// proposal: built once, when a finding first needs it.
  private struct Neighbours {
    var namedBy: [Int32: [Int32]] = [:]
    var namedByBefore: [Int32: [Int32]] = [:]

    init(_ applied: AppliedProposal) {
      namedBy = Self.incoming(applied.after)
      namedByBefore = Self.incoming(applied.before)
    }

    static func incoming(_ model: Model) -> [Int32: [Int32]] {
      var result: [Int32: [Int32]] = [:]
      for (position, unit) in model.units.enumerated() {
        for target in unit.relations.flatMap(\.targets).compactMap(\.target) {
          result[target, default: []].append(Int32(position))
        }
      }
      return result
    }
  }
}
