import OrgDiagnostics

/// The graph formats of `orglint graph`.
public enum GraphFormat: String, CaseIterable, Sendable {
  case dot, mermaid
}

/// The organisation (or a proposal's result) as a graph for people who put
/// charts in their own documents: Graphviz DOT or a Mermaid flowchart. Each
/// unit is one node labelled with its name, kind and headcount, coloured by
/// its worst finding (DOT: fill and border colour, the findings as tooltip;
/// Mermaid: the classes `error`, `warning`, `info`); what a proposal did to
/// a unit is marked (`added`, `merged`, `split`, `moved`, `renamed`). Each
/// parent–child link is one edge; with `relations`, relations such as
/// `beställare` are dashed edges too. Node ids are `n0`, `n1`, … in model
/// order, so the same input gives the same bytes.
public struct GraphFormatter {
  public var graphFormat: GraphFormat
  public var language: String
  public var relations: Bool

  public init(format: GraphFormat, language: String, relations: Bool = false) {
    graphFormat = format
    self.language = language
    self.relations = relations
  }

  static let colours: [Severity: (fill: String, line: String)] = [
    .error: ("#fdeceb", "#c62828"), .warning: ("#fff3dc", "#d98a12"), .info: ("#e7f0fd", "#1d5fbf"),
  ]

  public func format(_ report: Report) -> String {
    graphFormat == .dot ? dot(report) : mermaid(report)
  }

  private func summary(_ report: Report, _ text: ReportText) -> String {
    "orglint graph: \(text.counts(report)); \(text.files(report.files)), \(text.units(report.units))"
  }

  private func label(_ node: OrgChart.Node, _ text: ReportText) -> (name: String, facts: String) {
    var facts: [String] = []
    if !node.kind.isEmpty { facts.append(node.kind) }
    if let headcount = node.headcount { facts.append(text.people(headcount)) }
    facts += node.marks.map(text.mark)
    return (node.displayName, facts.joined(separator: " · "))
  }

  /// Units a proposal removes are not in its result; comments name them.
  private func removed(_ model: CheckedModel) -> [String] {
    guard let before = model.proposal?.before else { return [] }
    return before.nodes.compactMap { node in
      let gone = node.marks.filter { $0 == .merged || $0 == .split || $0 == .removed }
      return gone.isEmpty ? nil : "\(node.id) (\(gone.map(\.rawValue).joined(separator: ", ")))"
    }
  }

  // MARK: Graphviz

  private func dot(_ report: Report) -> String {
    let text = ReportText(language: language)
    let font = "Helvetica,Arial,sans-serif"
    var out = "// \(Self.comment(summary(report, text)))\n"
    out += "digraph orglint {\n"
    out += "  graph [rankdir=LR, fontname=\"\(font)\", fontsize=11, nodesep=0.12, ranksep=0.5];\n"
    out += "  node [shape=box, style=\"rounded,filled\", fontname=\"\(font)\", fontsize=10, "
    out += "fillcolor=\"#ffffff\", color=\"#94a3b8\"];\n"
    out += "  edge [color=\"#94a3b8\", arrowhead=none];\n"
    var first = 0
    let clustered = report.models.count > 1
    for (m, model) in report.models.enumerated() {
      var indent = "  "
      if clustered {
        // Graphviz (2.43, at least) fails on edges with constraint=false
        // inside clusters ("trouble in init_rank"): with relations drawn,
        // the models are plain subgraphs side by side, without frames.
        out +=
          "  subgraph \(relations ? "model" : "cluster")_\(m + 1) {\n    label=\(DOT.quoted(modelTitle(model, text)));\n"
        out += "    style=\"rounded\"; color=\"#cbd5e1\";\n"
        indent = "    "
      } else {
        out += "  label=\(DOT.quoted(modelTitle(model, text))); labelloc=t;\n"
      }
      for gone in removed(model) { out += "\(indent)// \(text.mark(.removed)): \(Self.comment(gone))\n" }
      let chart = model.chart
      for (index, node) in chart.nodes.enumerated() {
        let (name, facts) = label(node, text)
        var attributes = ["label=\(DOT.quoted(facts.isEmpty ? name : name + "\n" + facts))"]
        var tooltip = "\(name) (\(node.id))"
        for finding in node.findings {
          let d = report.diagnostics[finding]
          tooltip += "\n\(d.severity.rawValue): \(d.message) [\(d.rule)]"
        }
        attributes.append("tooltip=\(DOT.quoted(tooltip))")
        if let worst = chart.worst(index, in: report.diagnostics), let colour = Self.colours[worst] {
          attributes += ["fillcolor=\"\(colour.fill)\"", "color=\"\(colour.line)\"", "penwidth=2"]
        }
        var style = ["rounded", "filled"]
        if node.marks.contains(.added) || node.marks.contains(.split) { style.append("dashed") }
        if node.marks.contains(.moved) { style.append("bold") }
        if style.count > 2 { attributes.append("style=\"\(style.joined(separator: ","))\"") }
        if node.marks.contains(.merged) { attributes.append("peripheries=2") }
        if !node.marks.isEmpty { attributes.append("class=\"\(node.marks.map(\.rawValue).joined(separator: " "))\"") }
        out += "\(indent)n\(first + index) [\(attributes.joined(separator: ", "))];\n"
      }
      let forest = Forest(chart)
      for (index, parent) in forest.parent.enumerated() {
        if let parent { out += "\(indent)n\(first + parent) -> n\(first + index);\n" }
      }
      if relations {
        for relation in chart.relations {
          out += "\(indent)n\(first + relation.from) -> n\(first + relation.to) [style=dashed, color=\"#64748b\", "
          out += "arrowhead=normal, constraint=false, label=\(DOT.quoted(relation.name)), fontsize=8];\n"
        }
      }
      if clustered { out += "  }\n" }
      first += chart.nodes.count
    }
    return out + "}\n"
  }

