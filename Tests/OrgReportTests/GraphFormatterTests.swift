import OrgDiagnostics
import OrgReport
import Testing

@Suite struct GraphFormatterTests {
  let dot = GraphFormatter(format: .dot, language: "en", relations: true).format(Sample.report)
  let mermaid = GraphFormatter(format: .mermaid, language: "en", relations: true).format(Sample.report)

  /// Braces, brackets and quotes balance outside quoted strings.
  func balanced(_ text: String) -> Bool {
    var depth = 0
    var quoted = false
    var escaped = false
    for character in text {
      if quoted {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          quoted = false
        }
        continue
      }
      switch character {
      case "\"": quoted = true
      case "{", "[": depth += 1
      case "}", "]": depth -= 1
      default: break
      }
      if depth < 0 { return false }
    }
    return depth == 0 && !quoted
  }

  @Test func dotIsWellFormedWithEveryUnitAndEdgeOnce() {
    #expect(dot.contains("digraph orglint {\n"))
    #expect(dot.hasSuffix("}\n"))
    #expect(balanced(dot))
    let lines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    let nodes = lines.filter { $0.range(of: #"^n\d+ \["#, options: .regularExpression) != nil }
    #expect(nodes.count == Sample.chart.nodes.count)
    #expect(Set(nodes.map { $0.prefix { $0 != " " } }).count == nodes.count)
    let edges = lines.filter { $0.range(of: #"^n\d+ -> n\d+;$"#, options: .regularExpression) != nil }
    #expect(edges.count == Sample.chart.nodes.count - Forest(Sample.chart).roots.count)
    #expect(Set(edges).count == edges.count)
    let relations = lines.filter { $0.contains("style=dashed") }
    #expect(
      relations == [
        "n2 -> n0 [style=dashed, color=\"#64748b\", arrowhead=normal, constraint=false, label=\"beställare\", fontsize=8];"
      ])
  }

  @Test func dotMarksUnitsByWorstFinding() {
    #expect(dot.contains("n1 [label=\"<script>alert(1)</script>\\ndivision · 60 people\""))
    let division = dot.split(separator: "\n").first { $0.contains("n1 [") } ?? ""
    #expect(division.contains("fillcolor=\"#fdeceb\", color=\"#c62828\""))
    #expect(division.contains("tooltip=\"<script>alert(1)</script> (div-x)\\nerror: "))
    let voA = dot.split(separator: "\n").first { $0.contains("n2 [") } ?? ""
    #expect(voA.contains("#1d5fbf"))
  }

  @Test func dotEscapesQuotedStrings() {
    #expect(DOT.quoted(#"a "b" \N \l"#) == #""a \"b\" \\N \\l""#)
    #expect(DOT.quoted("two\nlines\r\u{0}") == #""two\nlines  ""#)
    #expect(dot.contains(#"label="VO \"A\" & 'B'\nvo · 30 people""#))
  }

  @Test func mermaidIsWellFormedWithSafeIdsAndClasses() {
    #expect(mermaid.hasPrefix("%% orglint graph: "))
    #expect(mermaid.contains("\nflowchart LR\n"))
    #expect(balanced(mermaid))
    let lines = mermaid.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    let nodes = lines.filter { $0.range(of: #"^n\d+\["#, options: .regularExpression) != nil }
    #expect(nodes.count == Sample.chart.nodes.count)
    let edges = lines.filter { $0.range(of: #"^n\d+ --> n\d+$"#, options: .regularExpression) != nil }
    #expect(edges.count == Sample.chart.nodes.count - Forest(Sample.chart).roots.count)
    #expect(lines.contains("n2 -.->|\"beställare\"| n0"))
    #expect(lines.contains("class n2 info"))
    #expect(lines.contains("class n3 warning"))
    #expect(lines.contains("class n1,n7 error"))
    #expect(lines.contains { $0.hasPrefix("classDef error fill:#fdeceb,stroke:#c62828") })
  }

  @Test func mermaidEscapesLabels() {
    #expect(mermaid.contains("n1[\"#60;script#62;alert(1)#60;/script#62;<br/>division · 60 people\"]"))
    #expect(mermaid.contains("n2[\"VO #quot;A#quot; #38; 'B'<br/>vo · 30 people\"]"))
    #expect(mermaid.contains("n3[\"VO | *bold* _x_ #96;code#96;<br/>vo · 30 people\"]"))
    #expect(Mermaid.escape("#35; a\nb") == "#35;35; a b")
    // No user text outside quotes, and no raw < or " inside them.
    for line in mermaid.split(separator: "\n") where line.contains("[\"") {
      let inside = line.split(separator: "\"", maxSplits: 1)[1].dropLast(2)
      #expect(!inside.contains("\"") && !inside.contains("<script"))
    }
  }

  @Test func aProposalIsDrawnAsItsResultWithMarks() {
    let report = Sample.proposalReport
    let dot = GraphFormatter(format: .dot, language: "en").format(report)
    #expect(dot.contains("// removed: vo-a (merged)"))
    let added = dot.split(separator: "\n").first { $0.contains("n4 [") } ?? ""
    #expect(added.contains("style=\"rounded,filled,dashed\"") && added.contains("class=\"added\""))
    #expect(dot.split(separator: "\n").first { $0.contains("n2 [") }?.contains("peripheries=2") == true)
    let mermaid = GraphFormatter(format: .mermaid, language: "en").format(report)
    #expect(mermaid.contains("  class n2 merged\n"))
    #expect(mermaid.contains("  class n3 moved\n"))
    #expect(mermaid.contains("  class n4 added\n"))
  }

  @Test func severalModelsAreClusters() {
    var report = Sample.report
    report.models.append(Sample.proposalReport.models[0])
    report.models[1].chart.nodes = report.models[1].chart.nodes.map {
      var n = $0; n.findings = []; return n
    }
    let dot = GraphFormatter(format: .dot, language: "en").format(report)
    #expect(dot.contains("subgraph cluster_1 {") && dot.contains("subgraph cluster_2 {"))
    #expect(balanced(dot))
    #expect(dot.contains("n8 [label=\"Region & <Norr>"))
    let mermaid = GraphFormatter(format: .mermaid, language: "en").format(report)
    #expect(mermaid.contains("subgraph m1[") && mermaid.contains("subgraph m2["))
    #expect(mermaid.components(separatedBy: "\n  end\n").count == 3)
  }

  @Test func sameInputSameBytes() {
    #expect(GraphFormatter(format: .dot, language: "en", relations: true).format(Sample.report) == dot)
    #expect(GraphFormatter(format: .mermaid, language: "en", relations: true).format(Sample.report) == mermaid)
  }
}
