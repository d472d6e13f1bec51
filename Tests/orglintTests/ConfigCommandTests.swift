import Foundation
import Testing

/// `.orglint.yml`, baselines and `orglint init`, as a team uses them.
@Suite struct ConfigCommandTests {
  /// A region whose division has no VO (division-has-vo, an error) and
  /// whose root has three children (span-of-control when the limit is 2).
  let organisation = """
    orglint: 1
    units:
      - id: region
        name: Region
        kind: region
        units:
          - { id: d1, name: Division Ett, kind: division, units: [{ id: vo1, name: VO Ett, kind: vo }] }
          - { id: d2, name: Division Två, kind: division }
          - { id: stab, name: Stab, kind: stab }

    """

  @Test func theConfigurationIsFoundUpwardAndItsPathsAreItsOwn() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org/organisation.yaml")
    try dir.write(
      "lang: sv\nrule_folders: [team]\nrules:\n  region-needs-manager: on\n", to: ".orglint.yml")
    try dir.write(
      """
      id: region-needs-manager
      title: A region has a manager
      severity: info
      enabled: false
      message: "{self.name} saknar chef"
      select: { kind: region }
      check: { value: { key: manager, required: true } }

      """, to: "team/region-needs-manager.yaml")
    let result = try CLI.run(["check", "."], in: dir.appendingPathComponent("org"))
    #expect(result.status == 1)
    #expect(
      result.stdout.contains("organisation.yaml:8:9: error: Division Två har inget verksamhetsområde [division-has-vo]")
    )
    #expect(result.stdout.contains("Region saknar chef [region-needs-manager]"))
  }

  @Test func anotherFileOrNoneCanBeChosen() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org.yaml")
    try dir.write("rules:\n  division-has-vo: off\n", to: ".orglint.yml")
    try dir.write("rules:\n  division-has-vo: info\n", to: "ci/strict.yml")
    #expect(try CLI.run(["check", "org.yaml"], in: dir).status == 0)
    #expect(try CLI.run(["check", "org.yaml", "--no-config"], in: dir).status == 1)
    let other = try CLI.run(["check", "org.yaml", "--config", "ci/strict.yml"], in: dir)
    #expect(other.status == 0)
    #expect(other.stdout.contains("org.yaml:8:9: info: Division Två has no VO [division-has-vo]"))
    let both = try CLI.run(["check", "org.yaml", "--config", "ci/strict.yml", "--no-config"], in: dir)
    #expect(both.status == 2)
    #expect(both.stderr.contains("--config and --no-config exclude each other"))
    let missing = try CLI.run(["check", "org.yaml", "--config", "nope.yml"], in: dir)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nope.yml:1:1: error: cannot read the configuration file"))
  }

  @Test func commandLineFlagsOverrideTheFile() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org.yaml")
    try dir.write(
      "lang: sv\nfail_on: info\nrules:\n  division-has-vo: off\n  span-of-control: { severity: info, options: { max_children: 2 } }\n",
      to: ".orglint.yml")
    let configured = try CLI.run(["check", "org.yaml", "--format", "json"], in: dir)
    #expect(configured.status == 1)  // fail_on: info, and span-of-control is an info
    #expect(configured.stdout.contains("\"message\": \"Region har 3 direkt underställda enheter, fler än 2\""))
    #expect(configured.stdout.contains("\"severity\": \"info\""))
    #expect(!configured.stdout.contains("division-has-vo"))

    let flags = try CLI.run(
      [
        "check", "org.yaml", "--lang", "en", "--fail-on", "never", "--enable", "division-has-vo", "--disable",
        "span-of-control",
      ], in: dir)
    #expect(flags.status == 0)
    #expect(flags.stdout.contains("Division Två has no VO [division-has-vo]"))
    #expect(!flags.stdout.contains("span-of-control"))
  }

  @Test func ruleFoldersAddUpAndDefaultRulesCanBeLeftOut() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org.yaml")
    for (id, kind) in [("has-region", "region"), ("has-stab", "stab")] {
      try dir.write(
        "id: \(id)\ntitle: T\nseverity: info\nmessage: \"{self.name} [\(id)]\"\nselect: { kind: \(kind) }\ncheck: { expr: 'false' }\n",
        to: "\(id)/rule.yaml")
    }
    try dir.write("rule_folders: has-region\ndefault_rules: false\n", to: ".orglint.yml")
    let configured = try CLI.run(["check", "org.yaml", "--format", "json"], in: dir)
    #expect(configured.stdout.contains("\"rule\": \"has-region\""))
    #expect(!configured.stdout.contains("division-has-vo"))  // no default rules
    let added = try CLI.run(["check", "org.yaml", "--rules", "has-stab", "--format", "json"], in: dir)
    #expect(added.stdout.contains("\"rule\": \"has-region\"") && added.stdout.contains("\"rule\": \"has-stab\""))
    try dir.write("rule_folders: [has-region]\n", to: ".orglint.yml")
    #expect(try CLI.run(["check", "org.yaml"], in: dir).stdout.contains("division-has-vo"))
    let only = try CLI.run(["check", "org.yaml", "--no-default-rules"], in: dir)
    #expect(only.stdout.contains("[has-region]") && !only.stdout.contains("division-has-vo"))
    try dir.write("default_rules: false\n", to: ".orglint.yml")
    let nothing = try CLI.run(["check", "org.yaml"], in: dir)
    #expect(nothing.status == 2)
    #expect(nothing.stderr.contains("no rules to run"))
  }

  @Test func aBrokenConfigurationStopsTheRunWithLocatedErrors() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org.yaml")
    try dir.write(
      "lang: sv\nrules:\n  span-of-contrl: off\n  headcount-sum: { options: { tolerence: 2 } }\nignores: []\n",
      to: ".orglint.yml")
    let result = try CLI.run(["check", "org.yaml", "--format", "json"], in: dir)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.contains(
        ".orglint.yml:5:1: error: unknown key 'ignores' in the configuration; did you mean 'ignore'?"))
    // Rule settings are checked once the file itself reads.
    try dir.write("rules:\n  span-of-contrl: off\n  headcount-sum: { options: { tolerence: 2 } }\n", to: ".orglint.yml")
    let rules = try CLI.run(["check", "org.yaml"], in: dir)
    #expect(rules.status == 2)
    #expect(
      rules.stderr == """
        .orglint.yml:2:3: error: no rule is called 'span-of-contrl'; did you mean 'span-of-control'?
        .orglint.yml:3:31: error: rule 'headcount-sum' has no option 'tolerence'; did you mean 'tolerance'?

        """)
  }

  @Test func ignoredFilesAreLeftOutOfDirectories() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org/organisation.yaml")
    try dir.write("units:\n  - { id: broken, name: X, kind: division }\n", to: "org/drafts/idea.yaml")
    try dir.write("ignore: [drafts/]\nrules: { division-has-vo: off }\n", to: ".orglint.yml")
    let result = try CLI.run(["check", "org", "--format", "json"], in: dir)
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"files\": 1, \"units\": 5"))
    // Named on the command line, an ignored file is still checked.
    let named = try CLI.run(["check", "org/drafts/idea.yaml", "--format", "json"], in: dir)
    #expect(named.stdout.contains("\"files\": 1, \"units\": 1"))
    try dir.write("ignore: ['**/*.yaml']\n", to: ".orglint.yml")
    let none = try CLI.run(["check", "org"], in: dir)
    #expect(none.status == 2)
    #expect(
      none.stderr.contains("org: error: holds no YAML file that .orglint.yml does not ignore; nothing was checked"))
  }

  @Test func aBaselineKeepsKnownFindingsQuietThroughEdits() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org.yaml")
    let recorded = try CLI.run(["check", "org.yaml", "--write-baseline", "baseline.json"], in: dir)
    #expect(recorded.status == 0)
    #expect(recorded.stderr.contains("baseline.json: note: recorded 1 finding as the baseline"))
    let file = try String(contentsOf: dir.appendingPathComponent("baseline.json"), encoding: .utf8)
    #expect(file.contains("\"rule\": \"division-has-vo\", \"file\": \"org.yaml\", \"unit\": \"d2\""))
    #expect(try CLI.run(["check", "org.yaml", "--baseline", "baseline.json"], in: dir).status == 0)

    // Lines move, an unrelated unit is added, and a new mistake is made.
    let edited =
      organisation.replacingOccurrences(of: "orglint: 1\n", with: "orglint: 1\n# moved\n\n")
      + "  - { id: d3, name: Division Tre, kind: division, parent: region }\n"
    try dir.write(edited, to: "org.yaml")
    let after = try CLI.run(["check", "org.yaml", "--baseline", "baseline.json", "--format", "json"], in: dir)
    #expect(after.status == 1)
    #expect(after.stdout.contains("\"unit\": \"d3\""))
    #expect(!after.stdout.contains("\"unit\": \"d2\""))
    #expect(after.stderr.contains("1 finding of the baseline not reported"))

    // Fixed: the finding is gone, reported at its entry so it can be pruned.
    try dir.write(
      organisation.replacingOccurrences(
        of: "Division Två, kind: division }",
        with: "Division Två, kind: division, units: [{ id: vo2, name: VO Två, kind: vo }] }"), to: "org.yaml")
    let fixed = try CLI.run(["check", "org.yaml", "--baseline", "baseline.json"], in: dir)
    #expect(fixed.status == 0)
    #expect(
      fixed.stderr.contains("baseline.json:4:5: note: gone from org.yaml: Division Två has no VO [division-has-vo]"))
  }

  @Test func theConfigurationCanNameTheBaseline() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(organisation, to: "org/organisation.yaml")
    try dir.write("baseline: known.json\n", to: ".orglint.yml")
    #expect(try CLI.run(["check", "org"], in: dir).status == 2)  // no such baseline yet
    #expect(try CLI.run(["check", "org", "--write-baseline", "known.json"], in: dir).status == 0)
    #expect(try CLI.run(["check", "."], in: dir.appendingPathComponent("org")).status == 0)
    try dir.write("{ \"orglint_baseline\": 1, \"findings\": [ { \"rule\": 3 } ] }\n", to: "known.json")
    let broken = try CLI.run(["check", "org"], in: dir)
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("known.json:1:40: error: a baseline finding needs 'file'"))
  }

  @Test func outputIsTheSameWhateverOrderFilesWereWritten() throws {
    let first = try CLI.temporaryDirectory()
    let second = try CLI.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    let names = (1...24).map { "part-\($0).yaml" }
    func unitFile(_ index: Int) -> String {
      "units:\n  - { id: d\(index), name: Division \(index), kind: division, parent: root }\n"
    }
    try first.write("units:\n  - { id: root, name: Root, kind: region }\n", to: "org/0-root.yaml")
    try second.write("units:\n  - { id: root, name: Root, kind: region }\n", to: "org/0-root.yaml")
    for (index, name) in names.enumerated() { try first.write(unitFile(index), to: "org/\(name)") }
    for (index, name) in names.enumerated().reversed() { try second.write(unitFile(index), to: "org/\(name)") }
    let runs = try [first, first, second].map { try CLI.run(["check", "org", "--format", "json"], in: $0).stdout }
    #expect(runs[0].contains("\"files\": 25, \"units\": 25"))
    #expect(runs[0] == runs[1])
    #expect(runs[0] == runs[2])
  }

  @Test func initStartsARepositoryThatChecksCleanly() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try CLI.run(["init"], in: dir, environment: ["LANG": "sv_SE.UTF-8"])
    #expect(result.status == 0)
    let config = try String(contentsOf: dir.appendingPathComponent(".orglint.yml"), encoding: .utf8)
    #expect(config.contains("\nlang: sv\n"))
    // Editors find the schemas the files name, written beside them.
    #expect(config.hasPrefix("# yaml-language-server: $schema=.orglint/schemas/config.schema.json\n"))
    let organisation = try String(contentsOf: dir.appendingPathComponent("organisation.yaml"), encoding: .utf8)
    #expect(organisation.hasPrefix("# yaml-language-server: $schema=.orglint/schemas/organisation.schema.json\n"))
    for kind in ["org", "proposal", "rule", "config"] {
      let printed = try CLI.run(["schema", kind]).stdout
      let name = kind == "org" ? "organisation" : kind
      let written = try String(
        contentsOf: dir.appendingPathComponent(".orglint/schemas/\(name).schema.json"), encoding: .utf8)
      #expect(written == printed, "\(kind)")
    }
    let check = try CLI.run(["check"], in: dir)
    #expect(check.status == 0)
    #expect(check.stdout.contains("No findings in 1 file (10 units)."))

    // Nothing is overwritten without --force.
    try dir.write("units: []\n", to: "organisation.yaml")
    let again = try CLI.run(["init"], in: dir)
    #expect(again.status == 2)
    #expect(again.stderr.contains(".orglint.yml: error: already exists"))
    #expect(try String(contentsOf: dir.appendingPathComponent("organisation.yaml"), encoding: .utf8) == "units: []\n")
    #expect(try CLI.run(["init", "--force"], in: dir).status == 0)
    #expect(try CLI.run(["check"], in: dir).status == 0)
    #expect(try CLI.run(["init", "no/such/folder"], in: dir).status == 2)
  }
}
