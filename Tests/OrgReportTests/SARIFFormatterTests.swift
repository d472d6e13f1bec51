import Foundation
import OrgDiagnostics
import OrgReport
import Testing

/// The SARIF log, read back with Foundation's JSON parser and checked for
/// what GitHub code scanning requires (docs.github.com, "SARIF support for
/// code scanning"): required properties present and not empty, rule
/// descriptions within 1024 characters, lines and columns from 1.
@Suite struct SARIFFormatterTests {
  func parse(_ report: Report, version: String = "1.2.3") throws -> [String: Any] {
    let output = SARIFFormatter(toolVersion: version).format(report)
    let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
    return try #require(object as? [String: Any])
  }

  func run(_ log: [String: Any]) throws -> [String: Any] {
    let runs = try #require(log["runs"] as? [[String: Any]])
    try #require(runs.count == 1)
    return runs[0]
  }

  func rules(_ log: [String: Any]) throws -> [[String: Any]] {
    let tool = try #require(try run(log)["tool"] as? [String: Any])
    let driver = try #require(tool["driver"] as? [String: Any])
    return try #require(driver["rules"] as? [[String: Any]])
  }

  func results(_ log: [String: Any]) throws -> [[String: Any]] {
    try #require(try run(log)["results"] as? [[String: Any]])
  }

  func text(_ object: Any?, _ key: String) -> String? {
    (object as? [String: Any])?[key].flatMap { ($0 as? [String: Any])?["text"] as? String }
  }

  func physical(_ location: Any?) throws -> (uri: String, base: String?, line: Int, column: Int) {
    let location = try #require(location as? [String: Any])
    let physical = try #require(location["physicalLocation"] as? [String: Any])
    let artifact = try #require(physical["artifactLocation"] as? [String: Any])
    let region = try #require(physical["region"] as? [String: Any])
    return (
      try #require(artifact["uri"] as? String), artifact["uriBaseId"] as? String,
      try #require(region["startLine"] as? Int), try #require(region["startColumn"] as? Int)
    )
  }

  func fingerprint(_ result: [String: Any]) -> String? {
    (result["partialFingerprints"] as? [String: String])?["orglintFinding/v1"]
  }

  @Test func theLogHasWhatGitHubCodeScanningRequires() throws {
    let log = try parse(hostileReport)
    #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
    #expect(log["version"] as? String == "2.1.0")
    let driver = try #require((try run(log)["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "orglint")
    #expect(driver["version"] as? String == "1.2.3")
    #expect(try run(log)["columnKind"] as? String == "unicodeCodePoints")
    for rule in try rules(log) {
      let id = try #require(rule["id"] as? String)
      for key in ["shortDescription", "fullDescription", "help"] {
        let value = try #require(text(rule, key), "\(id) has no \(key).text")
        #expect(!value.isEmpty, "\(id): empty \(key)")
      }
      #expect(text(rule, "shortDescription")!.utf16.count <= 1024)
      #expect(text(rule, "fullDescription")!.utf16.count <= 1024)
      let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
      #expect(["error", "warning", "note"].contains(level))
    }
    for result in try results(log) {
      #expect(!(result["ruleId"] as? String ?? "").isEmpty)
      #expect(!(text(result, "message") ?? "").isEmpty)
      let locations = try #require(result["locations"] as? [Any])
      #expect(locations.count == 1)
      let primary = try physical(locations[0])
      #expect(!primary.uri.isEmpty && primary.line >= 1 && primary.column >= 1)
      #expect(!(fingerprint(result) ?? "").isEmpty)
    }
  }

  @Test func everyFindingOnceWithItsTextIntact() throws {
    let report = hostileReport
    let results = try results(try parse(report))
    #expect(results.count == report.diagnostics.count)
    for (result, diagnostic) in zip(results, report.diagnostics) {
      #expect(result["ruleId"] as? String == diagnostic.rule)
      let message = try #require(text(result, "message"))
      #expect(Array(message.unicodeScalars) == Array(diagnostic.message.unicodeScalars))
      let location = try physical((result["locations"] as? [Any])?.first)
      #expect(location.line == diagnostic.location.line)
      #expect(location.column == diagnostic.location.column)
      #expect(location.uri.removingPercentEncoding == diagnostic.location.file)
    }
  }

  @Test func levelsFollowSeverities() throws {
    let results = try results(try parse(hostileReport))
    let levels = Dictionary(uniqueKeysWithValues: results.map { ($0["ruleId"] as! String, $0["level"] as? String) })
    #expect(levels["headcount-sum"] == "error")
    #expect(levels["similar-sibling-names"] == "warning")
    #expect(levels["span-of-control"] == "note")
  }

