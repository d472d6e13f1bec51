import OrgDiagnostics
import OrgModel
import OrgRules
import OrgSynthetic
import OrgYAML
import Testing

/// The generator is only useful for the benchmark if its organisations are
/// exactly as described: the size asked for, clean without faults, and each
/// planted fault found by its rule — all of them, nothing else.
struct SyntheticOrganisationTests {
  /// Loads the generated files as one model and runs every built-in rule.
  func check(_ organisation: SyntheticOrganisation) throws -> (model: Model, findings: [Diagnostic]) {
    var builder = ModelBuilder()
    for file in organisation.files {
      builder.add(try YAMLParser.parse(file.bytes, file: file.name))
    }
    let (model, loaderDiagnostics) = builder.finish()
    let (rules, errors) = RuleLibrary.compile(RuleLibrary.builtinSources)
    #expect(errors.isEmpty)
    let findings = try Engine.run(rules, on: model, knownRuleIDs: Set(rules.map(\.id)))
    return (model, (loaderDiagnostics + findings).sorted(by: Diagnostic.reportOrder))
  }

  func found(_ findings: [Diagnostic]) -> [SyntheticOrganisation.ExpectedFinding] {
    findings.map { .init(rule: $0.rule, unit: $0.unit ?? "") }.sorted()
  }

  @Test(arguments: SyntheticOrganisation.Layout.allCases, [1, 3])
  func withoutFaultsTheModelIsCleanAndHasTheSizeAskedFor(layout: SyntheticOrganisation.Layout, files: Int) throws {
    let organisation = try SyntheticOrganisation(.init(units: 9_000, layout: layout, files: files))
    #expect(organisation.files.count == files)
    #expect(organisation.expected.isEmpty)
    let (model, findings) = try check(organisation)
    #expect(model.units.count == 9_000)
    #expect(findings.map { "\($0.location): \($0.message) [\($0.rule)]" } == [])
  }

  @Test(arguments: SyntheticOrganisation.Layout.allCases)
  func everyPlantedFaultIsFoundAndNothingElse(layout: SyntheticOrganisation.Layout) throws {
    let organisation = try SyntheticOrganisation(.init(units: 5_000, layout: layout, files: 2, faultsPerKind: 3))
    let (model, findings) = try check(organisation)
    #expect(model.units.count == 5_000)
    // Every fault kind is planted three times; a reporting cycle gives two
    // findings each.
    let kinds = Set(organisation.expected.map(\.rule))
    #expect(kinds == Set(SyntheticOrganisation.faultKinds))
    #expect(organisation.expected.count == 3 * (SyntheticOrganisation.faultKinds.count + 1))
    #expect(found(findings) == organisation.expected)
  }

  @Test func theSameOptionsGiveTheSameBytes() throws {
    let options = SyntheticOrganisation.Options(units: 2_000, faultsPerKind: 1)
    #expect(try SyntheticOrganisation(options).files.map(\.bytes) == SyntheticOrganisation(options).files.map(\.bytes))
  }

  @Test func impossibleRequestsAreRefusedWithAReason() {
    #expect(throws: SyntheticOrganisation.GenerationError.self) {
      try SyntheticOrganisation(.init(units: 999))
    }
    #expect(throws: SyntheticOrganisation.GenerationError.self) {
      try SyntheticOrganisation(.init(units: 2_000, files: 5))  // one region: one file at most
    }
    #expect(throws: SyntheticOrganisation.GenerationError.self) {
      try SyntheticOrganisation(.init(units: 1_000, faultsPerKind: 100))
    }
  }
}
