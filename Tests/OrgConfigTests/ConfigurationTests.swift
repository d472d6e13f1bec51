import Foundation
import OrgConfig
import OrgDiagnostics
import OrgRules
import Testing

/// A temporary folder with files, removed when the test ends.
final class Folder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("orglint-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  @discardableResult
  func write(_ text: String, to name: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }
}

/// The problems that reading `text` as a file gives, as "line:column: message".
func problems(
  _ text: String,
  readingWith read: (String) throws(ConfigError) -> Void = { path throws(ConfigError) in
    _ = try Configuration.read(path)
  }
) throws -> [String] {
  let folder = try Folder()
  let path = try folder.write(text, to: ".orglint.yml")
  do {
    try read(path)
    return []
  } catch {
    return error.problems.map { "\($0.location.line):\($0.location.column): \($0.message)" }
  }
}

@Suite struct ConfigurationTests {
  @Test func everyKeyIsRead() throws {
    let folder = try Folder()
    let path = try folder.write(
      """
      orglint: 1
      rule_folders: [team-rules, /abs/rules]
      default_rules: false
      rules:
        span-of-control: { severity: info, options: { max_children: 5 } }
        similar-sibling-names: off
        region-has-manager: on
        headcount-sum: warning
        duplicate-id: { enabled: false }
      ignore: [drafts/, "archive/**"]
      lang: sv
      fail_on: warning
      baseline: known.json

      """, to: "repo/.orglint.yml")
    let configuration = try Configuration.read(path)
    let folderPath = (path as NSString).deletingLastPathComponent
    #expect(configuration.ruleFolders == [folderPath + "/team-rules", "/abs/rules"])
    #expect(configuration.defaultRules == false)
    #expect(configuration.language == "sv")
    #expect(configuration.failOn == "warning")
    #expect(configuration.baseline == folderPath + "/known.json")
    #expect(configuration.ignore.map(\.text) == ["drafts/", "archive/**"])
    #expect(configuration.severities == ["span-of-control": .info, "headcount-sum": .warning])
    #expect(
      configuration.switchedRules == [
        "similar-sibling-names": false, "region-has-manager": true, "headcount-sum": true, "duplicate-id": false,
      ])
    #expect(configuration.optionOverrides == ["span-of-control": ["max_children": .int(5)]])
    #expect(configuration.rules.first?.location.line == 5)
  }

  @Test func anEmptyFileChangesNothing() throws {
    #expect(try problems("").isEmpty)
    #expect(try problems("# only a comment\n").isEmpty)
  }

  @Test func everyProblemIsLocatedInTheFile() throws {
    #expect(try problems("orglint: 1\nlanguage: sv\n") == ["2:1: unknown key 'language' in the configuration"])
    #expect(
      try problems("rule_folder: [x]\n") == [
        "1:1: unknown key 'rule_folder' in the configuration; did you mean 'rule_folders'?"
      ])
    #expect(try problems("lang: de\n") == ["1:7: lang is 'de'; use sv, en"])
    #expect(try problems("fail_on: warn\n") == ["1:10: fail_on is 'warn'; use error, warning, info, never"])
    #expect(try problems("default_rules: yes\n") == ["1:16: default_rules must be true or false, found yes"])
    #expect(try problems("orglint: 2\n") == ["1:10: format version 2 is not supported; this orglint reads version 1"])
    #expect(try problems("rules: [span-of-control]\n") == ["1:8: rules must be a mapping, found a list"])
    #expect(
      try problems("rules:\n  span-of-control: loud\n")
        == ["2:20: the setting of rule 'span-of-control' is 'loud'; use off, on, error, warning, info"])
    #expect(
      try problems("rules:\n  span-of-control: { level: warning }\n")
        == ["2:22: unknown key 'level' in the setting of rule 'span-of-control'"])
    #expect(
      try problems("ignore: ['/']\n") == ["1:10: '/' is not a pattern orglint can match (an empty one, or '/' alone)"])
    #expect(
      try problems("lang: sv\nlang: en\n") == ["2:1: duplicate key 'lang' in the configuration (first given at line 1)"]
    )
    #expect(try problems("lang: [sv\n").first?.hasPrefix("2:1: ") == true)
  }

  @Test func theNearestFileAboveIsFound() throws {
    let folder = try Folder()
    try folder.write("lang: sv\n", to: ".orglint.yml")
    try folder.write("units: []\n", to: "a/b/org.yaml")
    let deep = folder.url.appendingPathComponent("a/b").path
    #expect(Configuration.find(from: deep) == deep + "/../../.orglint.yml")
    #expect(Configuration.find(from: folder.url.path) == folder.url.path + "/.orglint.yml")
    let bare = try Folder()
    try FileManager.default.createDirectory(
      at: bare.url.appendingPathComponent("x"), withIntermediateDirectories: true)
    // Above a fresh temporary folder there is no configuration (unless the
    // machine's temporary folder holds one, which the test would then show).
    #expect(Configuration.find(from: bare.url.appendingPathComponent("x").path) == nil)
  }

  @Test func ignorePatternsAreRelativeToTheConfigurationsFolder() throws {
    let folder = try Folder()
    let path = try folder.write("ignore: [drafts/, 'org/old-*.yaml']\n", to: ".orglint.yml")
    let configuration = try Configuration.read(path)
    let root = folder.url.path
    #expect(configuration.ignores(root + "/org/drafts/x.yaml"))
    #expect(configuration.ignores(root + "/org/old-2019.yaml"))
    #expect(!configuration.ignores(root + "/org/new.yaml"))
    #expect(!configuration.ignores(root + "/other/org/old-2019.yaml"))
    #expect(!configuration.ignores("/elsewhere/drafts/x.yaml"))
  }
}