  @Test func ruleIndexPointsAtTheRuleOfTheResult() throws {
    let log = try parse(hostileReport)
    let rules = try rules(log)
    // The rules that ran, in their order, then the one that did not (yaml-syntax).
    #expect(
      rules.map { $0["id"] as? String } == [
        "headcount-sum", "similar-sibling-names", "span-of-control", "division-has-vo", "yaml-syntax",
      ])
    for result in try results(log) {
      let index = try #require(result["ruleIndex"] as? Int)
      try #require(index >= 0 && index < rules.count)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
    }
  }

  @Test func aRuleWithoutTextsStillHasEveryTextGitHubRequires() throws {
    let rules = try rules(try parse(hostileReport))
    let vo = try #require(rules.first { $0["id"] as? String == "division-has-vo" })
    #expect(text(vo, "shortDescription") == "A division holds a VO")
    #expect(text(vo, "fullDescription") == "A division holds a VO")
    let syntax = try #require(rules.first { $0["id"] as? String == "yaml-syntax" })
    #expect(text(syntax, "shortDescription") == "yaml-syntax")
    #expect(text(syntax, "help")?.contains("orglint rules yaml-syntax") == true)
    #expect((syntax["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
  }

  @Test func longDescriptionsAreCutForGitHubButWholeInTheHelp() throws {
    let long = String(repeating: "Åtta ord om varje enhet i regionen. ", count: 60)
    let report = Report(
      diagnostics: [], files: 1, units: 1,
      rules: [RuleDescription(id: "r", title: "T", description: long, severity: .warning)])
    let rule = try #require(try rules(try parse(report)).first)
    let full = try #require(text(rule, "fullDescription"))
    #expect(full.utf16.count <= 1024)
    #expect(full.hasSuffix("…"))
    #expect(long.hasPrefix(String(full.dropLast())))
    #expect(text(rule, "help")?.hasPrefix(long.trimmingCharacters(in: .whitespaces)) == true)
  }

  @Test func relatedLocationsAndProperties() throws {
    let results = try results(try parse(hostileReport))
    let first = try #require(results.first { $0["ruleId"] as? String == "headcount-sum" })
    let related = try #require(first["relatedLocations"] as? [[String: Any]])
    #expect(related.map { $0["id"] as? Int } == [1, 2])
    #expect(related.map { text($0, "message") } == ["child \"x\" & <y>\nhere", "second, 50%: here"])
    let base = try physical(related[0])
    #expect(base.uri == "base/org.yaml" && base.base == "%SRCROOT%" && base.line == 20 && base.column == 9)
    #expect((first["properties"] as? [String: Any])?["unit"] as? String == "div-<nära>")
    #expect((first["properties"] as? [String: Any])?["change"] == nil)
    let warning = try #require(results.first { $0["ruleId"] as? String == "similar-sibling-names" })
    #expect((warning["properties"] as? [String: Any])?["change"] as? Int == 2)
    #expect(warning["relatedLocations"] == nil)
    let syntax = try #require(results.first { $0["ruleId"] as? String == "yaml-syntax" })
    #expect(syntax["properties"] == nil)
  }

  @Test func pathsBecomeURIReferences() throws {
    func uri(_ path: String) throws -> (String, String?) {
      let report = Report(diagnostics: [diagnostic(path, 1, 1)], files: 1, units: 1)
      let location = try physical((try results(try parse(report)).first?["locations"] as? [Any])?.first)
      return (location.uri, location.base)
    }
    #expect(try uri("org.yaml") == ("org.yaml", "%SRCROOT%"))
    #expect(try uri("./examples/a/org.yaml") == ("examples/a/org.yaml", "%SRCROOT%"))
    #expect(try uri(hostilePath) == ("org/%C3%A5%20b,c%3Ad%25%23.yaml", "%SRCROOT%"))
    #expect(try uri("a:b.yaml").0 == "a%3Ab.yaml")  // not a URI scheme
    #expect(try uri("/tmp/x y/å.yaml") == ("file:///tmp/x%20y/%C3%A5.yaml", nil))
    #expect(try uri("back\\slash?.yaml").0 == "back%5Cslash%3F.yaml")
  }

  @Test func linesAndColumnsStartAtOne() throws {
    let report = Report(diagnostics: [diagnostic("a.yaml", 0, 0)], files: 1, units: 1)
    let location = try physical((try results(try parse(report)).first?["locations"] as? [Any])?.first)
    #expect(location.line == 1 && location.column == 1)
  }

  @Test func fingerprintsSurviveMovedLinesAndTellFindingsApart() throws {
    func fingerprints(_ diagnostics: [Diagnostic]) throws -> [String?] {
      try results(try parse(Report(diagnostics: diagnostics, files: 1, units: 1))).map(fingerprint)
    }
    let before = try fingerprints([
      diagnostic("a.yaml", 10, 3, unit: "div-a"), diagnostic("a.yaml", 20, 3, unit: "div-b"),
    ])
    let after = try fingerprints([
      diagnostic("a.yaml", 14, 5, unit: "div-a"), diagnostic("a.yaml", 31, 3, unit: "div-b"),
    ])
    #expect(before == after)
    #expect(before[0] != before[1])
    #expect(before[0] == "\(stableHash(diagnostic("a.yaml", 1, 1, unit: "div-a").identity)):1")
    // The same finding twice: numbered in report order, so both stay distinct and stable.
    let twice = try fingerprints([diagnostic("a.yaml", 5, 1, unit: "u"), diagnostic("a.yaml", 9, 1, unit: "u")])
    let hash = stableHash(diagnostic("a.yaml", 1, 1, unit: "u").identity)
    #expect(twice == ["\(hash):1", "\(hash):2"])
    // Another file, rule or message is another finding.
    let others = try fingerprints([
      diagnostic("b.yaml", 10, 3, unit: "div-a"), diagnostic("a.yaml", 10, 3, rule: "x", unit: "div-a"),
      diagnostic("a.yaml", 10, 3, message: "other", unit: "div-a"),
    ])
    #expect(Set(others.compactMap { $0 }).count == 3)
    #expect(!others.contains(before[0]))
  }

  @Test func emptyReportIsAValidLogWithItsRules() throws {
    let log = try parse(Report(diagnostics: [], files: 1, units: 3, rules: hostileRules))
    #expect(try results(log).isEmpty)
    #expect(try rules(log).count == hostileRules.count)
  }

  @Test func sameInputSameBytes() {
    let report = hostileReport
    let shuffled = Report(
      diagnostics: report.diagnostics.reversed(), files: report.files, units: report.units, rules: report.rules)
    let formatter = SARIFFormatter(toolVersion: "0.1.0")
    #expect(Array(formatter.format(report).utf8) == Array(formatter.format(shuffled).utf8))
  }

  @Test func exactBytesOfASmallLog() {
    let report = Report(
      diagnostics: [
        diagnostic(
          "org.yaml", 3, 5, rule: "duplicate-id", message: "id 'hr' is used twice", unit: "hr",
          related: [.init(Location(file: "org.yaml", line: 1, column: 3), "first")])
      ], files: 1, units: 2,
      rules: [RuleDescription(id: "duplicate-id", title: "One id", description: "Ids `x`.\n", severity: .error)])
    let hash = stableHash(report.diagnostics[0].identity)
    let expected = """
      {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "orglint",
                "version": "0.1.0",
                "rules": [
                  {
                    "id": "duplicate-id",
                    "shortDescription": {
                      "text": "One id"
                    },
                    "fullDescription": {
                      "text": "Ids `x`."
                    },
                    "help": {
                      "text": "Ids `x`.\\n\\n`orglint rules duplicate-id` explains the rule, with its options and examples.",
                      "markdown": "Ids `x`.\\n\\n`orglint rules duplicate-id` explains the rule, with its options and examples."
                    },
                    "defaultConfiguration": {
                      "level": "error"
                    }
                  }
                ]
              }
            },
            "columnKind": "unicodeCodePoints",
            "results": [
              {
                "ruleId": "duplicate-id",
                "ruleIndex": 0,
                "level": "error",
                "message": {
                  "text": "id 'hr' is used twice"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "org.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 3,
                        "startColumn": 5
                      }
                    }
                  }
                ],
                "relatedLocations": [
                  {
                    "id": 1,
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "org.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 1,
                        "startColumn": 3
                      }
                    },
                    "message": {
                      "text": "first"
                    }
                  }
                ],
                "partialFingerprints": {
                  "orglintFinding/v1": "\(hash):1"
                },
                "properties": {
                  "unit": "hr"
                }
              }
            ]
          }
        ]
      }

      """
    #expect(SARIFFormatter(toolVersion: "0.1.0").format(report) == expected)
  }
}
