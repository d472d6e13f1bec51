import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgYAML
import Testing

@testable import OrgRules

/// Rules that see the organisation before and after a proposal.
@Suite struct TransitionRuleTests {
  /// Checks a proposal (its changes as YAML) on a base, with the given rules.
  func check(_ rules: [Rule], base: String, changes: String) throws -> [Diagnostic] {
    let (model, _) = try model(base)
    var reader = ProposalReader(
      tree: try YAMLParser.parse(Array(changes.utf8), file: "p.yaml"), fileIndex: UInt32(model.files.count))
    let proposal = reader.read(basePath: "org.yaml")
    let loaded = LoadedProposal(
      applied: Applier.apply(proposal, to: model), baseDiagnostics: [], proposalDiagnostics: reader.diagnostics,
      hasSyntaxError: false)
    return try ProposalCheck.run(loaded, rules: rules, knownRuleIDs: Set(rules.map(\.id)))
  }

  let base = "units:\n  - { id: r, name: Region, kind: region }\n  - { id: a, name: Alfa, kind: vo, parent: r }\n"

  @Test func oldNamesTheUnitBeforeTheProposal() throws {
    let r = try rule(
      ruleWith("unchanged: name", select: "select: { changed: true }", message: "{old} is now {self.name} ({before})"))
    let result = try check(
      [r], base: base, changes: "proposal: { base: org.yaml }\nchanges:\n  - rename: a\n    name: Beta\n")
    #expect(result.map(\.message) == ["Alfa is now Beta (Alfa)"])
    #expect(result.first?.change == 1)
    #expect(result.first?.location == Location(file: "p.yaml", line: 3, column: 5))
    #expect(result.first?.related.first?.location == Location(file: "org.yaml", line: 3, column: 5))
  }

  @Test func oldIsNullForAUnitTheProposalCreated() throws {
    let r = try rule(ruleWith("expr: 'old != null'", select: "select: { kind: enhet }", message: "{self.id} is new"))
    let result = try check(
      [r], base: base,
      changes: "proposal: { base: org.yaml }\nchanges:\n  - create: { id: n, name: N, kind: enhet, parent: a }\n")
    #expect(result.map(\.message) == ["n is new"])
    #expect(result.first?.location == Location(file: "p.yaml", line: 3, column: 13))
  }

  @Test func changedSelectsOnlyTouchedUnits() throws {
    let r = try rule(ruleWith("expr: 'false'", select: "select: { changed: false }"))
    let result = try check(
      [r], base: base, changes: "proposal: { base: org.yaml }\nchanges:\n  - rename: a\n    name: Beta\n")
    // Region was untouched and was already reported in the base.
    #expect(result.map(\.unit) == ["r"])
    #expect(result.first?.message.hasSuffix(ProposalCheck.baselineSuffix) == true)
  }
}