  private func modelTitle(_ model: CheckedModel, _ text: ReportText) -> String {
    if let proposal = model.proposal {
      return "\(text.proposal): \(proposal.title ?? proposal.id ?? proposal.file) (\(text.after.lowercased()))"
    }
    return model.organisation.map { "\($0) (\(model.title))" } ?? model.title
  }

  /// A comment line's text: one line, no control characters.
  static func comment(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }

  // MARK: Mermaid

  private func mermaid(_ report: Report) -> String {
    let text = ReportText(language: language)
    var out = "%% \(Self.comment(summary(report, text)))\n"
    out += "flowchart LR\n"
    for (severity, colour) in Severity.mostSevereFirst.map({ ($0, Self.colours[$0]!) }) {
      out +=
        "  classDef \(severity.rawValue) fill:\(colour.fill),stroke:\(colour.line),stroke-width:2px,color:#15202b\n"
    }
    out += "  classDef added stroke-dasharray:5 3\n  classDef split stroke-dasharray:5 3\n"
    out +=
      "  classDef moved stroke-width:3px\n  classDef merged stroke-width:4px\n  classDef renamed font-style:italic\n"
    var first = 0
    var bySeverity: [Severity: [String]] = [:]
    var byMark: [OrgChart.Mark: [String]] = [:]
    let grouped = report.models.count > 1
    for (m, model) in report.models.enumerated() {
      var indent = "  "
      if grouped {
        out += "  subgraph m\(m + 1)[\(Mermaid.label(modelTitle(model, text)))]\n"
        indent = "    "
      }
      for gone in removed(model) { out += "\(indent)%% \(text.mark(.removed)): \(Self.comment(gone))\n" }
      let chart = model.chart
      for (index, node) in chart.nodes.enumerated() {
        let (name, facts) = label(node, text)
        let id = "n\(first + index)"
        out += "\(indent)\(id)[\(Mermaid.label(name, facts.isEmpty ? [] : [facts]))]\n"
        if let worst = chart.worst(index, in: report.diagnostics) { bySeverity[worst, default: []].append(id) }
        for mark in node.marks where mark != .removed { byMark[mark, default: []].append(id) }
      }
      let forest = Forest(chart)
      for (index, parent) in forest.parent.enumerated() {
        if let parent { out += "\(indent)n\(first + parent) --> n\(first + index)\n" }
      }
      if relations {
        for relation in chart.relations {
          out += "\(indent)n\(first + relation.from) -.->|\(Mermaid.label(relation.name))| n\(first + relation.to)\n"
        }
      }
      if grouped { out += "  end\n" }
      first += chart.nodes.count
    }
    for mark in OrgChart.Mark.allCases {
      if let ids = byMark[mark] { out += "  class \(ids.joined(separator: ",")) \(mark.rawValue)\n" }
    }
    for severity in [Severity.info, .warning, .error] {
      if let ids = bySeverity[severity] { out += "  class \(ids.joined(separator: ",")) \(severity.rawValue)\n" }
    }
    return out
  }
}

/// Graphviz's quoted strings: `"` and `\` escaped (so that no `\N`, `\G` or
/// `\l` of the user's is read as an escape), the given lines joined by `\n`,
/// other line breaks and control characters as spaces.
public enum DOT {
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// Mermaid's quoted labels: characters that Mermaid or the HTML it renders
/// to would read (`"`, `#`, `<`, `>`, `&`, backtick) as entity codes
/// (`#quot;`, `#35;`, …), line breaks as spaces; lines joined by `<br/>`.
public enum Mermaid {
  public static func label(_ text: String, _ more: [String] = []) -> String {
    "\"" + ([text] + more).map(escape).joined(separator: "<br/>") + "\""
  }

  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "#quot;"
      case "#": out += "#35;"
      case "<": out += "#60;"
      case ">": out += "#62;"
      case "&": out += "#38;"
      case "`": out += "#96;"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
