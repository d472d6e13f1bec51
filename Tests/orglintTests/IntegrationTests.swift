import Foundation
import OrgReport
import OrgYAML
import Testing

@testable import orglint

/// The integrations (docs/integrations.md) as far as this machine can test
/// them: each file is well-formed YAML with the keys its tool needs, and
/// every orglint command line in it is one orglint accepts.
@Suite struct IntegrationTests {
  /// Report formats the contract names for `check --format`; those this
  /// build does not have yet are parsed with `json` in their place.
  static let contractFormats = ["text", "json", "sarif", "junit", "github", "markdown", "html"]

  static func load(_ path: String) throws -> DataValue {
    let url = CLI.root.appendingPathComponent(path)
    let tree = try YAMLParser.parse(Array(try Data(contentsOf: url)), file: path)
    var reader = TreeReader(tree: tree)
    let document = try #require(tree.documents.first, "\(path) is empty")
    let value = reader.data(document, path)
    #expect(reader.diagnostics.isEmpty, "\(path): \(reader.diagnostics.map(\.message))")
    return try #require(value, "\(path) cannot be read")
  }

  /// The orglint command lines in `text` (lines starting with `orglint check`),
  /// with `$NAME` and `${NAME}` replaced from `variables`, as arguments.
  static func commands(in text: String, variables: [String: String] = [:]) -> [[String]] {
    text.split(separator: "\n").compactMap { line in
      var line = String(line).trimmingCharacters(in: .whitespaces)
      guard line.hasPrefix("orglint ") else { return nil }
      for (name, value) in variables {
        line = line.replacingOccurrences(of: "${\(name)}", with: value).replacingOccurrences(
          of: "$\(name)", with: value)
      }
      #expect(!line.contains("$"), "a variable left in: \(line)")
      return line.split(separator: " ").dropFirst().map(String.init)
    }
  }

  /// Why orglint would refuse `arguments` (parsed and validated as the
  /// binary does), or nil; a contract format this build lacks is read as json.
  static func invocationProblem(_ arguments: [String]) -> String? {
    var parsed = arguments
    if let index = parsed.firstIndex(of: "--format"), index + 1 < parsed.count {
      let format = parsed[index + 1]
      guard contractFormats.contains(format) else { return "--format \(format) is not a format of the contract" }
      if ReportFormat(rawValue: format) == nil { parsed[index + 1] = "json" }
    }
    do {
      _ = try Orglint.parseAsRoot(parsed)
      return nil
    } catch {
      return Orglint.message(for: error)
    }
  }

  static func expectValidInvocation(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let problem = invocationProblem(arguments)
    #expect(problem == nil, "orglint \(arguments.joined(separator: " "))", sourceLocation: sourceLocation)
  }

  static func output(of arguments: [String]) -> String? {
    arguments.firstIndex(of: "--output").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
  }

  @Test func preCommitHooks() throws {
    guard case .list(let hooks) = try Self.load(".pre-commit-hooks.yaml") else {
      Issue.record("not a list of hooks")
      return
    }
    #expect(hooks.count == 2)
    for hook in hooks {
      let keys = Set(hook.keys)
      #expect(keys.isSuperset(of: ["id", "name", "entry", "language", "files", "pass_filenames"]), "\(keys)")
      #expect(["swift", "system"].contains(hook["language"]?.text), "\(hook["language"] ?? .null)")
      #expect(hook["pass_filenames"] == .bool(false), "a model is checked whole, not file by file")
      let files = try NSRegularExpression(pattern: try #require(hook["files"]?.text))
      func matches(_ name: String) -> Bool {
        files.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
      }
      #expect(matches("organisation.yaml") && matches("divisioner/nara.yml") && !matches("README.md"))
      let entry = try #require(hook["entry"]?.text)
      let commands = Self.commands(in: entry + " organisation")
      #expect(commands.count == 1)
      commands.forEach { Self.expectValidInvocation($0) }
    }
    #expect(Set(hooks.compactMap { $0["id"]?.text }) == ["orglint", "orglint-system"])
  }

  @Test func githubActionsUploadsSARIF() throws {
    let workflow = try Self.load("docs/ci/github-actions.yml")
    #expect(workflow["permissions"]?["security-events"]?.text == "write")
    let variables = (workflow["env"]?.pairs ?? []).compactMap { pair in pair.value.text.map { (pair.key, $0) } }
    guard case .map(let jobs)? = workflow["jobs"], let job = jobs.first?.value, case .list(let steps)? = job["steps"]
    else {
      Issue.record("no job with steps")
      return
    }
    #expect(steps.contains { $0["uses"]?.text?.hasPrefix("actions/checkout@") == true })
    #expect(steps.contains { $0["run"]?.text?.contains("libyaml-dev") == true })
    let commands = steps.flatMap { step in
      Self.commands(in: step["run"]?.text ?? "", variables: Dictionary(uniqueKeysWithValues: variables))
    }
    #expect(commands.count == 1)
    commands.forEach { Self.expectValidInvocation($0) }
    let check = try #require(commands.first)
    #expect(check.starts(with: ["check"]) && check.contains("sarif"))
    let upload = try #require(steps.first { $0["uses"]?.text?.hasPrefix("github/codeql-action/upload-sarif@") == true })
    #expect(upload["if"]?.text?.contains("always()") == true, "the findings are uploaded also when the check fails")
    #expect(upload["with"]?["sarif_file"]?.text == Self.output(of: check))
  }

  @Test func gitlabCIReportsJUnit() throws {
    let pipeline = try Self.load("docs/ci/gitlab-ci.yml")
    guard case .map(let jobs) = pipeline, let job = jobs.first?.value else {
      Issue.record("no job")
      return
    }
    let variables = (job["variables"]?.pairs ?? []).compactMap { pair in pair.value.text.map { (pair.key, $0) } }
    guard case .list(let script)? = job["script"] else {
      Issue.record("no script")
      return
    }
    let commands = script.flatMap {
      Self.commands(in: $0.text ?? "", variables: Dictionary(uniqueKeysWithValues: variables))
    }
    #expect(commands.count == 1)
    commands.forEach { Self.expectValidInvocation($0) }
    let check = try #require(commands.first)
    #expect(check.starts(with: ["check"]) && check.contains("junit"))
    #expect(job["artifacts"]?["when"]?.text == "always", "the report is kept also when the check fails")
    #expect(job["artifacts"]?["reports"]?["junit"]?.text == Self.output(of: check))
  }

  /// The test itself: a command line orglint does not accept is caught.
  @Test func aWrongCommandLineIsCaught() {
    #expect(Self.invocationProblem(["check", "organisation", "--format", "sarif", "--output", "x.sarif"]) == nil)
    #expect(
      Self.invocationProblem(["check", "--format", "sarif", "--fail-on", "sometimes"])?.contains("sometimes") == true)
    #expect(Self.invocationProblem(["check", "--format", "pdf"]) != nil)
    #expect(Self.invocationProblem(["chek", "organisation"]) != nil)
  }
}

extension DataValue {
  subscript(key: String) -> DataValue? {
    guard case .map(let pairs) = self else { return nil }
    return pairs.first { $0.key == key }?.value
  }

  var pairs: [(key: String, value: DataValue)]? {
    guard case .map(let pairs) = self else { return nil }
    return pairs
  }

  var keys: [String] { pairs?.map(\.key) ?? [] }

  var text: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }
}
