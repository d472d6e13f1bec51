import OrgDiagnostics

/// An organisation as the drawing formats (HTML, Graphviz, Mermaid) and the
/// Markdown report see it: units with their hierarchy, headcounts, what a
/// proposal did to them and which findings are about them. Plain data, built
/// by the command line from a model or an applied proposal, so that this
/// module needs neither.
public struct OrgChart: Sendable {
  /// What a proposal did to a unit. In the chart before a proposal: `merged`,
  /// `split` and `removed` say how a unit goes away, `moved` that it gets a new
  /// parent; in the chart after: `added`, `merged` and `split` say how a new
  /// unit came about, `moved` and `renamed` what happened to an old one.
  public enum Mark: String, Sendable, CaseIterable {
    case added, merged, split, removed, moved, renamed
  }

  public struct Node: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    public var headcount: Int?
    /// The index of the parent node, or nil. A parent that lies on a loop of
    /// parents is drawn as a root (see `Forest`).
    public var parent: Int?
    public var marks: [Mark]
    /// Indices into `Report.diagnostics` of the findings about this unit.
    public var findings: [Int]

    public init(
      id: String, name: String, kind: String, headcount: Int? = nil, parent: Int? = nil, marks: [Mark] = [],
      findings: [Int] = []
    ) {
      self.id = id
      self.name = name
      self.kind = kind
      self.headcount = headcount
      self.parent = parent
      self.marks = marks
      self.findings = findings
    }

    /// The name a report shows: the unit's name, or its id when it has none
    /// (a unit whose name could not be read).
    public var displayName: String { name.isEmpty ? id : name }
  }

  /// A relation between two units (`beställare: hr`), drawn by `orglint graph --relations`.
  public struct Relation: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var name: String

    public init(from: Int, to: Int, name: String) {
      self.from = from
      self.to = to
      self.name = name
    }
  }

  public var nodes: [Node]
  public var relations: [Relation]

  public init(nodes: [Node], relations: [Relation] = []) {
    self.nodes = nodes
    self.relations = relations
  }

  /// The worst severity among the findings of a node.
  public func worst(_ node: Int, in diagnostics: [Diagnostic]) -> Severity? {
    nodes[node].findings.lazy.map { diagnostics[$0].severity }.max()
  }
}

/// The tree a chart draws: every node reachable from exactly one root. Parents
/// that name no node are roots; a loop of parents is broken at its first node
/// (in node order), which becomes a root, so nothing is lost and nothing is
/// drawn twice. Linear in the number of nodes.
public struct Forest: Sendable {
  public private(set) var parent: [Int?]
  public private(set) var children: [[Int]]
  public private(set) var roots: [Int]

  public init(_ chart: OrgChart) {
    let count = chart.nodes.count
    parent = chart.nodes.map { node in node.parent.flatMap { $0 >= 0 && $0 < count ? $0 : nil } }
    // Break loops: walk each node's parent chain once (0 new, 1 on this walk, 2 done).
    var state = [UInt8](repeating: 0, count: count)
    var path: [Int] = []
    for start in 0..<count where state[start] == 0 {
      path.removeAll(keepingCapacity: true)
      var current: Int? = start
      while let node = current, state[node] == 0 {
        state[node] = 1
        path.append(node)
        current = parent[node]
      }
      if let node = current, state[node] == 1, let loopStart = path.firstIndex(of: node) {
        let first = path[loopStart...].min()!
        parent[first] = nil
      }
      for node in path { state[node] = 2 }
    }
    children = [[Int]](repeating: [], count: count)
    roots = []
    for node in 0..<count {
      if let p = parent[node] { children[p].append(node) } else { roots.append(node) }
    }
  }

  /// Every node, each before its children, roots in order.
  public func preorder() -> [Int] {
    var order: [Int] = []
    order.reserveCapacity(parent.count)
    var stack = roots.reversed() as [Int]
    while let node = stack.popLast() {
      order.append(node)
      stack.append(contentsOf: children[node].reversed())
    }
    return order
  }

