import OrgDiagnostics
import OrgModel
import OrgYAML

/// Where rules come from: the built-in rule files (embedded in the binary so
/// that an installed orglint finds them anywhere) and the user's folders.
public enum RuleLibrary {
  /// The built-in rule files, as `RuleSource`s named `rules/GROUP/FILE.yaml`.
  public static var builtinSources: [RuleSource] {
    BuiltinRuleFiles.files.map { file in
      let group = file.path.split(separator: "/").dropFirst().first.map(String.init) ?? "core"
      return RuleSource(path: file.path, group: group, bytes: Array(file.text.utf8))
    }
  }

  /// Every `*.yaml`/`*.yml` below `directory`, in sorted path order; the group
  /// of a file is its first folder below `directory` (or the folder's name).
  public static func sources(inDirectory directory: String) throws(RuleError) -> [RuleSource] {
    guard Files.kind(of: directory) == .folder else {
      throw RuleError(
        message: "rule folder '\(directory)' does not exist", location: Location(file: directory, line: 1, column: 1))
    }
    let files: [String]
    do { files = try Files.yamlFiles(below: directory) } catch {
      throw RuleError(message: "rule folder \(error.message)", location: Location(file: error.path, line: 1, column: 1))
    }
    var result: [RuleSource] = []
    for relative in files {
      let path = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
      let bytes: [UInt8]
      do { bytes = try Files.read(path) } catch {
        throw RuleError(message: "cannot read rule file", location: Location(file: path, line: 1, column: 1))
      }
      let components = relative.split(separator: "/")
      let group = components.count > 1 ? String(components[0]) : Files.name(of: directory)
      result.append(RuleSource(path: path, group: group, bytes: bytes))
    }
    return result
  }

  /// Compiles sources; a rule id defined twice is an error at the second.
  public static func compile(
    _ sources: [RuleSource], optionOverrides: [String: [String: DataValue]] = [:]
  ) -> (rules: [Rule], errors: [RuleError]) {
    var compiler = RuleCompiler(optionOverrides: optionOverrides)
    var rules: [Rule] = []
    var errors: [RuleError] = []
    var seen: [String: Location] = [:]
    for source in sources {
      guard let rule = compiler.compile(source) else { continue }
      if let first = seen[rule.id] {
        errors.append(RuleError(message: "rule '\(rule.id)' is already defined at \(first)", location: rule.location))
        continue
      }
      seen[rule.id] = rule.location
      rules.append(rule)
    }
    let all = (compiler.errors + errors).sorted { $0.location < $1.location }
    return (rules, all)
  }
}
