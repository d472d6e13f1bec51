import OrgDiagnostics

/// A report for a pull-request comment or a document: the counts per severity
/// and per rule, then the findings of each model grouped by unit (for a
/// proposal: by the change that caused them, then by unit), each with its
/// location; the rules' explanations and long groups folded in `<details>`.
/// Tables are GitHub Flavored Markdown, which GitHub and GitLab both render.
/// User text is escaped so that it neither breaks a table nor renders as
/// HTML or as Markdown.
public struct MarkdownFormatter {
  public var language: String
  /// A group with more findings than this is folded.
  public var foldAfter: Int

  public init(language: String, foldAfter: Int = 10) {
    self.language = language
    self.foldAfter = foldAfter
  }

  public func format(_ report: Report) -> String {
    let text = ReportText(language: language)
    var out = "## \(Markdown.escape(title(report, text)))\n\n"
    out += "**\(text.counts(report))** — "
    out += "\(text.files(report.files)), \(text.units(report.units)) \(text.checked).\n\n"
    out += "| \(text.severityPlural(.error)) | \(text.severityPlural(.warning)) | \(text.severityPlural(.info)) |\n"
    out += "|---:|---:|---:|\n"
    out += "| \(text.number(report.count(.error))) | \(text.number(report.count(.warning))) | "
    out += "\(text.number(report.count(.info))) |\n\n"

    let byRule = report.countsByRule()
    if !byRule.isEmpty {
      out += "### \(text.perRule)\n\n| \(text.rule) | \(text.severity) | \(text.findingsHeading) |\n|:---|:---|---:|\n"
      for (rule, severity, count) in byRule {
        let title = report.rule(rule).map { " — " + Markdown.escape($0.title) } ?? ""
        out += "| \(Markdown.code(rule))\(title) | \(text.severityName(severity)) | \(text.number(count)) |\n"
      }
      out += "\n"
    }

    if report.models.isEmpty {
      if !report.diagnostics.isEmpty {
        out += "### \(text.findingsHeading)\n\n"
        out += table(Array(report.diagnostics.indices), report, text, unitColumn: true)
      }
    } else {
      for model in report.models where !model.findings.isEmpty || report.models.count == 1 {
        out += section(model, report, text, several: report.models.count > 1)
      }
      // Findings of no model drawn (a file that is not YAML, a proposal whose base cannot be read).
      let covered = Set(report.models.flatMap(\.findings))
      let rest = report.diagnostics.indices.filter { !covered.contains($0) }
      if !rest.isEmpty {
        out += "### \(text.findingsHeading)\n\n" + table(rest, report, text, unitColumn: true)
      }
    }
    if report.diagnostics.isEmpty { out += "\(text.noFindings).\n\n" }

    let described = byRule.compactMap { report.rule($0.rule) }
    if !described.isEmpty {
      out += "<details>\n<summary>\(HTML.escape(text.aboutTheRules))</summary>\n\n"
      for rule in described {
        out += "**\(Markdown.code(rule.id))** — \(Markdown.escape(rule.title))\n\n"
        if !rule.description.isEmpty { out += Markdown.escape(rule.description) + "\n\n" }
      }
      out += "</details>\n"
    }
    return out
  }

  private func title(_ report: Report, _ text: ReportText) -> String {
    guard report.models.count == 1 else { return text.reportTitle }
    let model = report.models[0]
    let name = model.proposal.map { $0.title ?? $0.id ?? $0.file } ?? model.organisation ?? model.title
    return "\(text.reportTitle): \(name)"
  }

  private func section(_ model: CheckedModel, _ report: Report, _ text: ReportText, several: Bool) -> String {
    var out = ""
    if several || model.proposal != nil {
      let heading = model.proposal.map { "\(text.proposal): \($0.title ?? $0.id ?? $0.file)" } ?? model.title
      out += "### \(Markdown.escape(heading))\n\n"
    }
    var findings = model.findings
    if let proposal = model.proposal {
      var facts = [
        "\(text.proposal): \(Markdown.code(proposal.file))", "\(text.base): \(Markdown.code(proposal.base))",
      ]
      if let decision = proposal.decision { facts.append("\(text.decision): \(Markdown.escape(decision))") }
      if let effective = proposal.effective { facts.append("\(text.effective): \(Markdown.escape(effective))") }
      let diff = proposal.diff
      facts.append(
        "\(text.headcount): \(text.number(diff.totalBefore)) → \(text.number(diff.totalAfter)) (\(text.delta(diff.totalAfter - diff.totalBefore)))"
      )
      facts.append("\(text.units(diff.unitsBefore)) → \(text.units(diff.unitsAfter))")
      out += facts.joined(separator: " · ") + "\n\n"
      let caused = findings.filter { report.diagnostics[$0].change != nil }
      if !caused.isEmpty {
        out += "#### \(text.byChange)\n\n"
        let byChange = Dictionary(grouping: caused) { report.diagnostics[$0].change }
        for change in proposal.changes {
          guard let group = byChange[change.index] else { continue }
          let heading =
            "**\(text.changeNumber(change.index))** — \(Markdown.escape(change.operation)) \(Markdown.escape(change.subject)) (\(Markdown.code(change.location.description)))"
          let plain = "\(text.changeNumber(change.index)) — \(change.operation) \(change.subject) (\(change.location))"
          out += fold(heading, plain: plain, table(group, report, text, unitColumn: true), count: group.count)
        }
        let known = Set(proposal.changes.map(\.index))
        let unknown = caused.filter { !known.contains(report.diagnostics[$0].change!) }
        if !unknown.isEmpty {
          out += fold(
            "**\(text.change)**", plain: text.change, table(unknown, report, text, unitColumn: true),
            count: unknown.count)
        }
        findings = findings.filter { report.diagnostics[$0].change == nil }
        if !findings.isEmpty { out += "#### \(text.notCausedByAChange)\n\n" }
      }
    }
    if !findings.isEmpty {
      if model.proposal == nil { out += "#### \(text.byUnit)\n\n" }
      out += byUnit(findings, model, report, text)
    }
    return out
  }

