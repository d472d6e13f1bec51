import OrgDiagnostics
import OrgReport
import Testing

/// A workflow command as the GitHub Actions runner reads it: the command,
/// its properties and its message, percent-decoded.
struct WorkflowCommand: Equatable {
  var command: String
  var properties: [String: String]
  var message: String

  init?(_ line: Substring) {
    guard line.hasPrefix("::") else { return nil }
    let rest = line.dropFirst(2)
    guard let end = rest.range(of: "::") else { return nil }
    let head = rest[..<end.lowerBound]
    let space = head.firstIndex(of: " ") ?? head.endIndex
    command = String(head[..<space])
    properties = [:]
    for pair in head[space...].dropFirst().split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { return nil }
      properties[String(parts[0])] = Self.unescape(parts[1], property: true)
    }
    message = Self.unescape(rest[end.upperBound...], property: false)
  }

  /// The runner's decoding (actions/runner ActionCommand.Unescape).
  static func unescape(_ text: Substring, property: Bool) -> String {
    var out = String(text).replacingAll("%0D", "\r").replacingAll("%0A", "\n")
    if property { out = out.replacingAll("%3A", ":").replacingAll("%2C", ",") }
    return out.replacingAll("%25", "%")
  }
}

extension String {
  func replacingAll(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

@Suite struct GitHubFormatterTests {
  func commands(_ report: Report) -> (commands: [WorkflowCommand], other: [String]) {
    let lines = GitHubFormatter().format(report).split(separator: "\n", omittingEmptySubsequences: false)
    return (lines.compactMap(WorkflowCommand.init), lines.filter { !$0.hasPrefix("::") }.map(String.init))
  }

  @Test func exactLines() {
    let report = Report(
      diagnostics: [
        diagnostic(
          "org/a.yaml", 106, 5, rule: "headcount-sum", message: "Division Nära declares 1500 people", unit: "div-nara"),
        diagnostic("org/a.yaml", 256, 7, rule: "unused-suppression", severity: .warning, message: "silences nothing"),
        diagnostic("org/b.yaml", 3, 1, rule: "span-of-control", severity: .info, message: "12 direct reports"),
      ], files: 2, units: 51,
      rules: [RuleDescription(id: "headcount-sum", title: "Headcounts add up", description: "", severity: .error)])
    #expect(
      GitHubFormatter().format(report) == """
        ::error file=org/a.yaml,line=106,col=5,title=headcount-sum%3A Headcounts add up::Division Nära declares 1500 people
        ::warning file=org/a.yaml,line=256,col=7,title=unused-suppression::silences nothing
        ::notice file=org/b.yaml,line=3,col=1,title=span-of-control::12 direct reports
        1 error, 1 warning, 1 info in 2 files (51 units).

        """)
  }

  @Test func everyFindingOnceAsOneLineThatDecodesToItsText() {
    let report = hostileReport
    let (commands, other) = commands(report)
    #expect(commands.count == report.diagnostics.count)
    #expect(other == ["2 errors, 1 warning, 1 info in 2 files (7 units).", ""])
    for (command, diagnostic) in zip(commands, report.diagnostics) {
      #expect(command.properties["file"] == diagnostic.location.file)
      #expect(command.properties["line"] == String(diagnostic.location.line))
      #expect(command.properties["col"] == String(diagnostic.location.column))
      #expect(command.properties["title"]?.hasPrefix(diagnostic.rule) == true)
      #expect(command.message.hasPrefix(diagnostic.message))
    }
    #expect(commands.map(\.command) == ["error", "warning", "notice", "error"])
  }

  @Test func hostileTextIsEscapedAndComesBackWhole() throws {
    let output = GitHubFormatter().format(hostileReport)
    let line = try #require(output.split(separator: "\n").first { $0.contains("line=12,") })
    #expect(
      line.hasPrefix("::error file=org/å b%2Cc%3Ad%25#.yaml,line=12,col=5,title=headcount-sum%3A Headcounts <add> up::")
    )
    #expect(line.contains("100%25 a:b, c::d%0Anext%0D%0Aline%0Dend\ttab"))
    let command = try #require(WorkflowCommand(line))
    #expect(command.properties["title"] == "headcount-sum: Headcounts <add> up")
    #expect(command.properties["file"] == hostilePath)
    // Related locations follow the message, one a line, in the same annotation.
    #expect(
      Array(command.message.unicodeScalars)
        == Array(
          (hostileText
            + "\nbase/org.yaml:20:9: note: child \"x\" & <y>\nhere\n\(hostilePath):2:3: note: second, 50%: here")
            .unicodeScalars))
  }

  @Test func theChangeOfAProposalIsANote() throws {
    let (commands, _) = commands(hostileReport)
    let warning = try #require(commands.first { $0.command == "warning" })
    #expect(warning.message == "w\nnote: caused by change 2 of the proposal")
  }

  @Test func noFindingsIsTheSummaryAlone() {
    #expect(
      GitHubFormatter().format(Report(diagnostics: [], files: 5, units: 49)) == "No findings in 5 files (49 units).\n")
  }

  @Test func sameInputSameBytes() {
    let report = hostileReport
    let shuffled = Report(
      diagnostics: report.diagnostics.reversed(), files: report.files, units: report.units, rules: report.rules)
    #expect(Array(GitHubFormatter().format(report).utf8) == Array(GitHubFormatter().format(shuffled).utf8))
  }
}
