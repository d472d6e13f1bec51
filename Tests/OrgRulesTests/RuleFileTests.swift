import Foundation
import OrgDiagnostics
import OrgYAML
import Testing

@testable import OrgRules

/// Broken rule files are located errors, and a user's rule works without
/// touching Swift.
@Suite struct RuleFileTests {
  @Test func aMinimalUserRuleWorks() throws {
    let r = try rule(
      """
      id: vo-has-manager
      title: Every VO has a verksamhetschef
      severity: warning
      message:
        en: "{self.name} has no manager"
        sv: "{self.name} saknar verksamhetschef"
      select: { kind: vo }
      check:
        value: { key: manager, required: true }
      examples:
        triggering:
          - units: [{ id: a, name: A, kind: vo }]
        non_triggering:
          - units: [{ id: a, name: A, kind: vo, manager: Anna }]
      """)
    #expect(r.severity == .warning)
    #expect(r.testExamples().isEmpty)
    let yaml = "units:\n  - { id: a, name: VO A, kind: vo }\n"
    #expect(try findings([r], yaml, language: "sv").first?.message == "VO A saknar verksamhetschef")
    #expect(try findings([r], yaml, language: "en").first?.message == "VO A has no manager")
  }

  @Test func messagesInterpolateAndEscapeBraces() throws {
    let r = try rule(ruleWith("expr: 'false'", message: "{{literal}} {self.id} {1 + 1} }}x} å{self.name}"))
    #expect(
      try findings([r], "units:\n  - { id: a, name: A, kind: x }\n").first?.message == "{literal} a 2 }x} åA")
    // Text of every width in UTF-8 around an expression, and an expression's own.
    let wide = try rule(ruleWith("expr: 'false'", message: "ö🙂{self.id + 'ä€𝄞'}é"))
    #expect(try findings([wide], "units:\n  - { id: a, name: A, kind: x }\n").first?.message == "ö🙂aä€𝄞é")
  }

  @Test(arguments: [
    ("id: x\ntitle: T\nmessage: m\nseverity: fatal\ncheck: { expr: 'true' }\n", "unknown severity 'fatal'", 4, 11),
    (
      "id: x\ntitle: T\nmessage: m\ncheck: { countt: { of: children, min: 1 } }\n",
      "unknown key 'countt' in a check; did you mean 'count'?", 4, 10
    ),
    ("id: x\ntitle: T\nmessage: m\ncheck: { expr: 'self.nam' }\n", "a unit has no field 'nam'", 4, 22),
    ("id: x\ntitle: T\nmessage: m\ncheck: { count: { of: children, min: $few } }\n", "names the option 'few'", 4, 38),
    (
      "id: x\ntitle: T\nmessage: m\ncheck: { count: { of: siblings, min: 1 } }\n", "count of: 'siblings' is unknown", 4,
      23
    ),
    ("id: x\ntitle: T\nmessage: m\ncheck: { count: { of: children } }\n", "count needs 'min', 'max' or both", 4, 17),
    ("id: x\ntitle: T\nmessage: m\ncheck: { expr: 'true', unique: { key: id } }\n", "a check has one construct", 4, 8),
    (
      "id: x\ntitle: T\nmessage: m\ncheck: { value: { key: headcont, min: 1 } }\n",
      "'headcont' is not a unit key; did you mean 'headcount'?", 4, 24
    ),
    (
      "id: x\ntitle: T\nmessage: m\ncheck: { value: { key: name, pattern: '[' } }\n",
      "is not a valid regular expression", 4, 39
    ),
    ("id: x\ntitle: T\nmessage: '{self.nme}'\ncheck: { expr: 'true' }\n", "a unit has no field 'nme'", 3, 17),
    (
      "id: x\ntitle: T\nmessage: 'a {self.id} b {self.nme}'\ncheck: { expr: 'true' }\n", "a unit has no field 'nme'", 3,
      31
    ),
    ("id: x\ntitle: T\nmessage: '{self.id'\ncheck: { expr: 'true' }\n", "without its '}'", 3, 10),
    ("id: x\ntitle: T\nmessage: m\ncheck: intrinsic\n", "are intrinsic", 4, 8),
    ("id: x\ntitle: T\ncheck: { expr: 'true' }\n", "a rule needs 'message'", 1, 1),
    (
      "id: x\ntitle: T\nmessage: m\ncheck: { expr: 'true' }\nexamples: { triggering: [{ unitz: [] }] }\n",
      "unknown key 'unitz' in an example", 5, 28
    ),
    ("id: x\ntitle: [T\n", "did not find expected", 3, 1),
  ])
  func brokenRuleFilesAreLocatedErrors(text: String, message: String, line: Int, column: Int) throws {
    let errors = ruleErrors(text)
    let match = errors.first { $0.message.contains(message) }
    #expect(match != nil, "\(errors.map(\.message))")
    #expect(match?.location.file == "rule.yaml")
    #expect(match?.location.line == line, "\(errors.map { "\($0.location) \($0.message)" })")
    #expect(match?.location.column == column, "\(errors.map { "\($0.location) \($0.message)" })")
  }

  @Test func aRuleIDDefinedTwiceIsAnError() {
    let text = Array("id: same\ntitle: T\nmessage: m\ncheck: { expr: 'true' }\n".utf8)
    let (_, errors) = RuleLibrary.compile([
      RuleSource(path: "a.yaml", group: "g", bytes: text), RuleSource(path: "b.yaml", group: "g", bytes: text),
    ])
    #expect(errors.count == 1)
    #expect(errors.first?.location.file == "b.yaml")
    #expect(errors.first?.message.contains("already defined at a.yaml:1:1") == true)
  }

  @Test func brokenExamplesFailTheRulesTest() throws {
    let r = try rule(
      """
      id: x
      title: T
      message: m
      select: { kind: vo }
      check: { value: { key: manager, required: true } }
      examples:
        triggering:
          - units: [{ id: a, name: A, kind: vo, manager: M }]
          - units: [{ id: b, name: B, kind: vo }, { id: c, name: C, kind: vo }]
            expect: [b]
        non_triggering:
          - units: [{ id: a, name: A, kind: vo, headcont: 3, manager: M }]
      """)
    let failures = r.testExamples()
    #expect(failures.count == 3)
    #expect(failures.contains { $0.message.contains("is not reported") && $0.location.line == 8 })
    #expect(failures.contains { $0.message.contains("expected 'x' on [\"b\"], got [\"b\", \"c\"]") })
    #expect(failures.contains { $0.message.contains("not a valid organisation") && $0.location.line == 12 })
  }

  @Test func optionsCanBeOverridden() throws {
    let text = Array(
      "id: x\ntitle: T\nmessage: '{count}'\noptions: { most: 1 }\ncheck: { count: { of: children, max: $most } }\n".utf8
    )
    let (rules, errors) = RuleLibrary.compile(
      [RuleSource(path: "r.yaml", group: "g", bytes: text)], optionOverrides: ["x": ["most": .int(5)]])
    #expect(errors.isEmpty)
    let yaml =
      "units:\n  - { id: r, name: R, kind: x }\n  - { id: a, name: A, kind: x, parent: r }\n  - { id: b, name: B, kind: x, parent: r }\n"
    #expect(try findings(rules, yaml).isEmpty)
  }

  @Test func rulesLoadFromAFolderInSortedOrderWithTheirGroup() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "orglint-rules-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("ours"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    for (path, id) in [("ours/b.yaml", "b"), ("ours/a.yml", "a"), (".hidden/c.yaml", "c")] {
      try "id: \(id)\ntitle: T\nmessage: m\ncheck: { expr: 'true' }\n".write(
        to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }
    let sources = try RuleLibrary.sources(inDirectory: folder.path)
    #expect(sources.map { ($0.path as NSString).lastPathComponent } == ["a.yml", "b.yaml"])
    #expect(sources.allSatisfy { $0.group == "ours" })
    #expect(throws: RuleError.self) { try RuleLibrary.sources(inDirectory: folder.path + "/missing") }
  }
}