  /// Findings grouped by the unit they are about, groups in the order of
  /// their first finding; then those about no unit.
  private func byUnit(_ findings: [Int], _ model: CheckedModel, _ report: Report, _ text: ReportText) -> String {
    var nodeOf: [Int: (chart: OrgChart, node: Int, key: Int)] = [:]
    for (index, node) in model.chart.nodes.enumerated() {
      for finding in node.findings { nodeOf[finding] = (model.chart, index, index) }
    }
    if let before = model.proposal?.before {
      let offset = model.chart.nodes.count
      for (index, node) in before.nodes.enumerated() {
        for finding in node.findings { nodeOf[finding] = (before, index, offset + index) }
      }
    }
    var order: [Int] = []
    var groups: [Int: [Int]] = [:]
    var loose: [Int] = []
    for finding in findings {
      guard let place = nodeOf[finding] else {
        loose.append(finding)
        continue
      }
      if groups[place.key] == nil { order.append(place.key) }
      groups[place.key, default: []].append(finding)
    }
    var out = ""
    for key in order {
      let group = groups[key]!
      let place = nodeOf[group[0]]!
      let node = place.chart.nodes[place.node]
      var facts = [Markdown.code(node.id)]
      if !node.kind.isEmpty { facts.append(Markdown.escape(node.kind)) }
      if let headcount = node.headcount { facts.append(text.people(headcount)) }
      facts += node.marks.map(text.mark)
      let name = node.displayName
      let heading = "**\(Markdown.escape(name))** · \(facts.joined(separator: " · "))"
      let plain = "\(name) · " + ([node.id] + facts.dropFirst()).joined(separator: " · ")
      out += fold(heading, plain: plain, table(group, report, text, unitColumn: false), count: group.count)
    }
    if !loose.isEmpty {
      out += fold(
        "**\(text.aboutNoUnit)**", plain: text.aboutNoUnit, table(loose, report, text, unitColumn: true),
        count: loose.count)
    }
    return out
  }

  /// A group under its heading; folded when it is long. GitHub and GitLab
  /// render Markdown inside `<details>` after a blank line; the summary is
  /// HTML, so it takes the heading as plain text, escaped for HTML.
  private func fold(_ heading: String, plain: String, _ table: String, count: Int) -> String {
    guard count > foldAfter else { return heading + "\n\n" + table }
    return "<details>\n<summary>\(HTML.escape(plain)) (\(count))</summary>\n\n\(table)</details>\n\n"
  }

  private func table(_ findings: [Int], _ report: Report, _ text: ReportText, unitColumn: Bool) -> String {
    var out = "| \(text.severity) | "
    out += unitColumn ? "\(text.unit) | " : ""
    out += "\(text.message) | \(text.location) | \(text.rule) |\n"
    out += unitColumn ? "|:---|:---|:---|:---|:---|\n" : "|:---|:---|:---|:---|\n"
    for index in findings {
      let diagnostic = report.diagnostics[index]
      out += "| \(text.severityName(diagnostic.severity)) | "
      if unitColumn { out += (diagnostic.unit.map(Markdown.code) ?? "—") + " | " }
      var message = Markdown.escape(diagnostic.message)
      for related in diagnostic.related {
        message += "<br/>↳ \(Markdown.code(related.location.description)) \(Markdown.escape(related.message))"
      }
      out += "\(message) | \(Markdown.code(diagnostic.location.description)) | \(Markdown.code(diagnostic.rule)) |\n"
    }
    return out + "\n"
  }
}

/// Escaping for Markdown (CommonMark and GitHub Flavored Markdown).
public enum Markdown {
  /// Text that renders as itself, in a paragraph or in a table cell: the
  /// characters Markdown gives a meaning inside a line are escaped with a
  /// backslash (and `-`, `+` or `1.` at the start, which would begin a list),
  /// `&`, `<` and `>` become references (so nothing is read as HTML), line
  /// breaks become spaces (a table row is one line), control characters U+FFFD.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var leadingDigits = true
    for (offset, scalar) in text.unicodeScalars.enumerated() {
      let atStart = offset == 0
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "$":
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "-" where atStart, "+" where atStart, "=" where atStart:
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "." where leadingDigits && offset > 0, ")" where leadingDigits && offset > 0:
        out += "\\"
        out.unicodeScalars.append(scalar)
      case "\n", "\r", "\t": out += " "
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
      leadingDigits = leadingDigits && ("0"..."9").contains(scalar)
    }
    return out
  }

  /// A code span when the text can be one (no backtick, `|` or line break,
  /// which a code span cannot escape, and no `<`, `>` or `&`, so that no
  /// renderer can take them for HTML); else the escaped text.
  public static func code(_ text: String) -> String {
    let unsafe = text.unicodeScalars.contains {
      "`|<>&".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F
    }
    return unsafe || text.isEmpty ? escape(text) : "`" + text + "`"
  }
}
