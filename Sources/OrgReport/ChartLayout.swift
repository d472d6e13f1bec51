/// Where each unit of a chart is drawn: a tidy tree (Reingold–Tilford, in
/// Buchheim, Jünger and Leipert's linear-time form of Walker's algorithm),
/// growing from left to right: a unit's depth is its column, and its subtree
/// takes as few rows as it can without touching its neighbours. Org charts are
/// shallow and broad, and unit names long, so columns of boxes read better
/// than a row thousands of pixels wide.
///
/// A chart of more than `Metrics.maxPanel` units is cut into panels, one
/// layout per branch (a division, typically): the overview keeps the top of
/// the tree and draws each branch of `minPanel`…`maxPanel` units as a single
/// "stub" box that leads to that branch's own panel. Every unit has exactly
/// one box that is not a stub.
///
/// Everything is linear in the number of units and iterative (a chain of a
/// million parents cannot overflow the stack), and the same chart always
/// gives the same positions.
public struct ChartLayout: Sendable {
  public struct Metrics: Sendable, Equatable {
    public var boxWidth = 184.0
    public var boxHeight = 54.0
    public var columnGap = 28.0
    public var rowGap = 8.0
    /// The space between neighbours of different parents, in rows.
    public var cousinSeparation = 1.3
    public var margin = 8.0
    /// A chart with more units than this is cut into panels of at most this many.
    public var maxPanel = 250
    /// A branch smaller than this stays in the panel above it.
    public var minPanel = 12
    /// Where a parent stands beside its children: level with the first
    /// (the chart reads from the top down, like an outline) or centred.
    public var centredParents = false

    public init() {}

    public var pitch: Double { boxHeight + rowGap }
    public var columnWidth: Double { boxWidth + columnGap }
  }

  /// A unit's box: its top-left corner in its panel.
  public struct Box: Sendable, Equatable {
    public var node: Int
    public var x: Double
    public var y: Double
    /// For a stub: the panel that draws this branch.
    public var panel: Int?
  }

  /// A line from a parent's box to a child's, by index into `Panel.boxes`.
  public struct Edge: Sendable, Equatable {
    public var from: Int
    public var to: Int
  }

  public struct Panel: Sendable {
    /// The node the panel's branch starts at; nil for the overview.
    public var root: Int?
    public var boxes: [Box]
    public var edges: [Edge]
    public var width: Double
    public var height: Double
    /// The number of units in the panel (stubs not counted).
    public var units: Int { boxes.count { $0.panel == nil } }
  }

  public let metrics: Metrics
  /// The overview first, then one panel per branch cut out of it.
  public let panels: [Panel]

  public init(_ chart: OrgChart, metrics: Metrics = Metrics()) {
    self.init(forest: Forest(chart), metrics: metrics)
  }

  public init(forest: Forest, metrics: Metrics = Metrics()) {
    self.metrics = metrics
    let count = forest.parent.count
    let order = forest.preorder()
    let size = forest.subtreeSizes(preorder: order)

    // Which branches get their own panel: walking down from the roots, the
    // first units whose subtree is neither too big nor too small.
    var branchRoots: [Int] = []
    var overview: [Int] = []
    if count <= metrics.maxPanel {
      overview = order
    } else {
      var stack = forest.roots.reversed() as [Int]
      while let node = stack.popLast() {
        if size[node] >= metrics.minPanel && size[node] <= metrics.maxPanel {
          branchRoots.append(node)
        } else {
          overview.append(node)
          stack.append(contentsOf: forest.children[node].reversed())
        }
      }
    }

    var panels: [Panel] = []
    // The overview: its own units, and a stub for each branch root.
    let stubPanel = Dictionary(uniqueKeysWithValues: branchRoots.enumerated().map { ($1, $0 + 1) })
    let overviewNodes = overview + branchRoots
    let overviewRoots = forest.roots
    panels.append(
      Self.panel(
        root: nil, nodes: overviewNodes, roots: overviewRoots, forest: forest, stubs: stubPanel, metrics: metrics))
    for root in branchRoots {
      var nodes: [Int] = []
      nodes.reserveCapacity(size[root])
      var stack = [root]
      while let node = stack.popLast() {
        nodes.append(node)
        stack.append(contentsOf: forest.children[node].reversed())
      }
      panels.append(Self.panel(root: root, nodes: nodes, roots: [root], forest: forest, stubs: [:], metrics: metrics))
    }
    self.panels = panels
  }

