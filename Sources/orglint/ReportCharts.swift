import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgReport
import OrgRules

/// The models and proposals a run checked, kept for the formats that draw
/// the organisation or group findings by unit (HTML, Markdown, `orglint
/// graph`), and turned into `OrgReport`'s plain chart data once the report's
/// findings are final. Text and JSON runs keep nothing (a million-unit check
/// builds no chart).
struct ChartSources {
  enum Source {
    case model(label: String, model: Model)
    case proposal(AppliedProposal)
  }

  private var sources: [(source: Source, produced: [Diagnostic])] = []

  var count: Int { sources.count }

  /// Records a checked model or proposal and the findings it produced, at
  /// `position` (a model goes before the proposals found in its directory).
  mutating func insert(_ source: Source, produced: [Diagnostic], at position: Int? = nil) {
    sources.insert((source, produced), at: min(position ?? sources.count, sources.count))
  }

  /// The charts of every source, with each finding of `report` on the unit
  /// it is about. A finding belongs to the source that produced it (matched
  /// by everything but its severity, which the configuration may change);
  /// within it, to the unit its `unit` names.
  func models(for report: Report) -> [CheckedModel] {
    var owners: [String: [Int]] = [:]
    for (index, entry) in sources.enumerated() {
      for diagnostic in entry.produced { owners[Self.key(diagnostic), default: []].append(index) }
    }
    var taken: [String: Int] = [:]
    var findings = [[Int]](repeating: [], count: sources.count)
    for (index, diagnostic) in report.diagnostics.enumerated() {
      let key = Self.key(diagnostic)
      guard let candidates = owners[key] else { continue }
      let next = taken[key] ?? 0
      // The same finding twice (one file in two models) goes to each in turn.
      let owner = candidates[min(next, candidates.count - 1)]
      taken[key] = next + 1
      findings[owner].append(index)
    }
    return sources.enumerated().map { index, entry in
      switch entry.source {
      case .model(let label, let model):
        Self.checked(model, label: label, findings: findings[index], in: report)
      case .proposal(let applied):
        Self.checked(applied, findings: findings[index], in: report)
      }
    }
  }

  private static func key(_ diagnostic: Diagnostic) -> String {
    "\(diagnostic.rule)\u{0}\(diagnostic.location)\u{0}\(diagnostic.message)\u{0}\(diagnostic.unit ?? "\u{1}")\u{0}\(diagnostic.change ?? 0)"
  }

  // MARK: models

  private static func checked(_ model: Model, label: String, findings: [Int], in report: Report) -> CheckedModel {
    var chart = chart(model)
    let units = UnitFinder(model)
    var other: [Int] = []
    for finding in findings {
      if let node = units.node(for: report.diagnostics[finding]) {
        chart.nodes[node].findings.append(finding)
      } else {
        other.append(finding)
      }
    }
    return CheckedModel(
      title: label, organisation: model.header?.name, asOf: model.header?.asOf, chart: chart, otherFindings: other)
  }

  static func chart(_ model: Model) -> OrgChart {
    var nodes: [OrgChart.Node] = []
    nodes.reserveCapacity(model.units.count)
    var relations: [OrgChart.Relation] = []
    for (index, unit) in model.units.enumerated() {
      nodes.append(
        OrgChart.Node(
          id: unit.id, name: unit.name, kind: unit.kind, headcount: unit.headcount,
          parent: model.parentIndex[index].map(Int.init)))
      for relation in unit.relations {
        for target in relation.targets {
          if let to = target.target {
            relations.append(OrgChart.Relation(from: index, to: Int(to), name: relation.name))
          }
        }
      }
    }
    return OrgChart(nodes: nodes, relations: relations)
  }

  /// Finds the unit a finding is about by its id; of two units with one id
  /// (a `duplicate-id`), the one whose mapping starts last before the
  /// finding in the same file.
  struct UnitFinder {
    let model: Model
    var byID: [String: [Int]] = [:]

    init(_ model: Model) {
      self.model = model
      for (index, unit) in model.units.enumerated() { byID[unit.id, default: []].append(index) }
    }

    func node(for diagnostic: Diagnostic) -> Int? {
      guard let id = diagnostic.unit, let candidates = byID[id] else { return nil }
      guard candidates.count > 1 else { return candidates[0] }
      let here = diagnostic.location
      let before = candidates.filter { candidate in
        let start = model.location(model.units[candidate].at)
        return start.file == here.file && (start.line, start.column) <= (here.line, here.column)
      }
      return before.max { model.units[$0].at.line < model.units[$1].at.line } ?? candidates[0]
    }
  }

  // MARK: proposals

