import OrgDiagnostics
import OrgModel
import OrgYAML
import Testing

@testable import OrgRules

/// The repository root, found from this file, for tests that read rules/.
let repositoryRoot = URLPath(#filePath).removingLast(3)

struct URLPath {
  var path: String
  init(_ path: String) { self.path = path }
  func removingLast(_ count: Int) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).dropLast(count).joined(separator: "/")
  }
}

/// Builds a model from YAML text (one file named `org.yaml`).
func model(_ yaml: String, file: String = "org.yaml") throws -> (Model, [Diagnostic]) {
  var builder = ModelBuilder()
  builder.add(try YAMLParser.parse(Array(yaml.utf8), file: file))
  return builder.finish()
}

/// Compiles one rule from YAML text; fails the test on a compile error.
func rule(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Rule {
  let (rules, errors) = RuleLibrary.compile([RuleSource(path: "rule.yaml", group: "test", bytes: Array(yaml.utf8))])
  #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.message)" })", sourceLocation: sourceLocation)
  return try #require(rules.first, sourceLocation: sourceLocation)
}

/// The errors compiling a rule gives.
func ruleErrors(_ yaml: String) -> [RuleError] {
  RuleLibrary.compile([RuleSource(path: "rule.yaml", group: "test", bytes: Array(yaml.utf8))]).errors
}

/// Runs rules over a model given as YAML; the model must load cleanly.
func findings(
  _ rules: [Rule], _ yaml: String, language: String = "en", sourceLocation: SourceLocation = #_sourceLocation
)
  throws -> [Diagnostic]
{
  let (model, loaderDiagnostics) = try model(yaml)
  #expect(loaderDiagnostics.isEmpty, "\(loaderDiagnostics.map(\.message))", sourceLocation: sourceLocation)
  return try Engine.run(
    rules, on: model, settings: Engine.Settings(language: language), knownRuleIDs: Set(rules.map(\.id)))
}

/// A rule with one check and a message listing the given variables.
func ruleWith(_ check: String, select: String = "", message: String = "{self.id}", options: String = "") -> String {
  """
  id: test-rule
  title: Test
  message: "\(message)"
  \(options)
  \(select)
  check:
    \(check)
  """
}

/// The built-in rules, compiled.
func builtinRules() -> [Rule] {
  let (rules, errors) = RuleLibrary.compile(RuleLibrary.builtinSources)
  precondition(errors.isEmpty, "\(errors)")
  return rules
}
