import Foundation
import Testing

/// `orglint check` as the contract defines it: paths, flags, exit codes.
@Suite struct CheckCommandTests {
  let clean = """
    orglint: 1
    units:
      - id: region
        name: Region
        kind: region
        units:
          - { id: d, name: Division, kind: division, units: [{ id: vo, name: VO, kind: vo }] }

    """

  @Test func aCleanModelExitsZeroWithASummary() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "org.yaml")
    let result = try CLI.run(["check", "org.yaml"], in: dir)
    #expect(result.status == 0)
    #expect(result.stdout == "No findings in 1 file (3 units).\n")
  }

  @Test func timingsGoToStandardErrorAndLeaveTheReportAlone() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "org.yaml")
    let result = try CLI.run(["check", "org.yaml", "--timings"], in: dir)
    #expect(result.status == 0)
    #expect(result.stdout == "No findings in 1 file (3 units).\n")
    let lines = result.stderr.split(separator: "\n").map { $0.split(separator: " ") }
    let stages = lines.filter { $0.count == 4 }
    #expect(stages.allSatisfy { $0[0] == "timing:" && $0[3] == "s" && Double($0[2]) != nil })
    #expect(stages.map { String($0[1]) } == ["read", "model", "rules", "output", "total"])
    // Then each rule that ran, the slowest first: every built-in rule that
    // is not intrinsic (those are the loader's), once.
    let rules = lines.filter { $0.count == 5 }
    #expect(rules.count == lines.count - stages.count)
    #expect(rules.allSatisfy { $0[0] == "timing:" && $0[1] == "rule" && $0[4] == "s" && Double($0[3]) != nil })
    let seconds = rules.compactMap { Double($0[3]) }
    #expect(seconds == seconds.sorted(by: >))
    let timed = Set(rules.map { String($0[2]) })
    #expect(timed.count == rules.count)
    #expect(timed.isSuperset(of: ["duplicate-id", "headcount-sum", "unknown-reference", "division-has-vo"]))
    #expect(timed.isDisjoint(with: ["yaml-syntax", "invalid-document", "unused-suppression"]))
  }

  @Test func theDefaultPathIsTheCurrentDirectory() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "a/org.yaml")
    try dir.write("not: [valid", to: ".hidden/broken.yaml")
    // The configuration file is read as one, not as part of the model.
    try dir.write("rules: {}\n", to: ".orglint.yml")
    let result = try CLI.run(["check"], in: dir)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
  }

  @Test func findingsFollowTheCompilerConventionAndExitOne() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(
      "units:\n  - { id: r, name: R, kind: region }\n  - { id: x, name: X, kind: enhet, parent: rr }\n", to: "org.yaml")
    let result = try CLI.run(["check", "org.yaml"], in: dir)
    #expect(result.status == 1)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "org.yaml:3:44: error: parent 'rr' names no unit; did you mean 'r'? [unknown-reference]")
    #expect(lines[1] == " 3 |   - { id: x, name: X, kind: enhet, parent: rr }")
    #expect(lines[2] == "   |                                            ^")
    #expect(lines.last == "1 error, 0 warnings, 0 infos in 1 file (2 units).")
    #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
  }

  @Test func failOnDecidesTheExitStatus() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Only a warning: a beställare that nobody orders from.
    try dir.write("units:\n  - { id: r, name: R, kind: region, roles: [beställare] }\n", to: "org.yaml")
    #expect(try CLI.run(["check", "org.yaml"], in: dir).status == 0)
    #expect(try CLI.run(["check", "org.yaml", "--fail-on", "warning"], in: dir).status == 1)
    #expect(try CLI.run(["check", "org.yaml", "--fail-on", "info"], in: dir).status == 1)
    try dir.write(
      "units:\n  - { id: r, name: R, kind: region }\n  - { id: r, name: R2, kind: region }\n", to: "dup.yaml")
    #expect(try CLI.run(["check", "dup.yaml", "--fail-on", "never"], in: dir).status == 0)
    #expect(try CLI.run(["check", "dup.yaml", "--fail-on", "often"], in: dir).status == 2)
  }

  @Test func malformedYAMLIsAYamlSyntaxFindingInTheChosenFormatAndExitTwo() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - id: a\n    name: [A\n", to: "bad.yaml")
    let result = try CLI.run(["check", "bad.yaml", "--format", "json"], in: dir)
    #expect(result.status == 2)
    #expect(result.stdout.contains("\"rule\": \"yaml-syntax\""))
    #expect(result.stdout.contains("\"file\": \"bad.yaml\""))
    #expect(result.stdout.contains("\"line\": 4"))
  }

  @Test func invalidDocumentIsAnErrorLikeAnyOther() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: a, name: A, kind: region, headcount: \"12\" }\n", to: "org.yaml")
    let result = try CLI.run(["check", "org.yaml"], in: dir)
    #expect(result.status == 1)
    #expect(
      result.stdout.hasPrefix(
        "org.yaml:2:48: error: headcount must be a whole number, found the text \"12\" [invalid-document]"))
  }

  @Test func pathsThatCannotBeCheckedExitTwoOnStandardError() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = try CLI.run(["check", "nowhere.yaml"], in: dir)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nowhere.yaml: error: no such file or directory"))

    try FileManager.default.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
    try dir.write("# notes only\n", to: "empty/readme.txt")
    let empty = try CLI.run(["check", "empty"], in: dir)
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("empty: error: holds no YAML file"))

    try dir.write("# a comment and nothing else\n", to: "nothing.yaml")
    let noUnits = try CLI.run(["check", "nothing.yaml"], in: dir)
    #expect(noUnits.status == 2)
    #expect(noUnits.stderr.contains("no unit found"))
  }

  @Test func aDirectoryIsOneModelAcrossItsFiles() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: region, name: Region, kind: region }\n", to: "org/a.yaml")
    try dir.write(
      "units:\n  - { id: d, name: D, kind: division, parent: region, units: [{ id: v, name: V, kind: vo }] }\n",
      to: "org/sub/b.yml")
    let result = try CLI.run(["check", "org"], in: dir)
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout == "No findings in 2 files (3 units).\n")
  }

  @Test func rulesCanBeDisabledEnabledAndAdded() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(
      "units:\n  - { id: r, name: R, kind: region }\n  - { id: r, name: R2, kind: region, parent: r }\n", to: "org.yaml"
    )
    #expect(try CLI.run(["check", "org.yaml"], in: dir).status == 1)
    #expect(try CLI.run(["check", "org.yaml", "--disable", "duplicate-id"], in: dir).status == 0)
    let typo = try CLI.run(["check", "org.yaml", "--disable", "duplicate-ids"], in: dir)
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("no rule is called 'duplicate-ids'; did you mean 'duplicate-id'?"))

    try dir.write(
      """
      id: region-has-manager
      title: A region has a manager
      severity: info
      enabled: false
      message: "{self.name} has no manager"
      select: { kind: region }
      check: { value: { key: manager, required: true } }

      """, to: "myrules/region-has-manager.yaml")
    let off = try CLI.run(["check", "org.yaml", "--rules", "myrules", "--disable", "duplicate-id"], in: dir)
    #expect(!off.stdout.contains("region-has-manager"))
    let on = try CLI.run(
      [
        "check", "org.yaml", "--rules", "myrules", "--no-default-rules", "--enable", "region-has-manager", "--format",
        "json",
      ], in: dir)
    #expect(on.status == 0)  // only infos
    #expect(on.stdout.components(separatedBy: "\"rule\": \"region-has-manager\"").count == 3)
    #expect(!on.stdout.contains("duplicate-id"))
  }

  @Test func aBrokenRuleFileStopsTheRunWithALocatedMessage() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "org.yaml")
    try dir.write(
      "id: r\ntitle: T\nmessage: m\nseverity: fatal\ncheck: { expr: 'self.headcount >' }\n", to: "rules/r.yaml")
    let result = try CLI.run(["check", "org.yaml", "--rules", "rules"], in: dir)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("rules/r.yaml:4:11: error: unknown severity 'fatal'"))
    #expect(result.stderr.contains("rules/r.yaml:5:33: error: invalid expression: expected a value"))
  }

  @Test func aBrokenRuleFileSpeaksBeforeTheModelItWasReadBeside() throws {
    // The first model is read while the rules compile; what is wrong with
    // it must not be reported when the rules already stop the run, and a
    // missing path is reported only once the rules are good.
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: a, name: [A\n", to: "broken.yaml")
    try dir.write(
      "units:\n  - { id: a, name: A, kind: region }\n  - { id: a, name: B, kind: region }\n", to: "twice.yaml")
    try dir.write("id: r\ntitle: T\nmessage: m\ncheck: { expr: 'self.nam' }\n", to: "rules/r.yaml")
    let ruleError = "rules/r.yaml:4:22: error: invalid expression: a unit has no field 'nam'; did you mean 'name'?\n"
    for model in ["broken.yaml", "twice.yaml"] {
      let result = try CLI.run(["check", model, "--rules", "rules", "--format", "json"], in: dir)
      #expect(result.status == 2)
      #expect(result.stdout.isEmpty, "\(result.stdout)")
      #expect(result.stderr == ruleError, "\(result.stderr)")
    }
    let missing = try CLI.run(["check", "nowhere.yaml", "--rules", "rules"], in: dir)
    #expect(missing.stderr == ruleError, "\(missing.stderr)")
    try dir.write("id: r\ntitle: T\nmessage: m\ncheck: { expr: 'self.name != \"\"' }\n", to: "rules/r.yaml")
    let good = try CLI.run(["check", "nowhere.yaml", "--rules", "rules"], in: dir)
    #expect(good.status == 2)
    #expect(good.stderr == "nowhere.yaml: error: no such file or directory\n", "\(good.stderr)")
    let found = try CLI.run(["check", "twice.yaml", "--rules", "rules", "--format", "json"], in: dir)
    #expect(found.status == 1)
    #expect(found.stdout.contains("\"rule\": \"duplicate-id\""))
  }

  @Test func swedishMessagesFollowLangOrTheEnvironment() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: d, name: Division X, kind: division }\n", to: "org.yaml")
    let flag = try CLI.run(["check", "org.yaml", "--lang", "sv"], in: dir)
    #expect(flag.stdout.contains("Division X har inget verksamhetsområde [division-has-vo]"))
    let environment = try CLI.run(["check", "org.yaml"], in: dir, environment: ["LANG": "sv_SE.UTF-8"])
    #expect(environment.stdout.contains("har inget verksamhetsområde"))
    let english = try CLI.run(["check", "org.yaml", "--lang", "en"], in: dir, environment: ["LANG": "sv_SE.UTF-8"])
    #expect(english.stdout.contains("Division X has no VO"))
  }

  @Test func outputFileIsWrittenWholeAndErrorsLeaveNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "org.yaml")
    let result = try CLI.run(["check", "org.yaml", "--format", "json", "--output", "report.json"], in: dir)
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    let written = try String(contentsOf: dir.appendingPathComponent("report.json"), encoding: .utf8)
    #expect(written.hasPrefix("{\n  \"orglint\": 1,"))
    #expect(written.hasSuffix("\"units\": 3 }\n}\n"))
    let unwritable = try CLI.run(["check", "org.yaml", "--output", "no/such/dir/report.txt"], in: dir)
    #expect(unwritable.status == 2)
    #expect(unwritable.stderr.contains("cannot write the report"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("no").path))
  }

  @Test func everyCIFormatGoesToAnOutputFileWholeAndAFailedWriteLeavesNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: d, name: Division X, kind: division }\n", to: "org.yaml")
    for (format, file) in [("sarif", "report.sarif"), ("junit", "report.xml"), ("github", "report.txt")] {
      let toStdout = try CLI.run(["check", "org.yaml", "--format", format], in: dir)
      let toFile = try CLI.run(["check", "org.yaml", "--format", format, "--output", file], in: dir)
      #expect(toStdout.status == 1 && toFile.status == 1, "\(format): \(toFile.stderr)")
      #expect(toFile.stdout.isEmpty)
      let written = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
      #expect(written == toStdout.stdout)
      #expect(written.contains("division-has-vo"))
    }
    let sarif = try Data(contentsOf: dir.appendingPathComponent("report.sarif"))
    let log = try #require(try JSONSerialization.jsonObject(with: sarif) as? [String: Any])
    let results = (log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]
    #expect(results?.map { $0["ruleId"] as? String } == ["division-has-vo"])

    for format in ["sarif", "junit", "github"] {
      let failed = try CLI.run(["check", "org.yaml", "--format", format, "--output", "no/such/dir/report"], in: dir)
      #expect(failed.status == 2)
      #expect(failed.stdout.isEmpty)
      #expect(failed.stderr.contains("no/such/dir/report: error: cannot write the report"))
    }
    // Nothing half-written or temporary is left beside the reports.
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["org.yaml", "report.sarif", "report.txt", "report.xml"])
  }

  @Test func malformedYAMLIsAFindingInTheCIFormatsToo() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: a, name: [\n", to: "broken.yaml")
    try dir.write(
      "id: has-manager\ntitle: Has a manager\nseverity: info\nmessage: \"{self.name}\"\nselect: { kind: region }\n"
        + "check: { value: { key: manager, required: true } }\n", to: "myrules/has-manager.yaml")
    // Without the built-in rules, yaml-syntax is reported but is not among the rules that ran.
    let sarif = try CLI.run(
      ["check", "broken.yaml", "--format", "sarif", "--no-default-rules", "--rules", "myrules"], in: dir)
    #expect(sarif.status == 2, "\(sarif.stderr)")
    let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.map { $0["ruleId"] as? String } == ["yaml-syntax"])
    #expect(rules?.map { $0["id"] as? String } == ["has-manager", "yaml-syntax"])
    let index = try #require(results.first?["ruleIndex"] as? Int)
    #expect(rules?[index]["id"] as? String == "yaml-syntax")
    let junit = try CLI.run(["check", "broken.yaml", "--format", "junit"], in: dir)
    #expect(junit.status == 2)
    #expect(junit.stdout.contains("<testcase name=\"yaml-syntax\" classname=\"orglint\">\n      <failure "))
    let github = try CLI.run(["check", "broken.yaml", "--format", "github"], in: dir)
    #expect(github.status == 2)
    #expect(github.stdout.hasPrefix("::error file=broken.yaml,line="))
  }

  @Test func whenNothingWasCheckedProgramsGetAnEmptyReportAndTheLogNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("# a comment and nothing else\n", to: "nothing.yaml")
    let github = try CLI.run(["check", "nothing.yaml", "--format", "github"], in: dir)
    #expect(github.status == 2)
    #expect(github.stdout.isEmpty)
    #expect(github.stderr.contains("no unit found"))
    let sarif = try CLI.run(["check", "nothing.yaml", "--format", "sarif"], in: dir)
    #expect(sarif.status == 2)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    #expect(((log["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.isEmpty == true)
    let junit = try CLI.run(["check", "nothing.yaml", "--format", "junit"], in: dir)
    #expect(junit.status == 2)
    #expect(junit.stdout.contains("failures=\"0\""))
  }

  @Test func outputToAPipeOrThroughALinkLeavesThemInPlace() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "org.yaml")
    // A named pipe stands for /dev/null and friends: renaming a temporary
    // file over it would replace the device (as root, even /dev/null).
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    // Opened for reading first, without waiting, so that the writer never
    // blocks; the small report fits in the pipe's buffer.
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    let result = try CLI.run(["check", "org.yaml", "--format", "json", "--output", "pipe"], in: dir)
    #expect(result.status == 0)
    let type = try FileManager.default.attributesOfItem(atPath: fifo)[.type] as? FileAttributeType
    #expect(type != .typeRegular)
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(reader, &buffer, buffer.count)
      if count <= 0 { break }
      received += buffer[0..<count]
    }
    #expect(String(decoding: received, as: UTF8.self).hasPrefix("{\n  \"orglint\": 1,"))

    // Through a symbolic link, the file it names gets the report.
    try dir.write("old", to: "reports/latest.json")
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("link.json").path, withDestinationPath: "reports/latest.json")
    #expect(try CLI.run(["check", "org.yaml", "--format", "json", "--output", "link.json"], in: dir).status == 0)
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.json").path)
    #expect(link == "reports/latest.json")
    #expect(try String(contentsOf: dir.appendingPathComponent("reports/latest.json"), encoding: .utf8).hasPrefix("{"))
  }

  @Test func aProposalWhoseBaseIsMissingExitsTwoAtTheBase() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("proposal: { id: p, title: T, base: org.yaml }\nchanges: []\n", to: "p.yaml")
    let result = try CLI.run(["check", "p.yaml"], in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains("p.yaml:1:36: error: the base 'org.yaml' does not exist"))
    #expect(result.stdout.isEmpty)
  }

  @Test func disablingInvalidDocumentSilencesTheLoader() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("orglint: \"1\"\nunits:\n  - { id: a, name: A, kind: region }\n", to: "org.yaml")
    #expect(try CLI.run(["check", "org.yaml"], in: dir).status == 1)
    #expect(try CLI.run(["check", "org.yaml", "--disable", "invalid-document"], in: dir).status == 0)
  }

  @Test func aBrokenProposalIsNotASilentDiff() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - { id: r, name: R, kind: region }\n", to: "org.yaml")
    try dir.write(
      "proposal: { base: org.yaml }\nchanges:\n  - dissolve: ghost\n  - rename: r\n    headcount_delta: 1.5\n    name: S\n",
      to: "p.yaml")
    let diff = try CLI.run(["diff", "p.yaml"], in: dir)
    #expect(diff.status == 1)
    #expect(diff.stderr.contains("p.yaml:3:15: error: dissolve 'ghost' names no unit [unknown-reference] (change 1)"))
    #expect(
      diff.stderr.contains(
        "p.yaml:5:22: error: headcount_delta must be a whole number, found 1.5 [invalid-document] (change 2)"))
    let json = try CLI.run(["check", "p.yaml", "--format", "json"], in: dir)
    #expect(json.stdout.contains("\"message\": \"headcount_delta must be a whole number, found 1.5\""))
    #expect(json.stdout.contains("\"line\": 5,\n      \"column\": 22,\n      \"unit\": null,\n      \"change\": 2,"))
  }

  @Test func aProposalBesideItsBaseCountsEachFileOnce() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write(clean, to: "org/base/org.yaml")
    try dir.write(
      "proposal: { base: ../base/ }\nchanges:\n  - rename: vo\n    name: VO Ny\n", to: "org/proposals/p.yaml")
    let result = try CLI.run(["check", "org"], in: dir)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout == "No findings in 2 files (6 units).\n")
  }

  @Test func badArgumentsExitTwo() throws {
    #expect(try CLI.run(["check", "--format", "xml"]).status == 2)
    #expect(try CLI.run(["check", "--no-default-rules"]).status == 2)
    #expect(try CLI.run(["frobnicate"]).status == 2)
    #expect(try CLI.run(["--help"]).status == 0)
  }
}
