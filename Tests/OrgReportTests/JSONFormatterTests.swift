import Foundation
import OrgDiagnostics
import OrgReport
import Testing

@Suite struct JSONFormatterTests {
  /// A message with every kind of character JSON must escape, and some it must keep.
  let awkwardMessage =
    "Division \"Nära\" declares 1500\nbut\tits units\r add up to 1480 \u{01}\u{1F}\u{7F} \\ a\u{0308} 😀"

  var report: Report {
    Report(
      diagnostics: [
        diagnostic(
          "org/å.yaml", 12, 5, rule: "headcount-sum", severity: .error, message: awkwardMessage, unit: "div-nära",
          related: [
            .init(Location(file: "org/å.yaml", line: 20, column: 9), "child \"x\" here"),
            .init(Location(file: "b.yaml", line: 2, column: 3), "second"),
          ]),
        diagnostic("a.yaml", 1, 1, rule: "orphan-unit", severity: .warning, message: "m", change: 3),
      ], files: 2, units: 42)
  }

  @Test func exactBytes() {
    let expected =
      #"""
      {
        "orglint": 1,
        "diagnostics": [
          {
            "rule": "orphan-unit",
            "severity": "warning",
            "message": "m",
            "file": "a.yaml",
            "line": 1,
            "column": 1,
            "unit": null,
            "change": 3,
            "related": []
          },
          {
            "rule": "headcount-sum",
            "severity": "error",
            "message": "Division \"Nära\" declares 1500\nbut\tits units\r add up to 1480 \u0001\u001f\u007f \\ a\#u{0308} 😀",
            "file": "org/å.yaml",
            "line": 12,
            "column": 5,
            "unit": "div-nära",
            "change": null,
            "related": [
              { "file": "org/å.yaml", "line": 20, "column": 9, "message": "child \"x\" here" },
              { "file": "b.yaml", "line": 2, "column": 3, "message": "second" }
            ]
          }
        ],
        "summary": { "errors": 1, "warnings": 1, "infos": 0, "files": 2, "units": 42 }
      }
      """# + "\n"
    let output = JSONFormatter().format(report)
    #expect(output == expected)
    #expect(Array(output.utf8) == Array(expected.utf8))  // byte for byte, not just canonically equal
  }

  @Test func emptyReport() {
    let output = JSONFormatter().format(Report(diagnostics: [], files: 1, units: 0))
    let expected = """
      {
        "orglint": 1,
        "diagnostics": [],
        "summary": { "errors": 0, "warnings": 0, "infos": 0, "files": 1, "units": 0 }
      }

      """
    #expect(Array(output.utf8) == Array(expected.utf8))
  }

  @Test func outputIsValidJSONThatDecodesToTheOriginalText() throws {
    let data = Data(JSONFormatter().format(report).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["orglint"] as? Int == 1)
    let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 2)
    let message = try #require(diagnostics[1]["message"] as? String)
    #expect(Array(message.unicodeScalars) == Array(awkwardMessage.unicodeScalars))
    #expect(diagnostics[1]["file"] as? String == "org/å.yaml")
    #expect(diagnostics[1]["change"] is NSNull)
    #expect(diagnostics[0]["unit"] is NSNull)
    #expect(diagnostics[0]["change"] as? Int == 3)
    let related = try #require(diagnostics[1]["related"] as? [[String: Any]])
    #expect(related.map { $0["message"] as? String } == ["child \"x\" here", "second"])
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary == ["errors": 1, "warnings": 1, "infos": 0, "files": 2, "units": 42])
  }

  @Test func keysAppearInContractOrder() throws {
    let output = JSONFormatter().format(report)
    let keys = [
      "\"orglint\"", "\"diagnostics\"", "\"rule\"", "\"severity\"", "\"message\"", "\"file\"", "\"line\"",
      "\"column\"", "\"unit\"", "\"change\"", "\"related\"", "\"summary\"",
    ]
    let positions = try keys.map { key in try #require(output.range(of: key)?.lowerBound, "\(key) missing") }
    #expect(positions == positions.sorted())
    let summaryKeys = ["\"errors\"", "\"warnings\"", "\"infos\"", "\"files\"", "\"units\""]
    let summaryPositions = try summaryKeys.map { try #require(output.range(of: $0)?.lowerBound) }
    #expect(summaryPositions == summaryPositions.sorted())
  }

  @Test func sameInputSameBytes() {
    #expect(Array(JSONFormatter().format(report).utf8) == Array(JSONFormatter().format(report).utf8))
  }

  @Test func stringEscaping() {
    #expect(JSON.string("plain") == #""plain""#)
    #expect(JSON.string("") == #""""#)
    #expect(JSON.string("a\"b\\c") == #""a\"b\\c""#)
    #expect(JSON.string("\n\r\t") == #""\n\r\t""#)
    #expect(JSON.string("\u{0}\u{8}\u{C}\u{1B}\u{1F}") == #""\u0000\u0008\u000c\u001b\u001f""#)
    // DEL and C1 controls are escaped (YAML may not hold them raw); other
    // characters, U+2028 too, stay as they are.
    #expect(JSON.string("/ \u{7F} \u{85} \u{9F} \u{A0} \u{2028}") == "\"/ \\u007f \\u0085 \\u009f \u{A0} \u{2028}\"")
    #expect(Array(JSON.string("å a\u{0308} 😀").utf8) == Array("\"å a\u{0308} 😀\"".utf8))
  }
}
