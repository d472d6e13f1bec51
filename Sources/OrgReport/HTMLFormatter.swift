import OrgDiagnostics

/// The report for a board, a management team and union partners: one
/// self-contained HTML file (inline CSS and script, no fonts, images or
/// anything else fetched), readable on screen and printed to PDF. A summary
/// with the counts per severity and per rule; for each model the organisation
/// chart drawn as SVG, each unit coloured by its worst finding, and for a
/// proposal the chart before and after with what changes marked, its changes
/// and the headcount diff; and every finding in a table that can be filtered
/// by severity, rule and unit, each linking to its unit in the chart.
///
/// The document is also well-formed XML (scripts and styles in CDATA
/// sections, every element closed), so tests can read it with an XML parser.
/// Every piece of user text is escaped; JSON inside a script escapes `<`, `>`
/// and `&` too.
public struct HTMLFormatter {
  public var language: String
  public var metrics: ChartLayout.Metrics
  public var version: String

  public init(language: String, metrics: ChartLayout.Metrics = ChartLayout.Metrics(), version: String = "") {
    self.language = language
    self.metrics = metrics
    self.version = version
  }

  public func format(_ report: Report) -> String {
    Document(report: report, text: ReportText(language: language), metrics: metrics, version: version).render()
  }
}

/// Escaping for HTML text, attributes and SVG inside HTML: `&<>"'` become
/// references; control characters that neither HTML nor XML may hold become
/// U+FFFD.
public enum HTML {
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case "\r": out += " "
      case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A JSON string that is safe inside a `<script>` element: no `<`, `>` or
  /// `&` (so no `</script>` or `<!--`), and no line separators.
  public static func scriptJSON(_ text: String) -> String {
    var out = ""
    for scalar in JSON.string(text).unicodeScalars {
      switch scalar {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A fragment identifier made from an id: lower-case ASCII letters, digits
  /// and `-`; å, ä, ö and other accented letters lose their accents, anything
  /// else becomes `_`.
  public static func slug(_ id: String) -> String {
    var out = ""
    for character in id.lowercased() {
      if let ascii = character.asciiValue {
        out.append(
          (ascii >= 97 && ascii <= 122) || (ascii >= 48 && ascii <= 57) || ascii == 45 ? character : "_")
        continue
      }
      let base = character.unicodeScalars.first.map { String($0).decomposedBase() } ?? "_"
      out += base
    }
    return out.isEmpty ? "_" : out
  }
}

extension String {
  /// The first scalar's letter without its accent, when it is an ASCII letter.
  fileprivate func decomposedBase() -> String {
    let table: [Character: Character] = [
      "å": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "ã": "a", "æ": "a", "ö": "o", "ø": "o", "ó": "o", "ò": "o",
      "ô": "o", "õ": "o", "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "ì": "i", "î": "i", "ï": "i", "ú": "u",
      "ù": "u", "û": "u", "ü": "u", "ý": "y", "ÿ": "y", "ç": "c", "ñ": "n", "ð": "d", "þ": "t", "ß": "s",
    ]
    return first.flatMap { table[$0] }.map(String.init) ?? "_"
  }
}

/// The element ids of the units' boxes and the panels, unique in the
/// document: `unit-div-nara`, `before-vo-x` for a proposal's base,
/// `unit-m2-…` for the second model, `-2` appended when two ids make the
/// same slug.
struct Anchors {
  var after: [[String]] = []
  var before: [[String]] = []
  var afterPanels: [[String]] = []
  var beforePanels: [[String]] = []
  private var used = Set<String>()
  private var next: [String: Int] = [:]

  init(_ models: [CheckedModel], layouts: [(after: ChartLayout, before: ChartLayout?)]) {
    for (index, model) in models.enumerated() {
      let scope = index == 0 ? "" : "m\(index + 1)-"
      after.append(model.chart.nodes.map { make("unit-" + scope + HTML.slug($0.id)) })
      before.append(model.proposal?.before.nodes.map { make("before-" + scope + HTML.slug($0.id)) } ?? [])
      let (afterLayout, beforeLayout) = layouts[index]
      afterPanels.append(
        afterLayout.panels.map { panel in
          make("panel-" + scope + (panel.root.map { HTML.slug(model.chart.nodes[$0].id) } ?? "overview"))
        })
      beforePanels.append(
        beforeLayout?.panels.map { panel in
          make(
            "panel-before-" + scope + (panel.root.map { HTML.slug(model.proposal!.before.nodes[$0].id) } ?? "overview"))
        } ?? [])
    }
  }

  private mutating func make(_ base: String) -> String {
    var candidate = base
    var number = next[base] ?? 2
    while !used.insert(candidate).inserted {
      candidate = "\(base)-\(number)"
      number += 1
    }
    next[base] = number
    return candidate
  }
}

/// One rendering of a report.
private struct Document {
  let report: Report
  let text: ReportText
  let metrics: ChartLayout.Metrics
  let version: String
  let layouts: [(after: ChartLayout, before: ChartLayout?)]
  let anchors: Anchors
  /// For each finding placed in a chart: the anchor of its unit, and the unit's name.
  var placed: [Int: (anchor: String, name: String, id: String)] = [:]
  /// For each model: the anchor and name of the unit each id names (after the
  /// proposal, else before; the first unit with the id).
  var unitsByID: [[String: (anchor: String, name: String)]] = []

  init(report: Report, text: ReportText, metrics: ChartLayout.Metrics, version: String) {
    self.report = report
    self.text = text
    self.metrics = metrics
    self.version = version
    layouts = report.models.map { model in
      (ChartLayout(model.chart, metrics: metrics), model.proposal.map { ChartLayout($0.before, metrics: metrics) })
    }
    anchors = Anchors(report.models, layouts: layouts)
    for (m, model) in report.models.enumerated() {
      for (index, node) in model.chart.nodes.enumerated() {
        for finding in node.findings {
          placed[finding] = (anchors.after[m][index], node.displayName, node.id)
        }
      }
      if let before = model.proposal?.before {
        for (index, node) in before.nodes.enumerated() {
          for finding in node.findings {
            placed[finding] = (anchors.before[m][index], node.displayName, node.id)
          }
        }
      }
      var byID: [String: (anchor: String, name: String)] = [:]
      if model.proposal != nil {
        for (index, node) in (model.proposal?.before.nodes ?? []).enumerated().reversed() {
          byID[node.id] = (anchors.before[m][index], node.displayName)
        }
        for (index, node) in model.chart.nodes.enumerated().reversed() {
          byID[node.id] = (anchors.after[m][index], node.displayName)
        }
      }
      unitsByID.append(byID)
    }
  }

  func render() -> String {
    // One model, or several of one organisation (a base and its proposals): its name.
    let names = Set(report.models.map { $0.organisation ?? "" })
    let heading =
      report.models.count == 1
      ? modelHeading(report.models[0])
      : names.count == 1 && !names.first!.isEmpty ? names.first! : text.reportTitle
    var out = "<!DOCTYPE html>\n<html lang=\"\(text.language)\" data-script-errors=\"0\">\n<head>\n"
    out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    out += "<meta name=\"generator\" content=\"orglint\(version.isEmpty ? "" : " " + HTML.escape(version))\"/>\n"
    out += "<title>\(HTML.escape(heading)) — \(HTML.escape(text.reportTitle))</title>\n"
    out += "<script>/*<![CDATA[*/\n\(HTMLAssets.errorHook)\n/*]]>*/</script>\n"
    out += "<style>/*<![CDATA[*/\n\(HTMLAssets.style)\n/*]]>*/</style>\n</head>\n<body>\n"
    out += header(heading)
    out += "<main>\n"
    out += summary()
    for (index, model) in report.models.enumerated() {
      out += section(model, index: index)
    }
    out += findingsTable()
    out += "</main>\n"
    out += "<footer>\(HTML.escape(text.generatedBy))\(version.isEmpty ? "" : " " + HTML.escape(version))</footer>\n"
    out += "<pre id=\"selftest-result\" hidden=\"\"></pre>\n"
    out += "<script type=\"application/json\" id=\"orglint-text\">\(uiStrings())</script>\n"
    out += "<script>/*<![CDATA[*/\n\(HTMLAssets.script)\n/*]]>*/</script>\n"
    out += "</body>\n</html>\n"
    return out
  }

  func modelHeading(_ model: CheckedModel) -> String {
    if let proposal = model.proposal { return proposal.title ?? proposal.id ?? proposal.file }
    return model.chart.nodes.isEmpty ? model.title : (model.organisation ?? model.title)
  }

  private func header(_ heading: String) -> String {
    var out = "<header class=\"top\">\n<div class=\"brand\">\(HTML.escape(text.reportTitle))</div>\n"
    out += "<h1>\(HTML.escape(heading))</h1>\n"
    var facts: [String] = []
    if report.models.count == 1 {
      let model = report.models[0]
      if model.proposal != nil { facts.append(text.proposal + ": " + (model.proposal?.file ?? "")) }
      if let asOf = model.asOf { facts.append(asOf) }
    }
    facts.append("\(text.files(report.files)), \(text.units(report.units)) \(text.checked)")
    out += "<p class=\"sub\">\(facts.map(HTML.escape).joined(separator: " · "))</p>\n"
    return out + "</header>\n"
  }

  private func summary() -> String {
    var out = "<section id=\"summary\" class=\"card\">\n<h2>\(HTML.escape(text.summary))</h2>\n"
    out += "<div class=\"summary-grid\">\n<div class=\"counts\">\n"
    for severity in Severity.mostSevereFirst {
      let count = report.count(severity)
      out +=
        "<a class=\"count sev-\(severity.rawValue)\" href=\"#findings\" data-severity=\"\(severity.rawValue)\" data-count=\"\(count)\"><span class=\"n\">\(text.number(count))</span><span class=\"l\">\(HTML.escape(text.severityPlural(severity)))</span></a>\n"
    }
    out += "</div>\n<div class=\"by-rule\">\n"
    let byRule = report.countsByRule()
    if byRule.isEmpty {
      out += "<p class=\"clean\">\(HTML.escape(text.noFindings)).</p>\n"
    } else {
      out += "<h3>\(HTML.escape(text.perRule))</h3>\n<table class=\"rules\">\n<thead><tr>"
      out += "<th>\(HTML.escape(text.severity))</th><th>\(HTML.escape(text.rule))</th>"
      out += "<th class=\"num\">\(HTML.escape(text.findingsHeading))</th></tr></thead>\n<tbody>\n"
      for (rule, severity, count) in byRule {
        out += "<tr data-rule=\"\(HTML.escape(rule))\" data-count=\"\(count)\">"
        out += "<td>\(pill(severity))</td><td>"
        if let described = report.rule(rule) {
          out += "<details class=\"about\"><summary><code>\(HTML.escape(rule))</code> "
          out += "<span class=\"title\">\(HTML.escape(described.title))</span></summary>"
          out += "<p>\(HTML.escape(described.description))</p></details>"
        } else {
          out += "<code>\(HTML.escape(rule))</code>"
        }
        out += "</td><td class=\"num\">\(text.number(count))</td></tr>\n"
      }
      out += "</tbody>\n</table>\n"
    }
    let quiet = report.rules.filter { rule in !byRule.contains { $0.rule == rule.id } }
    if !quiet.isEmpty {
      out +=
        "<details class=\"quiet\"><summary>\(HTML.escape(text.rulesWithoutFindings)) (\(quiet.count))</summary><ul>"
      for rule in quiet {
        out += "<li><code>\(HTML.escape(rule.id))</code> — \(HTML.escape(rule.title))</li>"
      }
      out += "</ul></details>\n"
    }
    return out + "</div>\n</div>\n</section>\n"
  }

  private func pill(_ severity: Severity, count: Int? = nil) -> String {
    let label = (count.map { text.number($0) + " " } ?? "") + text.severityName(severity)
    return "<span class=\"pill sev-\(severity.rawValue)\">\(HTML.escape(label))</span>"
  }

  // MARK: models and proposals

  private func section(_ model: CheckedModel, index: Int) -> String {
    var out = "<section class=\"model card\" id=\"model-\(index + 1)\">\n"
    if let proposal = model.proposal {
      out +=
        "<h2><span class=\"kicker\">\(HTML.escape(text.proposal))</span> \(HTML.escape(modelHeading(model)))</h2>\n"
      out += proposalFacts(proposal)
      out += changesTable(proposal, model: index)
      out += headcountTable(proposal, model: index)
      out += diffDetails(proposal, model: index)
      out += figure(
        chart: proposal.before, layout: layouts[index].before!, anchors: anchors.before[index],
        panels: anchors.beforePanels[index], caption: "\(text.chart) · \(text.before)", id: "chart-\(index + 1)-before",
        marks: true)
      out += figure(
        chart: model.chart, layout: layouts[index].after, anchors: anchors.after[index],
        panels: anchors.afterPanels[index], caption: "\(text.chart) · \(text.after)", id: "chart-\(index + 1)-after",
        marks: true)
    } else {
      out += "<h2>\(HTML.escape(modelHeading(model)))</h2>\n"
      if model.organisation != nil { out += "<p class=\"path\"><code>\(HTML.escape(model.title))</code></p>\n" }
      out += figure(
        chart: model.chart, layout: layouts[index].after, anchors: anchors.after[index],
        panels: anchors.afterPanels[index], caption: text.chart, id: "chart-\(index + 1)", marks: false)
    }
    return out + "</section>\n"
  }

  private func proposalFacts(_ proposal: ProposalView) -> String {
    var rows: [(String, String)] = [(text.proposal, proposal.file)]
    if let id = proposal.id { rows.append(("id", id)) }
    if let decision = proposal.decision { rows.append((text.decision, decision)) }
    if let effective = proposal.effective { rows.append((text.effective, effective)) }
    rows.append((text.base, proposal.base))
    var out = "<dl class=\"facts\">"
    for (term, value) in rows { out += "<dt>\(HTML.escape(term))</dt><dd>\(HTML.escape(value))</dd>" }
    return out + "</dl>\n"
  }

  private func changesTable(_ proposal: ProposalView, model: Int) -> String {
    guard !proposal.changes.isEmpty else { return "" }
    // Each change's findings, in report order.
    let byChange = Dictionary(grouping: report.models[model].findings) { report.diagnostics[$0].change }
    var out = "<h3>\(HTML.escape(text.changes))</h3>\n<table class=\"changes\">\n<thead><tr><th class=\"num\">#</th>"
    out += "<th>\(HTML.escape(text.change))</th><th>\(HTML.escape(text.location))</th>"
    out += "<th>\(HTML.escape(text.findingsHeading))</th></tr></thead>\n<tbody>\n"
    for change in proposal.changes {
      let caused = byChange[change.index] ?? []
      out += "<tr\(change.applied ? "" : " class=\"failed\"")><td class=\"num\">\(change.index)</td>"
      out += "<td><strong>\(HTML.escape(change.operation))</strong> \(HTML.escape(change.subject))"
      if let delta = change.headcountDelta {
        out += " <span class=\"delta\">(headcount_delta \(HTML.escape(text.delta(delta))))</span>"
      }
      if !change.applied { out += "<div class=\"warn\">\(HTML.escape(text.notApplied))</div>" }
      out += "</td><td><code>\(HTML.escape(change.location.description))</code></td><td>"
      if caused.isEmpty {
        out += "<span class=\"ok\">—</span>"
      } else {
        for severity in Severity.mostSevereFirst {
          let count = caused.count { report.diagnostics[$0].severity == severity }
          if count > 0 { out += pill(severity, count: count) + " " }
        }
      }
      out += "</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// The anchor and name of the unit with this id after the proposal, or else before.
  private func unitLink(_ id: String, model: Int) -> String {
    guard let (anchor, name) = unitsByID[model][id] else { return HTML.escape(id) }
    return "<a href=\"#\(HTML.escape(anchor))\">\(HTML.escape(name))</a>"
  }

  private func headcountTable(_ proposal: ProposalView, model: Int) -> String {
    let diff = proposal.diff
    let rows = diff.entries.filter { $0.kind == "headcount" }
    var out = "<h3>\(HTML.escape(text.headcountChange))</h3>\n<table class=\"headcount\">\n<thead><tr>"
    out += "<th>\(HTML.escape(text.unit))</th><th class=\"num\">\(HTML.escape(text.before))</th>"
    out += "<th class=\"num\">\(HTML.escape(text.after))</th><th class=\"num\">±</th>"
    out += "<th class=\"num\">\(HTML.escape(text.change))</th></tr></thead>\n<tbody>\n"
    for entry in rows {
      let before = entry.before.flatMap { Int($0) }
      let after = entry.after.flatMap { Int($0) }
      let delta = (after ?? 0) - (before ?? 0)
      out += "<tr><td>\(unitLink(entry.unit, model: model)) <span class=\"id\">\(HTML.escape(entry.unit))</span></td>"
      out +=
        "<td class=\"num\">\(before.map(text.number) ?? "—")</td><td class=\"num\">\(after.map(text.number) ?? "—")</td>"
      out += "<td class=\"num \(delta < 0 ? "minus" : delta > 0 ? "plus" : "")\">\(HTML.escape(text.delta(delta)))</td>"
      out += "<td class=\"num\">\(entry.change.map(String.init) ?? "")</td></tr>\n"
    }
    let total = diff.totalAfter - diff.totalBefore
    out +=
      "</tbody>\n<tfoot><tr><th>\(HTML.escape(text.total))</th><th class=\"num\">\(text.number(diff.totalBefore))</th>"
    out += "<th class=\"num\">\(text.number(diff.totalAfter))</th>"
    out +=
      "<th class=\"num \(total < 0 ? "minus" : total > 0 ? "plus" : "")\">\(HTML.escape(text.delta(total)))</th><th></th></tr></tfoot>\n"
    out += "</table>\n"
    out +=
      "<p class=\"units-line\">\(HTML.escape(text.units(diff.unitsBefore))) → \(HTML.escape(text.units(diff.unitsAfter)))</p>\n"
    return out
  }

  private func diffDetails(_ proposal: ProposalView, model: Int) -> String {
    let kinds = ["merged", "split", "added", "removed", "moved", "renamed", "repointed"]
    let entries = proposal.diff.entries.filter { $0.kind != "headcount" }
    guard !entries.isEmpty else { return "" }
    var out = "<details class=\"diff\"><summary>\(HTML.escape(text.allDiffEntries)) (\(entries.count))</summary>\n"
    for kind in kinds {
      let group = entries.filter { $0.kind == kind }
      guard !group.isEmpty else { continue }
      out += "<h4>\(HTML.escape(text.diffHeading(kind)))</h4><ul>"
      for entry in group {
        out +=
          "<li>\(unitLink(entry.unit, model: model)): \(HTML.escape(entry.before ?? "—")) → \(HTML.escape(entry.after ?? "—"))"
        if let change = entry.change {
          out += " <span class=\"muted\">(\(HTML.escape(text.changeNumber(change))))</span>"
        }
        out += "</li>"
      }
      out += "</ul>\n"
    }
    return out + "</details>\n"
  }

  private func figure(
    chart: OrgChart, layout: ChartLayout, anchors: [String], panels: [String], caption: String, id: String,
    marks: Bool
  ) -> String {
    let svg = ChartSVG(
      chart: chart, layout: layout, anchors: anchors, panelIDs: panels, diagnostics: report.diagnostics, text: text)
    let side = id.hasSuffix("-before") ? " before" : id.hasSuffix("-after") ? " after" : ""
    var out =
      "<figure class=\"chart\(side)\" id=\"\(HTML.escape(id))\">\n<figcaption>\(HTML.escape(caption))</figcaption>\n"
    out += legend(marks: marks ? Set(chart.nodes.flatMap(\.marks)) : [])
    // Choosing a unit needs the script, which shows this hint; the note on
    // folded branches holds either way.
    out += "<p class=\"hint\" hidden=\"\">\(HTML.escape(text.clickAUnit))</p>\n"
    if layout.panels.count > 1 { out += "<p class=\"note\">\(HTML.escape(text.collapsedBranches))</p>\n" }
    out += "<div class=\"scroll\" id=\"\(HTML.escape(panels[0]))\">\n"
    out += svg.svg(panel: 0, label: caption)
    out += "</div>\n"
    for index in layout.panels.indices.dropFirst() {
      let root = chart.nodes[layout.panels[index].root!]
      out += "<details class=\"panel\" id=\"\(HTML.escape(panels[index]))\">"
      out +=
        "<summary>\(HTML.escape(text.branch)): \(HTML.escape(root.displayName)) — \(HTML.escape(text.units(layout.panels[index].units)))</summary>\n"
      out += "<div class=\"scroll\">\n" + svg.svg(panel: index, label: root.displayName) + "</div>\n</details>\n"
    }
    out += "<div class=\"unit-card\" hidden=\"\" aria-live=\"polite\"></div>\n"
    return out + "</figure>\n"
  }

  private func legend(marks: Set<OrgChart.Mark>) -> String {
    var out = "<ul class=\"legend\" aria-label=\"\(HTML.escape(text.legend))\">"
    for severity in Severity.mostSevereFirst {
      out +=
        "<li><span class=\"swatch sev-\(severity.rawValue)\"></span>\(HTML.escape(text.severityName(severity)))</li>"
    }
    out += "<li><span class=\"swatch sev-none\"></span>\(HTML.escape(text.noRemarks))</li>"
    for mark in OrgChart.Mark.allCases where marks.contains(mark) {
      out += "<li><span class=\"tagswatch tag-\(mark.rawValue)\">\(HTML.escape(text.mark(mark)))</span></li>"
    }
    return out + "</ul>\n"
  }

  // MARK: the findings table

  private func findingsTable() -> String {
    var out = "<section id=\"findings\" class=\"card\">\n<h2>\(HTML.escape(text.findingsHeading))</h2>\n"
    let rules = report.countsByRule().map(\.rule).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var units: [(anchor: String, label: String)] = []
    var seen = Set<String>()
    for index in report.diagnostics.indices {
      if let unit = placed[index], seen.insert(unit.anchor).inserted {
        units.append((unit.anchor, "\(unit.name) (\(unit.id))"))
      }
    }
    units.sort { $0.label.lowercased() < $1.label.lowercased() }
    out += "<div class=\"filters\" hidden=\"\">\n"
    out +=
      "<label>\(HTML.escape(text.severity)) <select id=\"filter-severity\"><option value=\"\">\(HTML.escape(text.all))</option>"
    for severity in Severity.mostSevereFirst {
      out += "<option value=\"\(severity.rawValue)\">\(HTML.escape(text.severityName(severity)))</option>"
    }
    out += "</select></label>\n"
    out +=
      "<label>\(HTML.escape(text.rule)) <select id=\"filter-rule\"><option value=\"\">\(HTML.escape(text.all))</option>"
    for rule in rules { out += "<option value=\"\(HTML.escape(rule))\">\(HTML.escape(rule))</option>" }
    out += "</select></label>\n"
    out +=
      "<label>\(HTML.escape(text.unit)) <select id=\"filter-unit\"><option value=\"\">\(HTML.escape(text.all))</option>"
    for unit in units {
      out += "<option value=\"\(HTML.escape(unit.anchor))\">\(HTML.escape(unit.label))</option>"
    }
    out += "</select></label>\n<span id=\"filter-count\" class=\"muted\"></span>\n</div>\n"
    if report.diagnostics.isEmpty {
      out += "<p class=\"clean\">\(HTML.escape(text.noFindings)).</p>\n"
    }
    out += "<table id=\"findings-table\" data-total=\"\(report.diagnostics.count)\">\n<thead><tr>"
    out += "<th>\(HTML.escape(text.severity))</th><th>\(HTML.escape(text.rule))</th><th>\(HTML.escape(text.unit))</th>"
    out += "<th>\(HTML.escape(text.message))</th><th>\(HTML.escape(text.location))</th></tr></thead>\n<tbody>\n"
    for (index, diagnostic) in report.diagnostics.enumerated() {
      let unit = placed[index]
      out += "<tr id=\"finding-\(index + 1)\" data-severity=\"\(diagnostic.severity.rawValue)\""
      out += " data-rule=\"\(HTML.escape(diagnostic.rule))\" data-unit=\"\(HTML.escape(unit?.anchor ?? ""))\">"
      out += "<td>\(pill(diagnostic.severity))</td>"
      let title = report.rule(diagnostic.rule).map { " title=\"\(HTML.escape($0.title))\"" } ?? ""
      out += "<td class=\"rule\"><code\(title)>\(HTML.escape(diagnostic.rule))</code></td><td class=\"unit\">"
      if let unit {
        out += "<a href=\"#\(HTML.escape(unit.anchor))\">\(HTML.escape(unit.name))</a>"
        out += "<div class=\"id\">\(HTML.escape(unit.id))</div>"
      } else if let id = diagnostic.unit {
        out += "<span class=\"id\">\(HTML.escape(id))</span>"
      } else {
        out += "<span class=\"muted\">—</span>"
      }
      out += "</td><td class=\"msg\"><span class=\"text\">\(HTML.escape(diagnostic.message))</span>"
      if let change = diagnostic.change {
        out += "<div class=\"change\">\(HTML.escape(text.changeNumber(change)))</div>"
      }
      if !diagnostic.related.isEmpty {
        out += "<ul class=\"related\">"
        for related in diagnostic.related {
          out += "<li><code>\(HTML.escape(related.location.description))</code> \(HTML.escape(related.message))</li>"
        }
        out += "</ul>"
      }
      out += "</td><td class=\"loc\">\(locationCode(diagnostic.location))</td></tr>\n"
    }
    return out + "</tbody>\n</table>\n</section>\n"
  }

  /// `dir/file:line:column`, the folder muted so that the file stands out.
  private func locationCode(_ location: Location) -> String {
    let path = location.file
    let cut = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    return "<code><span class=\"dir\">\(HTML.escape(String(path[..<cut])))</span>"
      + "<span class=\"file\">\(HTML.escape(String(path[cut...]))):\(location.line):\(location.column)</span></code>"
  }

  private func uiStrings() -> String {
    let strings: [(String, String)] = [
      ("showing", text.showing), ("noFindings", text.noFindingsForUnit), ("showInTable", text.showInTable),
    ]
    return "{" + strings.map { "\(HTML.scriptJSON($0.0)): \(HTML.scriptJSON($0.1))" }.joined(separator: ", ") + "}"
  }
}
