import OrgReport
import Testing

/// Trees of a thousand units in several shapes: the computed positions have
/// no overlapping boxes, every unit has exactly one box, children sit one
/// column right of their parent, and the same chart gives the same layout.
@Suite struct ChartLayoutTests {
  static func chart(parents: [Int?]) -> OrgChart {
    OrgChart(nodes: parents.enumerated().map { .init(id: "u\($0)", name: "Unit \($0)", kind: "enhet", parent: $1) })
  }

  /// A chain: each unit under the one before.
  static func chain(_ count: Int) -> OrgChart { chart(parents: (0..<count).map { $0 == 0 ? nil : $0 - 1 }) }

  /// A fan: every unit under the first.
  static func fan(_ count: Int) -> OrgChart { chart(parents: (0..<count).map { $0 == 0 ? nil : 0 }) }

  /// Like a region: a root, staff functions, divisions of VOs of enheter,
  /// some with sections, of uneven sizes.
  static func region(_ count: Int) -> OrgChart {
    var parents: [Int?] = [nil]
    var generator = Generator(seed: 7)
    var open: [(node: Int, depth: Int)] = [(0, 0)]
    while parents.count < count {
      let index = Int(generator.next() % UInt64(open.count))
      let (parent, depth) = open[index]
      parents.append(parent)
      if depth < 5 { open.append((parents.count - 1, depth + 1)) }
    }
    return chart(parents: parents)
  }

  /// Random trees, and a forest with orphans and a loop of parents.
  static func random(_ count: Int, seed: UInt64) -> OrgChart {
    var generator = Generator(seed: seed)
    var parents: [Int?] = []
    for index in 0..<count {
      let roll = generator.next() % 100
      if index == 0 || roll < 2 {
        parents.append(nil)
      } else if roll < 4 {
        parents.append(Int(generator.next() % UInt64(count)))  // maybe a loop, maybe forward
      } else {
        // Mostly near the end, which makes deep and bushy parts.
        let span = UInt64(min(index, roll < 50 ? 5 : index))
        parents.append(index - 1 - Int(generator.next() % span))
      }
    }
    return chart(parents: parents)
  }

