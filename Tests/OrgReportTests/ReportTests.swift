import OrgDiagnostics
import OrgReport
import Testing

func diagnostic(
  _ file: String, _ line: Int, _ column: Int, rule: String = "r", severity: Severity = .error,
  message: String = "m", unit: String? = nil, change: Int? = nil, related: [Diagnostic.Related] = []
) -> Diagnostic {
  Diagnostic(
    rule: rule, severity: severity, message: message, location: Location(file: file, line: line, column: column),
    unit: unit, change: change, related: related)
}

/// "file:line:column rule" of each diagnostic, in report order.
func order(_ report: Report) -> [String] {
  report.diagnostics.map { "\($0.location) \($0.rule)" }
}

@Suite struct ReportOrderTests {
  @Test func sortedByFileLineColumnRule() {
    let report = Report(
      diagnostics: [
        diagnostic("b.yaml", 1, 1),
        diagnostic("a.yaml", 10, 1),
        diagnostic("a.yaml", 2, 5, rule: "z"),
        diagnostic("a.yaml", 2, 10, rule: "a"),
        diagnostic("a.yaml", 2, 5, rule: "a"),
        diagnostic("a.yaml", 2, 1),
        diagnostic("a.yaml", 9, 7),
      ], files: 2, units: 0)
    #expect(
      order(report) == [
        "a.yaml:2:1 r", "a.yaml:2:5 a", "a.yaml:2:5 z", "a.yaml:2:10 a", "a.yaml:9:7 r", "a.yaml:10:1 r",
        "b.yaml:1:1 r",
      ])
  }

  @Test func filesAreOrderedByTheirUTF8Bytes() {
    let report = Report(
      diagnostics: [
        diagnostic("å.yaml", 1, 1), diagnostic("z.yaml", 1, 1), diagnostic("a/b.yaml", 1, 1),
        diagnostic("a.yaml", 1, 1), diagnostic("B.yaml", 1, 1),
      ], files: 5, units: 0)
    #expect(order(report) == ["B.yaml:1:1 r", "a.yaml:1:1 r", "a/b.yaml:1:1 r", "z.yaml:1:1 r", "å.yaml:1:1 r"])
  }

  @Test func tiesAreBrokenByMessageThenUnit() {
    let report = Report(
      diagnostics: [
        diagnostic("a.yaml", 1, 1, message: "b", unit: "u2"),
        diagnostic("a.yaml", 1, 1, message: "b", unit: "u1"),
        diagnostic("a.yaml", 1, 1, message: "a", unit: "u3"),
      ], files: 1, units: 0)
    #expect(report.diagnostics.map { "\($0.message) \($0.unit ?? "-")" } == ["a u3", "b u1", "b u2"])
  }

  @Test func orderDoesNotDependOnInputOrder() {
    let diagnostics = [
      diagnostic("b.yaml", 3, 1, rule: "x"), diagnostic("a.yaml", 3, 1, rule: "y"),
      diagnostic("a.yaml", 3, 1, rule: "x"), diagnostic("a.yaml", 1, 2),
    ]
    let forward = Report(diagnostics: diagnostics, files: 2, units: 1)
    let backward = Report(diagnostics: diagnostics.reversed(), files: 2, units: 1)
    #expect(forward.diagnostics == backward.diagnostics)
    #expect(JSONFormatter().format(forward) == JSONFormatter().format(backward))
  }

  @Test func countsBySeverity() {
    let report = Report(
      diagnostics: [
        diagnostic("a", 1, 1, severity: .error), diagnostic("a", 2, 1, severity: .info),
        diagnostic("a", 3, 1, severity: .error), diagnostic("a", 4, 1, severity: .warning),
      ], files: 1, units: 3)
    #expect(report.count(.error) == 2)
    #expect(report.count(.warning) == 1)
    #expect(report.count(.info) == 1)
    #expect(report.files == 1)
    #expect(report.units == 3)
  }
}