  /// Lays out the tree formed by `nodes` (a stub's children left out).
  private static func panel(
    root: Int?, nodes: [Int], roots: [Int], forest: Forest, stubs: [Int: Int], metrics: Metrics
  ) -> Panel {
    var local = [Int: Int](minimumCapacity: nodes.count)
    for (index, node) in nodes.enumerated() { local[node] = index }
    let children: [[Int]] = nodes.map { node in
      stubs[node] != nil ? [] : forest.children[node].compactMap { local[$0] }
    }
    let localRoots = roots.compactMap { local[$0] }
    let (depth, breadth) = TidyTree.layout(
      children: children, roots: localRoots, cousinSeparation: metrics.cousinSeparation,
      centred: metrics.centredParents)
    let lowest = breadth.min() ?? 0
    var boxes: [Box] = []
    boxes.reserveCapacity(nodes.count)
    var maxDepth = 0
    var maxBreadth = 0.0
    for (index, node) in nodes.enumerated() {
      let row = breadth[index] - lowest
      maxDepth = max(maxDepth, depth[index])
      maxBreadth = max(maxBreadth, row)
      boxes.append(
        Box(
          node: node, x: metrics.margin + Double(depth[index]) * metrics.columnWidth,
          y: metrics.margin + row * metrics.pitch, panel: stubs[node]))
    }
    var edges: [Edge] = []
    for (index, kids) in children.enumerated() {
      for kid in kids { edges.append(Edge(from: index, to: kid)) }
    }
    let width = nodes.isEmpty ? 0 : 2 * metrics.margin + Double(maxDepth) * metrics.columnWidth + metrics.boxWidth
    let height = nodes.isEmpty ? 0 : 2 * metrics.margin + maxBreadth * metrics.pitch + metrics.boxHeight
    return Panel(root: root, boxes: boxes, edges: edges, width: width, height: height)
  }
}

