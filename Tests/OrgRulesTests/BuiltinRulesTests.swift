import Foundation
import OrgDiagnostics
import OrgModel
import OrgYAML
import Testing

@testable import OrgRules

/// The built-in rules' own examples run as tests, as SwiftLint runs each
/// rule's triggering and non-triggering examples.
@Suite struct BuiltinRulesTests {
  static let rules = builtinRules()

  @Test(arguments: rules.map(\.id))
  func examplesBehave(id: String) throws {
    let rule = try #require(Self.rules.first { $0.id == id })
    let failures = rule.testExamples(companions: Self.rules)
    #expect(failures.isEmpty, "\(failures.map { "\($0.location): \($0.message)" })")
    #expect(rule.examples.contains { $0.triggers }, "\(id) has no triggering example")
    #expect(rule.examples.contains { !$0.triggers }, "\(id) has no non-triggering example")
  }

  @Test(arguments: rules.map(\.id))
  func isDocumentedInBothLanguages(id: String) throws {
    let rule = try #require(Self.rules.first { $0.id == id })
    #expect(!rule.description.isEmpty)
    #expect(!rule.title.isEmpty)
    #expect(rule.messages["sv"] != nil, "\(id) has no Swedish message")
  }

  @Test func contractRulesExistAsErrors() {
    let contract = [
      "yaml-syntax", "invalid-document", "duplicate-id", "unknown-reference", "orphan-unit", "reporting-cycle",
      "headcount-sum", "utforare-has-bestallare", "vo-reports-to-one-division",
    ]
    for id in contract {
      let rule = Self.rules.first { $0.id == id }
      #expect(rule?.severity == .error, "\(id)")
      #expect(rule?.enabledByDefault == true, "\(id)")
    }
  }

  @Test func genericAndSwedishRulesLiveInSeparateFolders() {
    let groups = Dictionary(grouping: Self.rules, by: \.group).mapValues { Set($0.map(\.id)) }
    #expect(groups["core"]?.contains("headcount-sum") == true)
    #expect(groups["sv-region"]?.contains("utforare-has-bestallare") == true)
    #expect(groups["core"]?.contains("utforare-has-bestallare") == false)
  }

  /// The rule files are embedded in the binary; the embedded copy must be
  /// what rules/ holds (run `make generate` after editing a rule).
  @Test func embeddedRulesMatchTheRulesFolder() throws {
    let folder = repositoryRoot + "/rules"
    let onDisk = try Files.yamlFiles(below: folder)
    let embedded = RuleLibrary.builtinSources
    #expect(embedded.map(\.path) == onDisk.map { "rules/" + $0 }, "run `make generate`")
    for source in embedded {
      let text = try String(contentsOfFile: repositoryRoot + "/" + source.path, encoding: .utf8)
      #expect(Array(text.utf8) == source.bytes, "\(source.path) is stale: run `make generate`")
    }
  }

  /// docs/rules.md is generated from the rules; it must not drift.
  @Test func rulesDocumentationIsCurrent() throws {
    let text = try String(contentsOfFile: repositoryRoot + "/docs/rules.md", encoding: .utf8)
    for rule in Self.rules {
      #expect(text.contains("## \(rule.id)\n"), "docs/rules.md lacks \(rule.id): run `make docs`")
      #expect(text.contains(rule.description), "docs/rules.md has an old description of \(rule.id): run `make docs`")
    }
  }
}
