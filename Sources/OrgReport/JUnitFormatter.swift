import OrgDiagnostics

/// The report as JUnit XML, the test report that GitLab, Jenkins and most
/// CI systems read: one test suite `orglint`, one test case per rule (class
/// name `orglint`, name the rule id), so that a rule's history stays one
/// test from run to run.
///
/// A rule with errors or warnings fails: its `<failure>` (type: the most
/// serious severity) lists its findings as compiler lines. A rule with only
/// infos passes and lists them in `<system-out>`; a rule without findings
/// passes. Exit status stays the business of `--fail-on`.
public struct JUnitFormatter {
  public init() {}

  public func format(_ report: Report) -> String {
    let rules = report.rulesWithFindings
    var findings: [String: [Diagnostic]] = [:]
    for diagnostic in report.diagnostics { findings[diagnostic.rule, default: []].append(diagnostic) }
    let failures = rules.count { Self.fails(findings[$0.id] ?? []) }
    let counts = "tests=\"\(rules.count)\" failures=\"\(failures)\" errors=\"0\""

    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"orglint\" \(counts)>\n"
    out += "  <testsuite name=\"orglint\" \(counts) skipped=\"0\">\n"
    for rule in rules {
      out += "    <testcase name=\(Self.attribute(rule.id)) classname=\"orglint\""
      let found = findings[rule.id] ?? []
      guard let worst = found.map(\.severity).max() else {
        out += "/>\n"
        continue
      }
      out += ">\n"
      let lines = Self.text(found.map(Self.lines).joined())
      if Self.fails(found) {
        let title = rule.title.trimmed.isEmpty ? rule.id : rule.title.trimmed
        let message = "\(title): \(Self.count(found))"
        out += "      <failure message=\(Self.attribute(message)) type=\"\(worst.rawValue)\">\(lines)</failure>\n"
      } else {
        out += "      <system-out>\(lines)</system-out>\n"
      }
      out += "    </testcase>\n"
    }
    out += "  </testsuite>\n</testsuites>\n"
    return out
  }

  /// Errors and warnings fail a rule's test case; infos do not.
  static func fails(_ findings: [Diagnostic]) -> Bool { findings.contains { $0.severity >= .warning } }

  /// "2 errors, 1 warning": the findings by severity, most serious first.
  static func count(_ findings: [Diagnostic]) -> String {
    Severity.mostSevereFirst.compactMap { severity in
      let number = findings.count { $0.severity == severity }
      guard number > 0 else { return nil }
      return "\(number) \(severity.rawValue)\(number == 1 ? "" : "s")"
    }.joined(separator: ", ")
  }

  /// One finding as the text report gives it, without the source line:
  /// `file:line:column: severity: message`, then its notes, indented.
  static func lines(_ diagnostic: Diagnostic) -> String {
    var out = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
    if let change = diagnostic.change { out += "  note: caused by change \(change) of the proposal\n" }
    for related in diagnostic.related { out += "  \(related.location): note: \(related.message)\n" }
    return out
  }

  /// Character data: markup escaped (`>` too, so `]]>` cannot occur), a
  /// carriage return kept as a reference (parsers turn a raw one into a line
  /// feed), and the characters XML 1.0 forbids left out.
  static func text(_ string: String) -> String { escaped(string, attribute: false) }

  /// A quoted attribute value; tabs and line breaks become references, as
  /// a parser would otherwise turn them into spaces.
  static func attribute(_ string: String) -> String { "\"" + escaped(string, attribute: true) + "\"" }

  private static func escaped(_ string: String, attribute: Bool) -> String {
    var out = ""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "\r": out += "&#13;"
      case "\n" where attribute: out += "&#10;"
      case "\t" where attribute: out += "&#9;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