/// Walker's tidy tree in linear time (Buchheim, Jünger, Leipert 2002), without
/// recursion. Nodes are 0..<n with their ordered children; several roots are
/// laid out as the children of one invisible root. Returns each node's depth
/// and its position across the tree (siblings 1 apart, other neighbours
/// `cousinSeparation` apart). A parent stands at the midpoint of its
/// children (`centred`), or level with its first child; the contours that
/// keep subtrees apart hold either way, since each subtree is placed whole.
enum TidyTree {
  static func layout(children: [[Int]], roots: [Int], cousinSeparation: Double, centred: Bool = true) -> (
    depth: [Int], breadth: [Double]
  ) {
    let n = children.count
    let top = n  // the invisible root
    let kids = children + [roots]
    var parent = [Int](repeating: -1, count: n + 1)
    var number = [Int](repeating: 0, count: n + 1)
    for node in 0...n {
      for (index, kid) in kids[node].enumerated() {
        parent[kid] = node
        number[kid] = index
      }
    }
    var prelim = [Double](repeating: 0, count: n + 1)
    var modifier = [Double](repeating: 0, count: n + 1)
    var change = [Double](repeating: 0, count: n + 1)
    var shift = [Double](repeating: 0, count: n + 1)
    var midpoint = [Double](repeating: 0, count: n + 1)
    var thread = [Int](repeating: -1, count: n + 1)
    var ancestor = Array(0...n)

    var order: [Int] = []
    order.reserveCapacity(n + 1)
    var stack = [top]
    while let node = stack.popLast() {
      order.append(node)
      stack.append(contentsOf: kids[node].reversed())
    }

    func leftSibling(_ v: Int) -> Int? {
      let p = parent[v]
      return p >= 0 && number[v] > 0 ? kids[p][number[v] - 1] : nil
    }
    func nextLeft(_ v: Int) -> Int? { kids[v].first ?? (thread[v] >= 0 ? thread[v] : nil) }
    func nextRight(_ v: Int) -> Int? { kids[v].last ?? (thread[v] >= 0 ? thread[v] : nil) }
    func separation(_ a: Int, _ b: Int) -> Double { parent[a] == parent[b] ? 1 : cousinSeparation }

    func moveSubtree(_ wm: Int, _ wp: Int, _ amount: Double) {
      let subtrees = Double(number[wp] - number[wm])
      change[wp] -= amount / subtrees
      shift[wp] += amount
      change[wm] += amount / subtrees
      prelim[wp] += amount
      modifier[wp] += amount
    }

    // Pushes v's subtree clear of its left siblings' subtrees, walking the
    // facing contours level by level (threads join a shallow contour to the
    // next deeper one, so each level is visited once over the whole run).
    func apportion(_ v: Int, _ defaultAncestor: Int) -> Int {
      guard let w = leftSibling(v) else { return defaultAncestor }
      var defaultAncestor = defaultAncestor
      var insideRight = v
      var outsideRight = v
      var insideLeft = w
      var outsideLeft = kids[parent[v]][0]
      var sInsideRight = modifier[insideRight]
      var sOutsideRight = modifier[outsideRight]
      var sInsideLeft = modifier[insideLeft]
      var sOutsideLeft = modifier[outsideLeft]
      while let nextInsideLeft = nextRight(insideLeft), let nextInsideRight = nextLeft(insideRight),
        let nextOutsideLeft = nextLeft(outsideLeft), let nextOutsideRight = nextRight(outsideRight)
      {
        insideLeft = nextInsideLeft
        insideRight = nextInsideRight
        outsideLeft = nextOutsideLeft
        outsideRight = nextOutsideRight
        ancestor[outsideRight] = v
        let gap =
          (prelim[insideLeft] + sInsideLeft) - (prelim[insideRight] + sInsideRight)
          + separation(insideLeft, insideRight)
        if gap > 0 {
          let candidate = ancestor[insideLeft]
          let from = parent[candidate] == parent[v] ? candidate : defaultAncestor
          moveSubtree(from, v, gap)
          sInsideRight += gap
          sOutsideRight += gap
        }
        sInsideLeft += modifier[insideLeft]
        sInsideRight += modifier[insideRight]
        sOutsideLeft += modifier[outsideLeft]
        sOutsideRight += modifier[outsideRight]
      }
      if let next = nextRight(insideLeft), nextRight(outsideRight) == nil {
        thread[outsideRight] = next
        modifier[outsideRight] += sInsideLeft - sOutsideRight
      }
      if let next = nextLeft(insideRight), nextLeft(outsideLeft) == nil {
        thread[outsideLeft] = next
        modifier[outsideLeft] += sInsideRight - sOutsideLeft
        defaultAncestor = v
      }
      return defaultAncestor
    }

    // First walk, children before parents: a node's children are placed one
    // after another, each subtree pushed clear of those before it, then the
    // shifts are spread and the node's midpoint taken. The node itself is
    // placed by its parent's turn, beside its left sibling.
    for v in order.reversed() where !kids[v].isEmpty {
      var defaultAncestor = kids[v][0]
      for w in kids[v] {
        if let left = leftSibling(w) {
          prelim[w] = prelim[left] + separation(left, w)
          if !kids[w].isEmpty { modifier[w] = prelim[w] - midpoint[w] }
        } else {
          prelim[w] = kids[w].isEmpty ? 0 : midpoint[w]
        }
        defaultAncestor = apportion(w, defaultAncestor)
      }
      var totalShift = 0.0
      var totalChange = 0.0
      for w in kids[v].reversed() {
        prelim[w] += totalShift
        modifier[w] += totalShift
        totalChange += change[w]
        totalShift += shift[w] + totalChange
      }
      midpoint[v] = centred ? (prelim[kids[v].first!] + prelim[kids[v].last!]) / 2 : prelim[kids[v].first!]
    }

    // Second walk, parents before children: add up the modifiers.
    var depth = [Int](repeating: 0, count: n + 1)
    var breadth = [Double](repeating: 0, count: n + 1)
    var sum = [Double](repeating: 0, count: n + 1)
    depth[top] = -1
    for v in order {
      if v != top { breadth[v] = prelim[v] + sum[v] }
      for w in kids[v] {
        depth[w] = depth[v] + 1
        sum[w] = sum[v] + (v == top ? 0 : modifier[v])
      }
    }
    return (Array(depth[0..<n]), Array(breadth[0..<n]))
  }
}
