import OrgDiagnostics
import OrgReport
import Testing

@Suite struct MarkdownFormatterTests {
  let markdown = MarkdownFormatter(language: "en").format(Sample.report)

  /// The cells of a table row, split at the `|` that are not escaped.
  func cells(_ line: Substring) -> [String] {
    var cells: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        current.append(character)
        escaped = true
      } else if character == "|" {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    cells.append(current)
    return Array(cells.dropFirst().dropLast())
  }

  /// Every table: its header's width, and the width of each of its rows.
  func tables(_ text: String) -> [(header: Int, rows: [Int])] {
    var tables: [(header: Int, rows: [Int])] = []
    var inTable = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("|") {
        if !inTable {
          tables.append((cells(line).count, []))
          inTable = true
        } else {
          tables[tables.count - 1].rows.append(cells(line).count)
        }
      } else {
        inTable = false
      }
    }
    return tables
  }

  @Test func summaryAndPerRuleTables() {
    #expect(markdown.hasPrefix("## orglint report: Region &lt;Norr&gt; &amp; \"co\"\n"))
    #expect(markdown.contains("**4 errors, 2 warnings, 1 info** — 2 files, 8 units checked."))
    #expect(markdown.contains("| Errors | Warnings | Infos |\n|---:|---:|---:|\n| 4 | 2 | 1 |\n"))
    #expect(markdown.contains("| `headcount-sum` — Headcounts add up &lt;b&gt; | Error | 2 |"))
  }

  @Test func everyTableKeepsItsShape() {
    let found = tables(markdown)
    #expect(found.count >= 4)
    for table in found {
      #expect(table.rows.allSatisfy { $0 == table.header }, "\(table)")
    }
  }

  @Test func everyFindingIsListedExactlyOnce() {
    for diagnostic in Sample.report.diagnostics {
      let location = diagnostic.location.description
      let rendered = Markdown.code(location)
      #expect(markdown.components(separatedBy: "| \(rendered) |").count - 1 == 1, "\(location)")
    }
    let rows = markdown.split(separator: "\n").filter {
      $0.hasPrefix("| Error |") || $0.hasPrefix("| Warning |") || $0.hasPrefix("| Info |")
    }
    #expect(rows.count == Sample.report.diagnostics.count)
  }

  @Test func findingsAreGroupedByUnitWithNames() {
    let division = markdown.range(of: "**&lt;script&gt;alert(1)&lt;/script&gt;** · `div-x` · division · 60 people")
    #expect(division != nil)
    #expect(markdown.contains("**VO \"A\" &amp; 'B'** · `vo-a` · vo · 30 people"))
    #expect(markdown.contains("**Not about one unit**"))
  }

  @Test func userTextCannotBreakOutOrRenderAsHTML() {
    #expect(!markdown.contains("<script"))
    #expect(!markdown.contains("<b>"))
    #expect(!markdown.contains("<img"))
    #expect(markdown.contains(Markdown.escape(Sample.awkward)))
    #expect(
      Markdown.escape(Sample.awkward).hasPrefix("&amp;\"'&lt;&gt;\\|\\*\\_\\`\\#\\[x\\](y) \\\\ \\~\\~no\\~\\~ \\$x\\$")
    )
    // Only our own HTML: <details>, <summary>, <br/>.
    let tags = markdown.components(separatedBy: "<").dropFirst().map { $0.prefix { $0 != ">" } }
    #expect(Set(tags).isSubset(of: ["details", "/details", "summary", "/summary", "br/"]), "\(Set(tags))")
    #expect(
      markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
  }

  @Test func escaping() {
    #expect(Markdown.escape("a|b") == "a\\|b")
    #expect(Markdown.escape("line\nbreak\r\ttab") == "line break  tab")
    #expect(Markdown.escape("- item") == "\\- item")
    #expect(Markdown.escape("12. item") == "12\\. item")
    #expect(Markdown.escape("a-b 1.5") == "a-b 1.5")
    #expect(Markdown.escape("\u{0}") == "\u{FFFD}")
    #expect(Markdown.code("org/a.yaml:1:2") == "`org/a.yaml:1:2`")
    #expect(Markdown.code("a|b") == "a\\|b")
    #expect(Markdown.code("a`b") == "a\\`b")
    #expect(Markdown.code("<b>") == "&lt;b&gt;")
  }

  @Test func rulesAreExplainedFolded() {
    #expect(
      markdown.contains(
        "<details>\n<summary>About the rules</summary>\n\n**`headcount-sum`** — Headcounts add up &lt;b&gt;\n\nA unit's headcount "
      ))
  }

  @Test func longGroupsAreFolded() {
    var report = Sample.report
    let many = (1...12).map {
      Diagnostic(
        rule: "r", severity: .warning, message: "m\($0)", location: Location(file: "q.yaml", line: $0, column: 1),
        unit: "vo-a")
    }
    report = Report(diagnostics: report.diagnostics + many, files: 1, units: 8, rules: report.rules)
    var model = Sample.report.models[0]
    model.chart.nodes[2].findings += (7..<19).map { $0 }
    report.models = [model]
    let folded = MarkdownFormatter(language: "en").format(report)
    #expect(
      folded.contains(
        "<details>\n<summary>VO &quot;A&quot; &amp; &#39;B&#39; · vo-a · vo · 30 people (13)</summary>\n\n| Severity |")
    )
  }

  @Test func aProposalGroupsByChange() {
    let markdown = MarkdownFormatter(language: "sv").format(Sample.proposalReport)
    #expect(markdown.contains("### Förslag: Merge &lt;A&gt; &amp; B"))
    #expect(markdown.contains("#### Fynd per ändring"))
    #expect(markdown.contains("**Ändring 1** — merge vo-a, vo-b → vo-ab (`proposal.yaml:10:5`)"))
    #expect(markdown.contains("#### Inte orsakade av en ändring"))
    #expect(markdown.contains("Antal medarbetare: 100 → 110 (+10)"))
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| Fel |") && $0.contains("`") }
    #expect(rows.count == 3)
  }
}
