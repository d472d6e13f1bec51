import Foundation
import OrgDiagnostics
import OrgReport
import Testing

@Suite struct HTMLFormatterTests {
  let html = HTMLFormatter(language: "en").format(Sample.report)

  @Test func theDocumentIsWellFormed() throws {
    let root = try XMLElement.parse(html)
    #expect(root.name == "html")
    #expect(root.attributes["lang"] == "en")
    #expect(html.hasPrefix("<!DOCTYPE html>\n"))
  }

  @Test func everyUnitIsInTheChartExactlyOnce() throws {
    let root = try XMLElement.parse(html)
    let boxes = root.elements("g").filter { $0.classes.contains("unit") }
    #expect(boxes.count == Sample.chart.nodes.count)
    #expect(boxes.compactMap { $0.attributes["data-unit-id"] }.sorted() == Sample.chart.nodes.map(\.id).sorted())
    // Ids are unique in the document and safe in a URL fragment.
    let ids = root.all.compactMap { $0.attributes["id"] }
    #expect(Set(ids).count == ids.count)
    for id in ids {
      #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "\(id)")
    }
    // The names come back exactly as they went in, as text.
    let names = boxes.compactMap { $0.attributes["data-name"] }.sorted()
    #expect(names == Sample.chart.nodes.map(\.name).sorted())
    let titles = boxes.compactMap { $0.children.first { $0.name == "title" }?.text }
    #expect(titles.contains { $0.hasPrefix(Sample.hostileName + " (div-x)") })
  }

  @Test func everyFindingIsInTheTableExactlyOnceAndLinksToItsUnit() throws {
    let root = try XMLElement.parse(html)
    let table = try #require(root.first(id: "findings-table"))
    let rows = table.elements("tr").filter { $0.attributes["data-severity"] != nil }
    let report = Sample.report
    #expect(rows.count == report.diagnostics.count)
    #expect(table.attributes["data-total"] == "\(report.diagnostics.count)")
    for (row, diagnostic) in zip(rows, report.diagnostics) {
      #expect(row.attributes["data-severity"] == diagnostic.severity.rawValue)
      #expect(row.attributes["data-rule"] == diagnostic.rule)
      let message = row.all.first { $0.classes.contains("text") }?.text
      #expect(message == diagnostic.message)
      #expect(row.allText.contains(diagnostic.location.description))
      let links = row.elements("a").compactMap { $0.attributes["href"] }
      if diagnostic.unit == nil {
        #expect(links.isEmpty && row.attributes["data-unit"] == "")
      } else {
        let target = try #require(links.first).dropFirst()
        #expect(row.attributes["data-unit"] == String(target))
        let box = try #require(root.first(id: String(target)))
        #expect(box.attributes["data-unit-id"] == diagnostic.unit)
      }
    }
  }

  @Test func unitsAreColouredByTheirWorstFindingWithACount() throws {
    let root = try XMLElement.parse(html)
    func box(_ id: String) throws -> XMLElement {
      try #require(root.elements("g").first { $0.attributes["data-unit-id"] == id })
    }
    #expect(try box("div-x").classes.contains("sev-error"))
    #expect(try box("vo-a").classes.contains("sev-info"))
    #expect(try box("vo-b").classes.contains("sev-warning"))
    #expect(try box("region").classes.contains("sev-none"))
    let badge = try box("div-x").all.first { $0.classes.contains("badge") }
    #expect(badge?.allText == "3")
  }