/// Suppressions silence a rule on a unit; one that silences nothing is reported.
@Suite struct SuppressionTests {
  let rules = builtinRules()

  func run(_ yaml: String, only ids: [String]) throws -> [Diagnostic] {
    let (m, loader) = try model(yaml)
    #expect(loader.isEmpty)
    let active = rules.filter { ids.contains($0.id) }
    return try Engine.run(active, on: m, knownRuleIDs: Set(rules.map(\.id)))
  }

  let base = """
    units:
      - id: d
        name: D
        kind: division
        headcount: 12
        suppress: { headcount-sum: "drygt" }
        units: [{ id: a, name: A, kind: vo, headcount: 10 }]
    """

  @Test func aSuppressionSilencesItsRuleOnItsUnit() throws {
    #expect(try run(base, only: ["headcount-sum", "unused-suppression"]).isEmpty)
    let withoutSuppression = base.replacingOccurrences(of: "    suppress: { headcount-sum: \"drygt\" }\n", with: "")
    #expect(
      try run(withoutSuppression, only: ["headcount-sum", "unused-suppression"]).map(\.rule) == ["headcount-sum"])
  }

  @Test func anUnusedSuppressionIsAWarningAtTheSuppression() throws {
    let fixed = base.replacingOccurrences(of: "headcount: 12", with: "headcount: 10")
    let result = try run(fixed, only: ["headcount-sum", "unused-suppression"])
    #expect(result.map(\.rule) == ["unused-suppression"])
    #expect(result.first?.severity == .warning)
    #expect(result.first?.location.line == 6)
    #expect(result.first?.location.column == 17)
  }

  @Test func aSuppressionOfAnUnknownRuleIsReportedWithAHint() throws {
    let typo = base.replacingOccurrences(of: "headcount-sum:", with: "headcount-summ:")
    let result = try run(typo, only: ["unused-suppression"])
    #expect(result.first?.message == "no rule is called 'headcount-summ'; did you mean 'headcount-sum'?")
  }

  @Test func aSuppressionOfARuleThatIsNotRunningIsLeftAlone() throws {
    #expect(try run(base, only: ["unused-suppression"]).isEmpty)
  }
}