  private static func checked(_ applied: AppliedProposal, findings: [Int], in report: Report) -> CheckedModel {
    let before = applied.before
    let after = applied.after
    var afterChart = chart(after)
    var beforeChart = chart(before)

    // What happened to each unit.
    var afterIndex = [Int?](repeating: nil, count: before.units.count)
    for (index, base) in applied.baseIndex.enumerated() {
      if let base { afterIndex[Int(base)] = index }
    }
    let outcome = Dictionary(applied.outcomes.map { ($0.change.index, $0) }, uniquingKeysWith: { first, _ in first })
    for index in after.units.indices {
      guard let base = applied.baseIndex[index].map(Int.init) else {
        let kind = applied.createdBy[Int32(index)].flatMap { outcome[$0]?.change.kind }
        afterChart.nodes[index].marks = [kind == "merge" ? .merged : kind == "split" ? .split : .added]
        continue
      }
      if moved(base: base, after: index, applied) {
        afterChart.nodes[index].marks.append(.moved)
        beforeChart.nodes[base].marks.append(.moved)
      }
      if before.units[base].id != after.units[index].id || before.units[base].name != after.units[index].name {
        afterChart.nodes[index].marks.append(.renamed)
        beforeChart.nodes[base].marks.append(.renamed)
      }
    }
    for index in before.units.indices where afterIndex[index] == nil {
      let id = before.units[index].id
      let kind = applied.outcomes.last { $0.removed.contains(id) }?.change.kind
      beforeChart.nodes[index].marks = [kind == "merge" ? .merged : kind == "split" ? .split : .removed]
    }

    // Findings: those the base already had on the base's units, the others
    // on the result's units (or the base's, for units the proposal removed).
    let afterUnits = UnitFinder(after)
    let beforeUnits = UnitFinder(before)
    var other: [Int] = []
    for finding in findings {
      let diagnostic = report.diagnostics[finding]
      if diagnostic.message.hasSuffix(ProposalCheck.baselineSuffix), let node = beforeUnits.node(for: diagnostic) {
        beforeChart.nodes[node].findings.append(finding)
      } else if let node = afterUnits.node(for: diagnostic) {
        afterChart.nodes[node].findings.append(finding)
      } else if let node = beforeUnits.node(for: diagnostic) {
        beforeChart.nodes[node].findings.append(finding)
      } else {
        other.append(finding)
      }
    }

    let proposal = applied.proposal
    let diff = ProposalDiff(applied)
    let summary = DiffSummary(
      entries: diff.entries.map {
        DiffSummary.Entry(kind: $0.kind.rawValue, unit: $0.unit, before: $0.before, after: $0.after, change: $0.change)
      }, totalBefore: diff.totalBefore, totalAfter: diff.totalAfter, unitsBefore: diff.unitsBefore,
      unitsAfter: diff.unitsAfter)
    let changes = proposal.changes.map { change in
      ChangeSummary(
        index: change.index, operation: change.kind, subject: subject(change.operation), location: change.location,
        headcountDelta: change.headcountDelta,
        applied: outcome[change.index]?.applied ?? false)
    }
    let view = ProposalView(
      file: proposal.file, id: proposal.id, title: proposal.title, base: proposal.basePath,
      effective: proposal.effective, decision: proposal.decision, before: beforeChart, changes: changes, diff: summary)
    return CheckedModel(
      title: proposal.file, organisation: after.header?.name, asOf: after.header?.asOf, chart: afterChart,
      proposal: view, otherFindings: other)
  }

  /// As `orglint diff` tells a move: the parent is another unit than before.
  private static func moved(base: Int, after index: Int, _ applied: AppliedProposal) -> Bool {
    let oldParent = applied.before.parentIndex[base]
    let newParent = applied.after.parentIndex[index]
    let newParentBase = newParent.flatMap { applied.baseIndex[Int($0)] }
    return oldParent != newParentBase || (newParent != nil && newParentBase == nil)
  }

  /// A change in one line, by the ids it names: `vo-a, vo-b → vo-ab`.
  static func subject(_ operation: Operation) -> String {
    func ids(_ refs: [IDRef]) -> String { refs.map(\.id).joined(separator: ", ") }
    switch operation {
    case .merge(let sources, let into, _):
      return "\(ids(sources)) → \(into.id)"
    case .split(let source, let into, _):
      return "\(source.id) → \(into.map(\.id).joined(separator: ", "))"
    case .transfer(let unit, let to, let except):
      return "\(unit.id) → \(to.id)" + (except.isEmpty ? "" : " (except \(ids(except)))")
    case .dissolve(let unit, let reassignTo):
      return unit.id + (reassignTo.map { " → \($0.id)" } ?? "")
    case .create(let unit):
      return "\(unit.id) “\(unit.name)”" + (unit.parent.map { " → \($0.id)" } ?? "")
    case .rename(let unit, let name, let newID):
      return unit.id + (newID.map { " → \($0.id)" } ?? "") + (name.map { " “\($0)”" } ?? "")
    case .update(let unit, _, let keys, let unset):
      let changed = keys.map(\.rawValue) + unset.map { "−" + $0.key.rawValue }
      return unit.id + (changed.isEmpty ? "" : ": " + changed.joined(separator: ", "))
    }
  }
}