@Suite struct RuleSettingsTests {
  let builtin = RuleLibrary.compile(RuleLibrary.builtinSources).rules

  private func check(_ text: String) throws -> [String] {
    try problems(text) { path throws(ConfigError) in
      try Configuration.read(path).checkRuleSettings(against: builtin)
    }
  }

  @Test func settingsOfRulesThatExistPass() throws {
    #expect(
      try check("rules:\n  span-of-control: { options: { max_children: 20 } }\n  headcount-sum: off\n").isEmpty)
    // An int where the default is a number with a fraction is fine.
    #expect(try check("rules:\n  similar-sibling-names: { options: { threshold: 1 } }\n").isEmpty)
  }

  @Test func unknownRulesOptionsAndTypesAreLocatedErrors() throws {
    #expect(
      try check("rules:\n  span-of-contrl: off\n") == [
        "2:3: no rule is called 'span-of-contrl'; did you mean 'span-of-control'?"
      ])
    #expect(
      try check("rules:\n  span-of-control: { options: { max: 3 } }\n")
        == ["2:33: rule 'span-of-control' has no option 'max'; it has max_children"])
    #expect(
      try check("rules:\n  span-of-control: { options: { max_childs: 3 } }\n")
        == ["2:33: rule 'span-of-control' has no option 'max_childs'; did you mean 'max_children'?"])
    #expect(
      try check("rules:\n  span-of-control: { options: { max_children: many } }\n")
        == [
          "2:33: option 'max_children' of rule 'span-of-control' must be a whole number like its default 12, found many"
        ])
    #expect(
      try check("rules:\n  duplicate-id: { options: { x: 1 } }\n") == [
        "2:30: rule 'duplicate-id' has no option 'x'; it has none"
      ])
  }

  @Test func configuredOptionsReachTheCompiledRule() throws {
    let (rules, errors) = RuleLibrary.compile(
      RuleLibrary.builtinSources, optionOverrides: ["span-of-control": ["max_children": .int(3)]])
    #expect(errors.isEmpty)
    let rule = try #require(rules.first { $0.id == "span-of-control" })
    #expect(rule.options.first { $0.name == "max_children" }?.value == .int(3))
  }
}
