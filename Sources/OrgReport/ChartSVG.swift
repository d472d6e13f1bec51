import OrgDiagnostics

/// Draws a chart's panels as inline SVG for the HTML report: one box per
/// unit, coloured by its worst finding, with its headcount, what a proposal
/// does to it, and its findings in the tooltip; elbow lines from parents to
/// children. Every piece of user text is escaped (`HTML.escape`).
struct ChartSVG {
  let chart: OrgChart
  let layout: ChartLayout
  /// The element id of each node's box.
  let anchors: [String]
  /// The element id of each panel (`panel-…`), for the stubs that lead there.
  let panelIDs: [String]
  let diagnostics: [Diagnostic]
  let text: ReportText

  var metrics: ChartLayout.Metrics { layout.metrics }

  func svg(panel index: Int, label: String) -> String {
    let panel = layout.panels[index]
    let width = format(max(panel.width, metrics.boxWidth))
    let height = format(max(panel.height, metrics.boxHeight))
    // A chart somewhat wider than the page is scaled to fit; a much wider one scrolls.
    let fit = panel.width <= 1800 ? " fit" : ""
    var out =
      "<svg class=\"orgchart\(fit)\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"group\" aria-label=\"\(HTML.escape(label))\">\n"
    out += "<g class=\"edges\">"
    let half = metrics.boxHeight / 2
    for edge in panel.edges {
      let from = panel.boxes[edge.from]
      let to = panel.boxes[edge.to]
      let x1 = from.x + metrics.boxWidth
      let y1 = from.y + half
      let xm = x1 + metrics.columnGap / 2
      out += "<path d=\"M\(format(x1)) \(format(y1))H\(format(xm))V\(format(to.y + half))H\(format(to.x))\"/>"
    }
    out += "</g>\n"
    for box in panel.boxes {
      out += box.panel == nil ? unitBox(box) : stubBox(box)
    }
    return out + "</svg>\n"
  }

  private func unitBox(_ box: ChartLayout.Box) -> String {
    let node = chart.nodes[box.node]
    let worst = chart.worst(box.node, in: diagnostics)
    let classes = ["unit", "sev-\(worst?.rawValue ?? "none")"] + node.marks.map { "mark-\($0.rawValue)" }
    let meta = metaLine(node)
    var tooltip = "\(node.displayName) (\(node.id))\n\(meta)"
    if !node.marks.isEmpty { tooltip += "\n" + node.marks.map(text.mark).joined(separator: ", ") }
    for finding in node.findings {
      let d = diagnostics[finding]
      tooltip += "\n\(text.severityName(d.severity)): \(d.message) [\(d.rule)]"
    }
    var out =
      "<g class=\"\(classes.joined(separator: " "))\" id=\"\(HTML.escape(anchors[box.node]))\" data-unit-id=\"\(HTML.escape(node.id))\" data-name=\"\(HTML.escape(node.displayName))\" data-meta=\"\(HTML.escape(meta))\" tabindex=\"0\" role=\"button\" transform=\"translate(\(format(box.x)) \(format(box.y)))\">"
    out += "<title>\(HTML.escape(tooltip))</title>"
    out += boxShapes(name: node.displayName, meta: meta, badge: node.findings.count, marks: node.marks)
    return out + "</g>\n"
  }

  /// A branch drawn in a panel of its own: one box that leads there,
  /// coloured by the worst finding anywhere in the branch.
  private func stubBox(_ box: ChartLayout.Box) -> String {
    let node = chart.nodes[box.node]
    let panel = layout.panels[box.panel!]
    var worst: Severity?
    var findings = 0
    for inner in panel.boxes {
      let n = chart.nodes[inner.node]
      findings += n.findings.count
      if let w = chart.worst(inner.node, in: diagnostics) { worst = max(worst ?? w, w) }
    }
    let meta =
      "▸ \(text.units(panel.units))" + (findings > 0 ? " · \(text.findings(findings))" : "")
    let target = panelIDs[box.panel!]
    var out = "<a href=\"#\(HTML.escape(target))\" class=\"stub-link\">"
    out +=
      "<g class=\"stub sev-\(worst?.rawValue ?? "none")\" data-panel=\"\(HTML.escape(target))\" transform=\"translate(\(format(box.x)) \(format(box.y)))\">"
    out += "<title>\(HTML.escape("\(node.displayName) (\(node.id))\n\(meta)"))</title>"
    out += boxShapes(name: node.displayName, meta: meta, badge: 0, marks: [])
    return out + "</g></a>\n"
  }

