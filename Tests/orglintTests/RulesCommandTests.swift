import Foundation
import Testing

/// `orglint rules`, `orglint rules ID` and `orglint rules test`.
@Suite struct RulesCommandTests {
  @Test func listsEveryRule() throws {
    let result = try CLI.run(["rules"])
    #expect(result.status == 0)
    for id in ["duplicate-id", "headcount-sum", "utforare-has-bestallare", "yaml-syntax"] {
      #expect(result.stdout.contains(id))
    }
    let json = try CLI.run(["rules", "--format", "json"])
    #expect(json.stdout.contains("\"id\": \"vo-reports-to-one-division\""))
  }

  @Test func explainsOneRuleWithItsExamples() throws {
    let result = try CLI.run(["rules", "headcount-sum"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("headcount-sum — Headcounts add up\n"))
    #expect(result.stdout.contains("Triggering examples:"))
    #expect(result.stdout.contains("{id: div-nara, name: Division Nära, kind: division, headcount: 1500"))
    #expect(result.stdout.contains("tolerance: 0"))
    let unknown = try CLI.run(["rules", "headcount-summ"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("did you mean 'headcount-sum'?"))
  }

  @Test func theListShowsWhatTheConfigurationDecides() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(
      "rules:\n  duplicate-id: off\n  headcount-sum: info\n  span-of-control: { options: { max_children: 5 } }\n",
      to: ".orglint.yml")
    let table = try CLI.run(["rules"], in: dir).stdout
    #expect(table.contains("Every unit has its own id (off in .orglint.yml)"))
    #expect(
      table.contains("headcount-sum               info     core        Headcounts add up (severity from .orglint.yml)"))
    #expect(try CLI.run(["rules", "span-of-control"], in: dir).stdout.contains("options:\n  max_children: 5\n"))
    let plain = try CLI.run(["rules", "--no-config"], in: dir).stdout
    #expect(plain.contains("headcount-sum               error    core        Headcounts add up\n"))
  }

  @Test func testsTheBuiltInRulesExamples() throws {
    let result = try CLI.run(["rules", "test"])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains(" 0 failed"))
  }

  @Test func testsAUserFolderAndFailsOnAMisbehavingExample() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(
      """
      id: vo-has-manager
      title: VO has a manager
      message: "{self.name} has no manager"
      select: { kind: vo }
      check: { value: { key: manager, required: true } }
      examples:
        triggering:
          - units: [{ id: a, name: A, kind: vo, manager: Anna }]
        non_triggering:
          - units: [{ id: a, name: A, kind: vo, manager: Anna }]

      """, to: "rules/vo-has-manager.yaml")
    let result = try CLI.run(["rules", "test", "rules", "--no-default-rules"], in: dir)
    #expect(result.status == 1)
    #expect(result.stdout.contains("rules/vo-has-manager.yaml:8:7: error: this triggering example is not reported"))
    #expect(result.stdout.contains("1 passed, 1 failed"))
  }
}
