import OrgDiagnostics
import OrgReport
import Testing

/// A formatter reading source lines from `files` (1-based lines).
func formatter(colour: Bool = false, _ files: [String: [String]] = [:]) -> TextFormatter {
  TextFormatter(colour: colour) { file, line in
    guard let lines = files[file], line >= 1, line <= lines.count else { return nil }
    return lines[line - 1]
  }
}

let escape = "\u{1B}"

@Suite struct TextFormatterTests {
  @Test func findingWithSnippetAndNote() {
    let report = Report(
      diagnostics: [
        diagnostic(
          "org.yaml", 3, 5, rule: "duplicate-id", message: "Unit \"x\" is defined twice",
          related: [.init(Location(file: "org.yaml", line: 1, column: 3), "first defined here")])
      ], files: 1, units: 2)
    let output = formatter(["org.yaml": ["- id: x", "  name: X", "    id: x"]]).format(report)
    #expect(
      output == """
        org.yaml:3:5: error: Unit "x" is defined twice [duplicate-id]
         3 |     id: x
           |     ^
          org.yaml:1:3: note: first defined here
        1 error, 0 warnings, 0 infos in 1 file (2 units).

        """)
  }

  @Test func caretUnderATabIndentedColumn() {
    let report = Report(
      diagnostics: [diagnostic("t.yaml", 1, 2), diagnostic("t.yaml", 2, 9)], files: 1, units: 1)
    let output = formatter(["t.yaml": ["\tid: x", "\t\tname: y"]]).format(report)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[1] == " 1 | \tid: x")
    #expect(lines[2] == "   | \t^")
    #expect(lines[4] == " 2 | \t\tname: y")
    #expect(lines[5] == "   | \t\t      ^")
  }

  @Test func caretAfterNonASCIICountsScalars() {
    let report = Report(
      diagnostics: [diagnostic("t.yaml", 1, 6), diagnostic("t.yaml", 2, 11)], files: 1, units: 1)
    let output = formatter(["t.yaml": ["åäö: ✓", "  - namn: Älvsbyn"]]).format(report)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[1] == " 1 | åäö: ✓")
    #expect(lines[2] == "   |      ^")
    #expect(lines[5] == "   |           ^")
    // The caret sits under the character at that column.
    let caret = lines[2].unicodeScalars.count - 1
    #expect(Array(lines[1].unicodeScalars)[caret] == "✓")
    let caret2 = lines[5].unicodeScalars.count - 1
    #expect(Array(lines[4].unicodeScalars)[caret2] == "Ä")
  }

  @Test func gutterWidensWithTheLineNumber() {
    let lines = (1...12).map { "line \($0)" }
    let output = formatter(["t.yaml": lines]).format(
      Report(diagnostics: [diagnostic("t.yaml", 12, 1)], files: 1, units: 0))
    #expect(output.contains(" 12 | line 12\n    | ^\n"))
  }

  @Test func noSnippetWithoutTheSourceLine() {
    let report = Report(
      diagnostics: [diagnostic("gone.yaml", 4, 2, severity: .info, message: "hm")], files: 1, units: 0)
    #expect(
      formatter().format(report) == "gone.yaml:4:2: info: hm [r]\n0 errors, 0 warnings, 1 info in 1 file (0 units).\n")
  }

  @Test func findingsAreInReportOrder() {
    let report = Report(
      diagnostics: [diagnostic("b.yaml", 1, 1, message: "second"), diagnostic("a.yaml", 5, 1, message: "first")],
      files: 2, units: 0)
    let output = formatter().format(report)
    #expect(
      output.split(separator: "\n").prefix(2) == ["a.yaml:5:1: error: first [r]", "b.yaml:1:1: error: second [r]"])
  }

  @Test func summaryPluralForms() {
    let text = formatter()
    #expect(text.summary(Report(diagnostics: [], files: 1, units: 1)) == "No findings in 1 file (1 unit).")
    #expect(text.summary(Report(diagnostics: [], files: 2, units: 0)) == "No findings in 2 files (0 units).")
    #expect(
      text.summary(
        Report(
          diagnostics: [
            diagnostic("a", 1, 1, severity: .error), diagnostic("a", 2, 1, severity: .info),
            diagnostic("a", 3, 1, severity: .info),
          ], files: 1, units: 3)) == "1 error, 0 warnings, 2 infos in 1 file (3 units).")
    #expect(
      text.summary(
        Report(
          diagnostics: [
            diagnostic("a", 1, 1, severity: .error), diagnostic("a", 2, 1, severity: .error),
            diagnostic("a", 3, 1, severity: .warning), diagnostic("a", 4, 1, severity: .info),
          ], files: 3, units: 1)) == "2 errors, 1 warning, 1 info in 3 files (1 unit).")
    #expect(
      formatter().format(Report(diagnostics: [], files: 4, units: 10)) == "No findings in 4 files (10 units).\n")
  }

  @Test func noEscapeCodesWithoutColour() {
    let report = Report(
      diagnostics: [
        diagnostic(
          "t.yaml", 1, 2, severity: .error, related: [.init(Location(file: "t.yaml", line: 1, column: 1), "n")]),
        diagnostic("t.yaml", 1, 3, severity: .warning), diagnostic("t.yaml", 1, 4, severity: .info),
      ], files: 1, units: 1)
    let output = formatter(["t.yaml": ["abcd"]]).format(report)
    #expect(!output.contains(escape))
    #expect(output.contains("t.yaml:1:3: warning: m [r]"))
  }

  @Test func escapeCodesWithColour() {
    let report = Report(
      diagnostics: [
        diagnostic(
          "f.yaml", 1, 2, severity: .warning, message: "msg",
          related: [.init(Location(file: "g.yaml", line: 3, column: 4), "n")])
      ], files: 1, units: 1)
    let output = formatter(colour: true, ["f.yaml": ["ab"]]).format(report)
    let expected =
      "\(escape)[1mf.yaml:1:2:\(escape)[0m \(escape)[1;33mwarning:\(escape)[0m \(escape)[1mmsg\(escape)[0m [r]\n"
      + " 1 | ab\n   |  \(escape)[1;32m^\(escape)[0m\n"
      + "  g.yaml:3:4: \(escape)[1;34mnote:\(escape)[0m n\n"
      + "0 errors, 1 warning, 0 infos in 1 file (1 unit).\n"
    #expect(output == expected)
  }

  @Test func colourBySeverity() {
    let report = Report(
      diagnostics: [
        diagnostic("t.yaml", 1, 1, severity: .error), diagnostic("t.yaml", 2, 1, severity: .warning),
        diagnostic("t.yaml", 3, 1, severity: .info),
      ], files: 1, units: 1)
    let output = formatter(colour: true).format(report)
    #expect(output.contains("\(escape)[1;31merror:\(escape)[0m"))
    #expect(output.contains("\(escape)[1;33mwarning:\(escape)[0m"))
    #expect(output.contains("\(escape)[1;36minfo:\(escape)[0m"))
  }

  @Test func colourOutputIsThePlainOutputWithEscapeCodes() throws {
    let report = Report(
      diagnostics: [
        diagnostic(
          "t.yaml", 2, 3, message: "bad", related: [.init(Location(file: "t.yaml", line: 1, column: 1), "see")]),
        diagnostic("t.yaml", 1, 1, severity: .info, message: "fyi"),
      ], files: 1, units: 2)
    let files = ["t.yaml": ["a: b", "c: d"]]
    let plain = formatter(files).format(report)
    let coloured = formatter(colour: true, files).format(report)
    #expect(coloured != plain)
    let stripped = try coloured.replacing(Regex("\u{1B}\\[[0-9;]*m"), with: "")
    #expect(stripped == plain)
  }
}