  /// The number of nodes in each node's subtree, itself included.
  public func subtreeSizes(preorder: [Int]) -> [Int] {
    var size = [Int](repeating: 1, count: parent.count)
    for node in preorder.reversed() {
      if let p = parent[node] { size[p] += size[node] }
    }
    return size
  }
}

/// A model or proposal that was checked, as the drawing formats show it.
public struct CheckedModel: Sendable {
  /// The directory or file that names the model, or the proposal file.
  public var title: String
  /// The organisation's name and the date its figures describe (`organisation:`), when given.
  public var organisation: String?
  public var asOf: String?
  /// The organisation checked: the model, or the proposal's result.
  public var chart: OrgChart
  public var proposal: ProposalView?
  /// Findings of this model that are about no unit of the charts.
  public var otherFindings: [Int]

  public init(
    title: String, organisation: String? = nil, asOf: String? = nil, chart: OrgChart, proposal: ProposalView? = nil,
    otherFindings: [Int] = []
  ) {
    self.title = title
    self.organisation = organisation
    self.asOf = asOf
    self.chart = chart
    self.proposal = proposal
    self.otherFindings = otherFindings
  }

  /// Every finding of this model, in report order.
  public var findings: [Int] {
    var all = otherFindings + chart.nodes.flatMap(\.findings)
    if let proposal { all += proposal.before.nodes.flatMap(\.findings) }
    return all.sorted()
  }
}

/// A proposal: its base as a chart, its changes and what `orglint diff` says.
public struct ProposalView: Sendable {
  public var file: String
  public var id: String?
  public var title: String?
  public var base: String
  public var effective: String?
  public var decision: String?
  /// The base organisation, its units marked with what the proposal does to them.
  public var before: OrgChart
  public var changes: [ChangeSummary]
  public var diff: DiffSummary

  public init(
    file: String, id: String?, title: String?, base: String, effective: String?, decision: String?,
    before: OrgChart, changes: [ChangeSummary], diff: DiffSummary
  ) {
    self.file = file
    self.id = id
    self.title = title
    self.base = base
    self.effective = effective
    self.decision = decision
    self.before = before
    self.changes = changes
    self.diff = diff
  }
}

/// One change of a proposal, told in one line.
public struct ChangeSummary: Sendable, Equatable {
  public var index: Int
  /// The operation: merge, split, transfer, dissolve, create, rename, update.
  public var operation: String
  /// The ids it is about, as written (`vo-a, vo-b → vo-ab`).
  public var subject: String
  public var location: Location
  public var headcountDelta: Int?
  /// False when the change could not be applied as written.
  public var applied: Bool

  public init(
    index: Int, operation: String, subject: String, location: Location, headcountDelta: Int? = nil,
    applied: Bool = true
  ) {
    self.index = index
    self.operation = operation
    self.subject = subject
    self.location = location
    self.headcountDelta = headcountDelta
    self.applied = applied
  }
}

/// What `orglint diff` lists: one entry per unit and kind of change, and the
/// total headcount before and after.
public struct DiffSummary: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    /// added, removed, merged, split, moved, renamed, repointed or headcount.
    public var kind: String
    public var unit: String
    public var before: String?
    public var after: String?
    public var change: Int?

    public init(kind: String, unit: String, before: String?, after: String?, change: Int?) {
      self.kind = kind
      self.unit = unit
      self.before = before
      self.after = after
      self.change = change
    }
  }

  public var entries: [Entry]
  public var totalBefore: Int
  public var totalAfter: Int
  public var unitsBefore: Int
  public var unitsAfter: Int

  public init(entries: [Entry], totalBefore: Int, totalAfter: Int, unitsBefore: Int, unitsAfter: Int) {
    self.entries = entries
    self.totalBefore = totalBefore
    self.totalAfter = totalAfter
    self.unitsBefore = unitsBefore
    self.unitsAfter = unitsAfter
  }
}