  struct Generator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
  }

  static let shapes: [(String, OrgChart)] = [
    ("chain", chain(1000)), ("fan", fan(1000)), ("region", region(1000)), ("random-1", random(1000, seed: 1)),
    ("random-2", random(1000, seed: 2)), ("small-region", region(200)),
  ]

  /// No two boxes of a panel overlap: boxes of one column, sorted by top,
  /// are at least a box's height apart (columns never overlap: they are a
  /// box's width plus a gap apart).
  func expectNoOverlaps(_ layout: ChartLayout, _ name: String) {
    let metrics = layout.metrics
    for (index, panel) in layout.panels.enumerated() {
      var columns: [Double: [Double]] = [:]
      for box in panel.boxes {
        columns[box.x, default: []].append(box.y)
        #expect(box.x >= 0 && box.y >= 0, "\(name) panel \(index)")
        #expect(box.x + metrics.boxWidth <= panel.width + 0.001 && box.y + metrics.boxHeight <= panel.height + 0.001)
      }
      let xs = columns.keys.sorted()
      for (a, b) in zip(xs, xs.dropFirst()) {
        #expect(b - a >= metrics.boxWidth, "\(name): columns overlap")
      }
      for (x, ys) in columns {
        let sorted = ys.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a < metrics.boxHeight - 1e-6 {
          Issue.record("\(name) panel \(index): boxes at x \(x), y \(a) and \(b) overlap")
          return
        }
      }
    }
  }

  @Test(arguments: shapes.map(\.0))
  func noOverlappingBoxes(shape: String) {
    let chart = Self.shapes.first { $0.0 == shape }!.1
    expectNoOverlaps(ChartLayout(chart), shape)
    var centred = ChartLayout.Metrics()
    centred.centredParents = true
    expectNoOverlaps(ChartLayout(chart, metrics: centred), shape + " centred")
    var onePanel = ChartLayout.Metrics()
    onePanel.maxPanel = 10_000
    expectNoOverlaps(ChartLayout(chart, metrics: onePanel), shape + " in one panel")
  }

  @Test(arguments: shapes.map(\.0))
  func everyUnitHasOneBoxAndEdgesFollowTheTree(shape: String) {
    let chart = Self.shapes.first { $0.0 == shape }!.1
    let layout = ChartLayout(chart)
    let forest = Forest(chart)
    var drawn = [Int](repeating: 0, count: chart.nodes.count)
    for panel in layout.panels {
      for box in panel.boxes where box.panel == nil { drawn[box.node] += 1 }
      if panel.root != nil { #expect(panel.units <= layout.metrics.maxPanel) }
      for edge in panel.edges {
        let parent = panel.boxes[edge.from]
        let child = panel.boxes[edge.to]
        #expect(forest.parent[child.node] == parent.node)
        #expect(child.x - parent.x == layout.metrics.columnWidth)
      }
    }
    #expect(drawn.allSatisfy { $0 == 1 })
    // A stub stands for a branch: its panel starts at the same unit.
    for panel in layout.panels {
      for box in panel.boxes {
        if let target = box.panel { #expect(layout.panels[target].root == box.node) }
      }
    }
  }

  @Test func theSameChartGivesTheSameLayout() {
    for (_, chart) in Self.shapes {
      let a = ChartLayout(chart)
      let b = ChartLayout(chart)
      #expect(a.panels.map(\.boxes) == b.panels.map(\.boxes))
      #expect(a.panels.map(\.edges) == b.panels.map(\.edges))
    }
  }

  @Test func smallChartsAreOnePanelLargeOnesArePanelsPerBranch() {
    #expect(ChartLayout(Self.region(200)).panels.count == 1)
    let large = ChartLayout(Self.region(1000))
    #expect(large.panels.count > 1)
    #expect(large.panels.dropFirst().allSatisfy { $0.units <= 250 && $0.units >= 12 })
  }

  @Test func aTidyTreeIsCompact() {
    // Siblings that are leaves stand one row apart; a parent stands level
    // with its first child (or centred above its children).
    let chart = Self.chart(parents: [nil, 0, 0, 0])
    let layout = ChartLayout(chart)
    let boxes = layout.panels[0].boxes
    let pitch = layout.metrics.pitch
    #expect(boxes.map(\.y) == [8, 8, 8 + pitch, 8 + 2 * pitch])
    var centred = ChartLayout.Metrics()
    centred.centredParents = true
    let middle = ChartLayout(chart, metrics: centred).panels[0].boxes
    #expect(middle[0].y == middle[2].y)
    // A small subtree tucks in beside a deeper one instead of below it.
    let tucked = Self.chart(parents: [nil, 0, 1, 1, 1, 0])
    let rows = ChartLayout(tucked).panels[0].boxes.map { ($0.y - 8) / pitch }
    #expect(rows[5] < 3)
  }

  @Test func loopsAndOrphansAreDrawnOnce() {
    // 1 and 2 are each other's parent; 3 hangs below the loop; 4 names no node.
    let chart = OrgChart(nodes: [
      .init(id: "a", name: "A", kind: "k"), .init(id: "b", name: "B", kind: "k", parent: 2),
      .init(id: "c", name: "C", kind: "k", parent: 1), .init(id: "d", name: "D", kind: "k", parent: 2),
      .init(id: "e", name: "E", kind: "k", parent: 99), .init(id: "f", name: "F", kind: "k", parent: 5),
    ])
    let forest = Forest(chart)
    #expect(forest.roots == [0, 1, 4, 5])
    #expect(forest.preorder().sorted() == Array(0..<6))
    let layout = ChartLayout(chart)
    #expect(layout.panels[0].boxes.count == 6)
    expectNoOverlaps(layout, "loops")
  }

  @Test func aLongChainIsLaidOutWithoutRecursion() {
    let layout = ChartLayout(Self.chain(200_000))
    #expect(layout.panels.reduce(0) { $0 + $1.units } == 200_000)
  }
}