  private func boxShapes(name: String, meta: String, badge: Int, marks: [OrgChart.Mark]) -> String {
    let w = metrics.boxWidth
    let h = metrics.boxHeight
    let r = 6.0
    var out = "<rect class=\"box\" width=\"\(format(w))\" height=\"\(format(h))\" rx=\"\(format(r))\"/>"
    out +=
      "<path class=\"stripe\" d=\"M\(format(r)) 0A\(format(r)) \(format(r)) 0 0 0 0 \(format(r))V\(format(h - r))A\(format(r)) \(format(r)) 0 0 0 \(format(r)) \(format(h))Z\"/>"
    let badgeSpace = badge > 0 ? 24.0 : 0
    let lines = TextFit.lines(name, width: w - 20 - badgeSpace, fontSize: 12.5, bold: true, maxLines: 2)
    let firstY = lines.count == 1 ? 21.0 : 16.5
    for (index, line) in lines.enumerated() {
      out += "<text class=\"name\" x=\"14\" y=\"\(format(firstY + Double(index) * 14))\">\(HTML.escape(line))</text>"
    }
    var metaText = meta
    var tags = ""
    if let mark = marks.first {
      let label = text.mark(mark)
      let tagWidth = TextFit.width(label, fontSize: 9.5, bold: true) + 10
      let tx = w - tagWidth - 5
      tags =
        "<g class=\"tag tag-\(mark.rawValue)\" transform=\"translate(\(format(tx)) \(format(h - 16.5)))\"><rect width=\"\(format(tagWidth))\" height=\"13\" rx=\"6.5\"/><text x=\"\(format(tagWidth / 2))\" y=\"9.8\">\(HTML.escape(label))</text></g>"
      metaText = TextFit.lines(meta, width: w - 24 - tagWidth, fontSize: 11, bold: false, maxLines: 1).first ?? ""
    } else {
      metaText = TextFit.lines(meta, width: w - 20, fontSize: 11, bold: false, maxLines: 1).first ?? ""
    }
    out += "<text class=\"meta\" x=\"14\" y=\"\(format(h - 6.5))\">\(HTML.escape(metaText))</text>"
    out += tags
    if badge > 0 {
      out +=
        "<g class=\"badge\"><circle cx=\"\(format(w - 15))\" cy=\"15\" r=\"9.5\"/><text x=\"\(format(w - 15))\" y=\"18.6\">\(badge > 99 ? "99+" : String(badge))</text></g>"
    }
    return out
  }

  func metaLine(_ node: OrgChart.Node) -> String {
    var parts: [String] = []
    if !node.kind.isEmpty { parts.append(node.kind) }
    if let headcount = node.headcount { parts.append(text.people(headcount)) }
    return parts.joined(separator: " · ")
  }
}

/// Numbers in SVG: at most two decimals, no trailing zeros, never `-0`.
func format(_ value: Double) -> String {
  let rounded = (value * 100).rounded() / 100
  if rounded == rounded.rounded() { return String(Int(rounded)) }
  var text = String(rounded)
  while text.hasSuffix("0") { text.removeLast() }
  return text
}

/// Fitting text into a box without the browser's font metrics: an estimate
/// of each character's width in a sans-serif font (generous, so that text
/// fits in the widest common fonts), greedy wrapping by words, and an
/// ellipsis when the lines run out. The whole text is in the tooltip.
enum TextFit {
  static func width(_ text: String, fontSize: Double, bold: Bool) -> Double {
    var em = 0.0
    for character in text {
      em += characterWidth(character)
    }
    return em * fontSize * (bold ? 1 : 0.92)
  }

  /// Widths in em of Arial Bold (which Helvetica, Liberation Sans and, near
  /// enough, Segoe UI share), rounded up.
  private static func characterWidth(_ character: Character) -> Double {
    switch character {
    case "i", "j", "l", ".", ",", ":", ";", "'", "!", "|", "í", "ì", "ï": 0.3
    case " ", "f", "t", "r", "I", "(", ")", "[", "]", "/", "-", "‐": 0.39
    case "m", "w", "M", "W", "@", "%", "—": 0.91
    case _ where character.isUppercase: 0.74
    case _ where character.isNumber: 0.58
    case _ where character.unicodeScalars.first.map({ $0.value >= 0x2E80 }) ?? false: 1.0
    default: 0.62
    }
  }

  static func lines(_ text: String, width: Double, fontSize: Double, bold: Bool, maxLines: Int) -> [String] {
    func fits(_ candidate: String) -> Bool { Self.width(candidate, fontSize: fontSize, bold: bold) <= width }
    // Pieces a line may end after: words, split after `/` and `-` too, and
    // any piece wider than a line cut where it must.
    var pieces: [(text: String, space: Bool)] = []
    for word in text.split(whereSeparator: { $0.isWhitespace }) {
      var space = true
      var piece = ""
      for character in word {
        if !piece.isEmpty && !fits(piece + String(character) + "-") {
          pieces.append((piece + "-", space))  // a word cut where it must be, hyphenated
          piece = ""
          space = false
        }
        piece.append(character)
        if character == "/" || character == "-" || character == "–" {
          pieces.append((piece, space))
          piece = ""
          space = false
        }
      }
      if !piece.isEmpty { pieces.append((piece, space)) }
    }
    var lines: [String] = []
    var current = ""
    for (piece, space) in pieces {
      let candidate = current.isEmpty ? piece : current + (space ? " " : "") + piece
      if current.isEmpty || fits(candidate) {
        current = candidate
      } else {
        lines.append(current)
        current = piece
      }
    }
    if !current.isEmpty { lines.append(current) }
    guard lines.count > maxLines else { return lines.isEmpty ? [""] : lines }
    var last = lines[maxLines - 1]
    while !last.isEmpty && !fits(last + "…") { last.removeLast() }
    while last.last == " " { last.removeLast() }
    return Array(lines.prefix(maxLines - 1)) + [last + "…"]
  }
}