  @Test func summaryCountsPerSeverityAndPerRule() throws {
    let root = try XMLElement.parse(html)
    let counts = root.all.filter { $0.classes.contains("count") }
    #expect(counts.map { $0.attributes["data-severity"] ?? "" } == ["error", "warning", "info"])
    #expect(counts.map { $0.attributes["data-count"] ?? "" } == ["4", "2", "1"])
    let perRule = root.elements("table").first { $0.classes.contains("rules") }
    let rows = perRule?.elements("tr").filter { $0.attributes["data-rule"] != nil } ?? []
    #expect(
      rows.map { $0.attributes["data-rule"]! } == [
        "headcount-sum", "orphan-unit", "yaml-syntax", "division-has-vo", "similar-sibling-names", "span-of-control",
      ])
    #expect(rows.first?.attributes["data-count"] == "2")
    // A rule that ran and found nothing is listed apart.
    #expect(root.all.contains { $0.classes.contains("quiet") && $0.allText.contains("Nothing | found") })
  }

  @Test func hostileTextIsEscapedEverywhere() throws {
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>"))
    #expect(html.components(separatedBy: "<script").count - 1 == 3)  // the error hook, the strings, the script
    #expect(html.components(separatedBy: "</script>").count - 1 == 3)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // No unescaped quote can end an attribute early: every attribute parsed
    // back holds exactly what was written (checked above); and nothing
    // user-written lands in a script.
    let root = try XMLElement.parse(html)
    for script in root.elements("script") {
      #expect(!script.text.contains("alert"))
    }
  }

  @Test func nothingIsFetched() {
    #expect(!html.contains("http"))
    #expect(!html.contains("url("))
    #expect(!html.contains("@import"))
    // Every `<` outside the scripts begins a tag (text has them escaped);
    // no tag has a `src`, and every link stays in the document.
    var markup = html
    while let start = markup.range(of: "<script"),
      let end = markup.range(of: "</script>", range: start.upperBound..<markup.endIndex)
    {
      markup.removeSubrange(start.lowerBound..<end.upperBound)
    }
    let tags = markup.components(separatedBy: "<").dropFirst().map { $0.prefix { $0 != ">" } }
    #expect(tags.count > 100)
    var links = 0
    let attribute = #/\s([A-Za-z:-]+)="([^"]*)"/#
    for tag in tags {
      // Attribute values hold no `"` (escaped), so this reads every attribute.
      for match in tag.matches(of: attribute) {
        #expect(match.1 != "src" && match.1 != "xlink:href" && match.1 != "action", "\(tag)")
        if match.1 == "href" {
          links += 1
          #expect(match.2.hasPrefix("#"), "\(tag)")
        }
      }
    }
    #expect(links > 5)
  }

  @Test func printsAndWorksWithoutJavaScript() {
    #expect(html.contains("@media print"))
    // The filters appear only when the script shows them; every row is visible without it.
    #expect(html.contains("<div class=\"filters\" hidden=\"\">"))
    #expect(!html.contains("<tr hidden"))
  }

  @Test func swedishFollowsTheLanguage() throws {
    let swedish = HTMLFormatter(language: "sv").format(Sample.report)
    let root = try XMLElement.parse(swedish)
    #expect(root.attributes["lang"] == "sv")
    #expect(swedish.contains(">Sammanfattning<"))
    #expect(swedish.contains(">Fynd per regel<"))
    #expect(swedish.contains("100 pers."))
    #expect(!html.contains("Sammanfattning"))
    #expect(html.contains(">Summary<"))
  }

  @Test func aProposalHasBothChartsWithMarksAndTheHeadcountDiff() throws {
    let report = Sample.proposalReport
    let html = HTMLFormatter(language: "en").format(report)
    let root = try XMLElement.parse(html)
    let figures = root.elements("figure")
    #expect(figures.map { $0.attributes["id"] ?? "" } == ["chart-1-before", "chart-1-after"])
    let before = figures[0].elements("g").filter { $0.classes.contains("unit") }
    let after = figures[1].elements("g").filter { $0.classes.contains("unit") }
    #expect(before.count == 8)
    #expect(after.count == 5)
    #expect(before.filter { $0.classes.contains("mark-merged") }.count == 2)
    #expect(after.first { $0.attributes["data-unit-id"] == "vo-ab" }?.classes.contains("mark-merged") == true)
    #expect(after.first { $0.attributes["data-unit-id"] == "new" }?.classes.contains("mark-added") == true)
    #expect(after.first { $0.attributes["data-unit-id"] == "orphan" }?.classes.contains("mark-moved") == true)
    // The finding the base already had is on the base's unit.
    #expect(before.first { $0.attributes["data-unit-id"] == "orphan" }?.classes.contains("sev-error") == true)
    // The headcount table: one row per unit whose headcount changes, and the total.
    let headcount = try #require(root.elements("table").first { $0.classes.contains("headcount") })
    let rows = headcount.elements("tbody").first?.elements("tr") ?? []
    #expect(rows.count == 4)
    #expect(rows[0].allText.contains("+60"))
    #expect(rows[1].allText.contains("−30"))
    let total = headcount.elements("tfoot").first?.allText ?? ""
    #expect(total.contains("100") && total.contains("110") && total.contains("+10"))
    // The changes, with the one that cannot be applied marked.
    let changes = try #require(root.elements("table").first { $0.classes.contains("changes") })
    #expect(changes.elements("tbody").first?.elements("tr").count == 3)
    #expect(changes.elements("tr").filter { $0.classes.contains("failed") }.count == 1)
    #expect(!html.contains("<unit>"))
  }

  @Test func aLargeChartIsCutIntoBranchesEachUnitDrawnOnce() throws {
    var nodes = [OrgChart.Node(id: "root", name: "Root", kind: "region")]
    for d in 0..<4 {
      nodes.append(.init(id: "d\(d)", name: "Division \(d)", kind: "division", parent: 0))
      let division = nodes.count - 1
      for v in 0..<80 { nodes.append(.init(id: "d\(d)-v\(v)", name: "VO \(v)", kind: "vo", parent: division)) }
    }
    var report = Report(
      diagnostics: [
        Diagnostic(
          rule: "r", severity: .warning, message: "m", location: Location(file: "f", line: 1, column: 1), unit: "d2-v7")
      ], files: 1, units: nodes.count)
    nodes[nodes.firstIndex { $0.id == "d2-v7" }!].findings = [0]
    report.models = [CheckedModel(title: "big", chart: OrgChart(nodes: nodes))]
    let html = HTMLFormatter(language: "en").format(report)
    let root = try XMLElement.parse(html)
    let boxes = root.elements("g").filter { $0.classes.contains("unit") }
    #expect(boxes.count == nodes.count)
    #expect(Set(boxes.compactMap { $0.attributes["data-unit-id"] }).count == nodes.count)
    let panels = root.elements("details").filter { $0.classes.contains("panel") }
    #expect(panels.count == 4)
    // Each branch has a stub in the overview that leads to its panel; the
    // stub of the branch with the warning says so.
    let stubs = root.elements("g").filter { $0.classes.contains("stub") }
    #expect(stubs.count == 4)
    #expect(Set(stubs.compactMap { $0.attributes["data-panel"] }) == Set(panels.compactMap { $0.attributes["id"] }))
    #expect(stubs.filter { $0.classes.contains("sev-warning") }.count == 1)
    // The finding links to its unit, inside a panel.
    let link = root.first(id: "findings-table")?.elements("a").first?.attributes["href"]
    #expect(link == "#unit-d2-v7")
  }

  @Test func aReportWithoutChartsStillListsEveryFinding() throws {
    let report = Report(diagnostics: Sample.diagnostics, files: 1, units: 0)
    let root = try XMLElement.parse(HTMLFormatter(language: "en").format(report))
    let rows = root.first(id: "findings-table")?.elements("tr").filter { $0.attributes["data-severity"] != nil }
    #expect(rows?.count == Sample.diagnostics.count)
    #expect(root.elements("svg").isEmpty)
  }

  @Test func sameInputSameBytes() {
    #expect(HTMLFormatter(language: "en").format(Sample.report) == html)
  }
}

@Suite struct HTMLEscapingTests {
  @Test func escapeCoversTheFiveCharactersAndControls() {
    #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    #expect(HTML.escape("a\u{0}b\u{1B}c\u{7F}\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}")
    #expect(HTML.escape("tab\tline\nå 😀") == "tab\tline\nå 😀")
  }

  @Test func jsonInAScriptCannotCloseIt() {
    let json = HTML.scriptJSON("</script><!-- & \u{2028} \"")
    #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
    #expect(json == #""\u003c/script\u003e\u003c!-- \u0026 \u2028 \"""#)
    let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
    #expect(decoded == "</script><!-- & \u{2028} \"")
  }

  @Test func slugsAreSafeFragments() {
    #expect(HTML.slug("div-nära") == "div-nara")
    #expect(HTML.slug("VO Öst/Väst") == "vo_ost_vast")
    #expect(HTML.slug("<script>") == "_script_")
    #expect(HTML.slug("") == "_")
  }
}
