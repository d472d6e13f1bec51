import Foundation
import Testing

/// `check --format markdown|html` and `orglint graph` on the bundled
/// examples, as a user runs them.
@Suite struct ReportFormatTests {
  static let example = "examples/norrbotten-2021-with-mistakes"

  /// file:line:column of every finding, from the JSON report.
  func locations(_ arguments: [String]) throws -> [String] {
    let json = try CLI.run(arguments + ["--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
    return diagnostics.map { "\($0["file"]!):\($0["line"]!):\($0["column"]!)" }
  }

  func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test func htmlOfAnExampleHasEveryUnitAndEveryFindingOnce() throws {
    let result = try CLI.run(["check", Self.example, "--format", "html"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let html = result.stdout
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(count("data-unit-id=", in: html) == 51)
    let findings = try locations(["check", Self.example])
    #expect(findings.count == 10)
    #expect(count("<tr id=\"finding-", in: html) == findings.count)
    for location in Set(findings) {
      let file = location.split(separator: "/").last!
      #expect(count("<span class=\"file\">\(file)</span>", in: html) == findings.filter { $0 == location }.count)
    }
    // The unit with the duplicated id is the second one (in Länssjukvård 2).
    #expect(html.contains("id=\"unit-vo-omvardnad-ls1-2\""))
    #expect(html.contains("href=\"#unit-vo-omvardnad-ls1-2\""))
    #expect(!html.contains("http"))
  }

  @Test func htmlFollowsTheLanguageOfTheFlagAndTheConfiguration() throws {
    let swedish = try CLI.run(["check", Self.example, "--format", "html", "--lang", "sv"])
    #expect(swedish.stdout.contains("<html lang=\"sv\""))
    #expect(swedish.stdout.contains("Division Nära anger 1500 medarbetare"))
    #expect(swedish.stdout.contains(">Sammanfattning<"))
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("lang: sv\n", to: ".orglint.yml")
    try dir.write("units:\n  - { id: r, name: R, kind: region }\n", to: "org.yaml")
    let configured = try CLI.run(["check", "org.yaml", "--format", "html"], in: dir)
    #expect(configured.status == 0)
    #expect(configured.stdout.contains("<html lang=\"sv\""))
    #expect(configured.stdout.contains("Inga fynd"))
  }

  @Test func markdownOfAnExampleListsEveryFindingOnce() throws {
    let result = try CLI.run(["check", Self.example, "--format", "markdown"])
    #expect(result.status == 1)
    let markdown = result.stdout
    #expect(markdown.hasPrefix("## orglint report: Region Norrbotten\n"))
    #expect(markdown.contains("| 8 | 2 | 0 |"))
    for location in try locations(["check", Self.example]) {
      #expect(count("| `\(location)` |", in: markdown) == 1, "\(location)")
    }
    #expect(markdown.contains("**Division Nära** · `div-nara` · division · 1,500 people"))
  }

  @Test func aCleanExampleExitsZeroInEveryFormat() throws {
    for format in ["markdown", "html"] {
      let result = try CLI.run(["check", "examples/norrbotten-2021", "--format", format])
      #expect(result.status == 0, "\(format): \(result.stderr)")
    }
  }

  @Test func theExitStatusFollowsFailOn() throws {
    let result = try CLI.run(["check", Self.example, "--format", "html", "--fail-on", "never"])
    #expect(result.status == 0)
  }

  @Test func aProposalReportHasBothChartsAndTheDiff() throws {
    let path = "examples/merge-vo-service-dmt/proposal-with-mistakes.yaml"
    let result = try CLI.run(["check", path, "--format", "html"])
    #expect(result.status == 1)
    let html = result.stdout
    #expect(html.contains("id=\"chart-1-before\"") && html.contains("id=\"chart-1-after\""))
    #expect(html.contains("class=\"unit sev-none mark-merged\" id=\"before-vo-service\""))
    #expect(html.contains("class=\"unit sev-error mark-merged\" id=\"unit-vo-service-dmt\""))
    #expect(html.contains("mark-moved"))
    // Every unit of the base and of the result is drawn once.
    let diff = try CLI.run(["diff", path, "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any]
    let units = object?["units"] as? [String: Int]
    #expect(count("data-unit-id=", in: html) == (units?["before"] ?? 0) + (units?["after"] ?? 0))
    #expect(count("<tr id=\"finding-", in: html) == (try locations(["check", path])).count)
    #expect(html.contains("<tfoot><tr><th>Total</th><th class=\"num\">1,447</th>"))
    let markdown = try CLI.run(["check", path, "--format", "markdown"]).stdout
    #expect(markdown.contains("#### Findings by change"))
    #expect(markdown.contains("**Change 1** — merge vo-service, vo-dmt → vo-service-dmt"))
  }

  @Test func everyExampleTogetherInOneReport() throws {
    let result = try CLI.run(["check", "examples", "--format", "html"])
    #expect(result.status == 1)
    let findings = try locations(["check", "examples"])
    #expect(count("<tr id=\"finding-", in: result.stdout) == findings.count)
    // Every finding about a unit links to a unit drawn in the report.
    let links = result.stdout.components(separatedBy: "<td class=\"unit\"><a href=\"#").dropFirst()
    for link in links {
      let id = link.prefix { $0 != "\"" }
      #expect(result.stdout.contains(" id=\"\(id)\""), "\(id)")
    }
    let markdown = try CLI.run(["check", "examples", "--format", "markdown"])
    for location in findings {
      #expect(count("`\(location)`", in: markdown.stdout) >= 1, "\(location)")
    }
  }

  @Test func theReportIsWrittenToAFileWhole() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let output = dir.appendingPathComponent("report.html").path
    let result = try CLI.run(["check", Self.example, "--format", "html", "--output", output])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    let written = try String(contentsOfFile: output, encoding: .utf8)
    #expect(written.hasSuffix("</html>\n"))
  }

  @Test func aHostileUnitNameRunsNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(
      """
      units:
        - id: r
          name: "<script>alert(1)</script>"
          kind: division
          headcount: 5
          units:
            - { id: "x\\"><img src=y>", name: "A & 'B' | *c*", kind: vo, headcount: 9 }

      """, to: "org.yaml")
    for format in ["html", "markdown"] {
      let result = try CLI.run(["check", "org.yaml", "--format", format], in: dir)
      #expect(result.status == 1, "\(result.stderr)")
      #expect(!result.stdout.contains("<script>alert"), "\(format)")
      #expect(!result.stdout.contains("<img"), "\(format)")
    }
    for format in ["dot", "mermaid"] {
      let result = try CLI.run(["graph", "org.yaml", "--format", format], in: dir)
      #expect(result.status == 0)
      #expect(!result.stdout.contains(format == "dot" ? "\"x\"" : "<script"), "\(format)")
    }
  }

  /// The reports in docs/reports/ (linked from the README) are what `make
  /// reports` writes today. After an intended change, run `make reports`
  /// (or `ORGLINT_UPDATE_GOLDEN=1 swift test --filter ReportFormatTests`).
  @Test(arguments: [
    "lansteknik-2018", "lansteknik-2018-with-mistakes", "merge-vo-service-dmt", "norrbotten-2021",
    "norrbotten-2021-with-mistakes", "split-vo", "transfer-it-teleservice",
  ])
  func committedReportsAreCurrent(example: String) throws {
    var runs = [
      ("html", ["--format", "html", "--lang", "en"]), ("md", ["--format", "markdown", "--lang", "en"]),
    ]
    if example == "norrbotten-2021-with-mistakes" {
      runs.append(("sv.html", ["--format", "html", "--lang", "sv"]))
    }
    for (suffix, arguments) in runs {
      let result = try CLI.run(["check", "examples/\(example)", "--no-config"] + arguments)
      #expect(result.status <= 1, "\(result.stderr)")
      let committed = CLI.root.appendingPathComponent("docs/reports/\(example).\(suffix)")
      if ProcessInfo.processInfo.environment["ORGLINT_UPDATE_GOLDEN"] != nil {
        try result.stdout.write(to: committed, atomically: true, encoding: .utf8)
      }
      let expected = try String(contentsOf: committed, encoding: .utf8)
      #expect(result.stdout == expected, "docs/reports/\(example).\(suffix) is stale: run make reports")
    }
  }

  // MARK: orglint graph

  @Test func graphExportsDotWithFindingsMarked() throws {
    let result = try CLI.run(["graph", Self.example])
    #expect(result.status == 0, "\(result.stderr)")
    let dot = result.stdout
    #expect(dot.hasPrefix("// orglint graph: 8 errors, 2 warnings, 0 infos; 1 file, 51 units\ndigraph orglint {\n"))
    #expect(dot.hasSuffix("}\n"))
    #expect(count(" [label=", in: dot) == 51)
    #expect(
      dot.contains("[label=\"Division Nära\\ndivision · 1,500 people\", tooltip=\"Division Nära (div-nara)\\nerror: "))
    #expect(count("color=\"#c62828\"", in: dot) == 8)  // eight units with an error
    #expect(count("color=\"#d98a12\"", in: dot) == 2)
    #expect(try CLI.run(["graph", Self.example]).stdout == dot)
  }

  @Test func graphExportsMermaidAndRelations() throws {
    let result = try CLI.run(["graph", Self.example, "--format", "mermaid", "--relations", "--lang", "sv"])
    #expect(result.status == 0)
    let mermaid = result.stdout
    #expect(mermaid.contains("\nflowchart LR\n"))
    #expect(mermaid.contains("[\"Division Nära<br/>division · 1\u{A0}500 pers.\"]"))
    #expect(mermaid.contains(" -.->|\"beställare\"| "))
    #expect(mermaid.contains("\n  class "))
  }

  @Test func graphOfAProposalIsItsResult() throws {
    let result = try CLI.run(["graph", "examples/merge-vo-service-dmt/proposal.yaml", "--format", "mermaid"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("%% removed: vo-service (merged)"))
    #expect(result.stdout.contains("VO Service och DMT"))
    #expect(result.stdout.contains(" merged\n"))
  }

  @Test func graphWritesAFileAndFailsLikeCheck() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let output = dir.appendingPathComponent("org.dot").path
    let written = try CLI.run(["graph", Self.example, "--output", output])
    #expect(written.status == 0 && written.stdout.isEmpty)
    #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("// orglint graph"))
    let missing = try CLI.run(["graph", "no/such/place"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no/such/place: error: no such file or directory"))
    let badFormat = try CLI.run(["graph", Self.example, "--format", "svg"])
    #expect(badFormat.status == 2)
    let unknownRule = try CLI.run(["graph", Self.example, "--disable", "headcount-summ"])
    #expect(unknownRule.status == 2)
  }
}
