import OrgDiagnostics
import OrgReport

/// Text that every format must carry through its escaping intact (or, for
/// XML, without the control characters XML 1.0 cannot hold): markup, quotes,
/// CDATA's end, percent signs, the separators of workflow commands, line
/// breaks of every kind, control characters, combining marks, emoji.
let hostileText =
  "<script>alert(\"x\" & 'y')</script> ]]> 100% a:b, c::d\nnext\r\nline\rend\ttab \u{1}\u{1B}\u{7F} \\ a\u{0308} 😀"

/// A path with a space, a comma, a colon, a percent sign, a hash and non-ASCII letters.
let hostilePath = "org/å b,c:d%#.yaml"

let hostileRules = [
  RuleDescription(id: "headcount-sum", title: "Headcounts <add> up", description: hostileText, severity: .error),
  RuleDescription(id: "similar-sibling-names", title: "Similar names", description: "Alike.", severity: .warning),
  RuleDescription(id: "span-of-control", title: "Span", description: "Wide.", severity: .info),
  RuleDescription(id: "division-has-vo", title: "A division holds a VO", description: "", severity: .error),
]

/// Findings of three rules and of one rule that did not run (`yaml-syntax`).
var hostileReport: Report {
  Report(
    diagnostics: [
      diagnostic(
        hostilePath, 12, 5, rule: "headcount-sum", severity: .error, message: hostileText, unit: "div-<nära>",
        related: [
          .init(Location(file: "base/org.yaml", line: 20, column: 9), "child \"x\" & <y>\nhere"),
          .init(Location(file: hostilePath, line: 2, column: 3), "second, 50%: here"),
        ]),
      diagnostic("a.yaml", 3, 1, rule: "similar-sibling-names", severity: .warning, message: "w", change: 2),
      diagnostic("a.yaml", 4, 1, rule: "span-of-control", severity: .info, message: "i", unit: "u"),
      diagnostic("a.yaml", 1, 1, rule: "yaml-syntax", severity: .error, message: "did not find expected key"),
    ], files: 2, units: 7, rules: hostileRules)
}

/// What XML 1.0 can hold of a text: all but the control characters other
/// than tab, line feed and carriage return.
func xmlPermitted(_ text: String) -> String {
  var out = ""
  for scalar in text.unicodeScalars where scalar.value >= 0x20 || ["\t", "\n", "\r"].contains(scalar) {
    out.unicodeScalars.append(scalar)
  }
  return out
}
