import OrgDiagnostics
import OrgModel
import OrgYAML

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A problem with a configuration or baseline file, located in it; any one
/// stops the run (exit 2) before a model is checked.
public struct ConfigError: Error, Sendable {
  public var problems: [(message: String, location: Location)]

  init(_ message: String, at location: Location) { problems = [(message, location)] }
  init(problems: [(message: String, location: Location)]) { self.problems = problems }

  /// The located tree of a settings file (`what` names it in the error when
  /// it cannot be read); malformed YAML is an error at libyaml's place.
  static func tree(of path: String, _ what: String) throws(ConfigError) -> YAMLTree {
    let bytes: [UInt8]
    do { bytes = try Files.read(path) } catch {
      throw ConfigError("cannot read \(what)", at: Location(file: path, line: 1, column: 1))
    }
    do { return try YAMLParser.parse(bytes, file: path) } catch {
      throw ConfigError(error.message, at: error.location)
    }
  }
}

/// A team's settings for a repository, from `.orglint.yml`: which rules run
/// and how, which files are left out, and the defaults of some flags.
/// Command-line flags override everything here.
public struct Configuration: Sendable {
  /// The file's own name; the loader skips it in directory models.
  public static let fileName = ModelLoader.configFileName
  /// Every key, in the order of the documentation.
  public static let keys = [
    "orglint", "rule_folders", "default_rules", "rules", "ignore", "lang", "fail_on", "baseline",
  ]

  /// The path the configuration was read from.
  public var path: String
  /// Folders of more rules, as paths from the working directory.
  public var ruleFolders: [String] = []
  /// False to run only the rules of `ruleFolders`.
  public var defaultRules: Bool?
  public var rules: [RuleSetting] = []
  public var ignore: [IgnorePattern] = []
  public var language: String?
  public var failOn: String?
  /// The baseline file, as a path from the working directory.
  public var baseline: String?

  public static let languages = ["sv", "en"]
  public static let failOnValues = ["error", "warning", "info", "never"]

  init(path: String) { self.path = path }

  /// The configuration file in `directory` or the nearest folder above it;
  /// nil when there is none. The path is relative when `directory` is.
  public static func find(from directory: String = ".") -> String? {
    var folder = URL(fileURLWithPath: directory).standardizedFileURL
    var relative = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
    while true {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent(fileName).path) {
        return relative + fileName
      }
      let parent = folder.deletingLastPathComponent()
      guard parent.path != folder.path else { return nil }
      folder = parent
      relative += "../"
    }
  }

  /// Reads and checks a configuration file: every problem is reported, each
  /// at its place in the file.
  public static func read(_ path: String) throws(ConfigError) -> Configuration {
    let tree = try ConfigError.tree(of: path, "the configuration file")
    var reader = ConfigReader(reader: TreeReader(tree: tree), configuration: Configuration(path: path))
    reader.read()
    let problems = reader.problems + reader.reader.diagnostics.map { ($0.message, $0.location) }
    guard problems.isEmpty else { throw ConfigError(problems: problems.sorted { $0.location < $1.location }) }
    return reader.configuration
  }

  /// A path written in the file, as a path from the working directory: the
  /// file's paths are relative to the folder it is in.
  func resolve(_ written: String) -> String {
    guard !written.hasPrefix("/") else { return written }
    let folder = Files.folder(of: path)
    return folder.isEmpty ? written : folder + "/" + written
  }

  /// Whether `file` (a path from the working directory) is left out by an
  /// `ignore` pattern, matched against its path from the configuration's folder.
  public func ignores(_ file: String) -> Bool {
    guard !ignore.isEmpty else { return false }
    let folder = URL(fileURLWithPath: Files.folder(of: path)).standardizedFileURL.path
    var relative = URL(fileURLWithPath: file).standardizedFileURL.path
    guard relative.hasPrefix(folder + "/") || folder == "/" else { return false }
    relative.removeFirst(folder == "/" ? 1 : folder.count + 1)
    return ignore.contains { $0.matches(relative) }
  }
}

/// What the configuration says about one rule.
public struct RuleSetting: Sendable {
  public var id: String
  /// True to run it (also when off by default), false to skip it.
  public var enabled: Bool?
  public var severity: Severity?
  public var options: [(name: String, value: DataValue, location: Location)] = []
  /// Where the rule's id is written.
  public var location: Location

  package static let keys = ["enabled", "severity", "options"]
  /// The short forms: `off`, `on`, or a severity (which also turns it on).
  package static let shortForms = ["off", "on"] + Severity.mostSevereFirst.map(\.rawValue)
}

/// Reads the tree of a configuration file into a `Configuration`.
private struct ConfigReader {
  var reader: TreeReader
  var configuration: Configuration
  var problems: [(message: String, location: Location)] = []

  var tree: YAMLTree { reader.tree }

  mutating func fail(_ message: String, at node: NodeID) { problems.append((message, tree.location(node))) }

  mutating func read() {
    guard tree.documents.count <= 1 else {
      fail("a configuration file holds one document", at: tree.documents[1])
      return
    }
    // An empty file is a configuration that changes nothing.
    guard let document = tree.documents.first, tree.kind(document) != .scalar || !tree.text(document).isEmpty else {
      return
    }
    guard let fields = reader.fields(of: document, "the configuration", allowed: Configuration.keys) else { return }
    for field in fields {
      switch field.key {
      case "orglint":
        if let version = reader.wholeNumber(field.value, "orglint"), version != 1 {
          fail("format version \(version) is not supported; this orglint reads version 1", at: field.value)
        }
      case "rule_folders":
        configuration.ruleFolders = (reader.oneOrMany(field.value, "rule_folders") ?? []).map {
          configuration.resolve($0.0)
        }
      case "default_rules":
        configuration.defaultRules = reader.bool(field.value, "default_rules")
      case "rules":
        for pair in reader.fields(of: field.value, "rules") ?? [] { readRule(pair) }
      case "ignore":
        for (text, node) in reader.oneOrMany(field.value, "ignore") ?? [] {
          if let pattern = IgnorePattern(text) {
            configuration.ignore.append(pattern)
          } else {
            fail("'\(text)' is not a pattern orglint can match (an empty one, or '/' alone)", at: node)
          }
        }
      case "lang":
        configuration.language = choice(field.value, "lang", Configuration.languages)
      case "fail_on":
        configuration.failOn = choice(field.value, "fail_on", Configuration.failOnValues)
      default:  // "baseline"; fields(of:allowed:) has rejected unknown keys
        configuration.baseline = reader.text(field.value, "baseline").map(configuration.resolve)
      }
    }
  }

  private mutating func choice(_ node: NodeID, _ what: String, _ values: [String]) -> String? {
    guard let text = reader.text(node, what) else { return nil }
    guard values.contains(text) else {
      let hint = closestMatch(to: text, in: values).map { "; did you mean '\($0)'?" } ?? ""
      fail("\(what) is '\(text)'; use \(values.joined(separator: ", "))\(hint)", at: node)
      return nil
    }
    return text
  }

  /// `id: off|on|error|warning|info`, or `id: {enabled:, severity:, options:}`.
  private mutating func readRule(_ pair: TreeReader.Field) {
    var setting = RuleSetting(id: pair.key, location: tree.location(pair.keyNode))
    let what = "the setting of rule '\(pair.key)'"
    guard let value = reader.resolve(pair.value) else { return }
    if tree.kind(value) == .scalar {
      guard let text = choice(value, what, RuleSetting.shortForms) else { return }
      setting.enabled = text != "off"
      setting.severity = Severity(rawValue: text)
    } else {
      for field in reader.fields(of: value, what, allowed: RuleSetting.keys) ?? [] {
        switch field.key {
        case "enabled":
          setting.enabled = reader.bool(field.value, "enabled")
        case "severity":
          setting.severity = choice(field.value, "severity", Severity.mostSevereFirst.map(\.rawValue)).flatMap(
            Severity.init)
        default:  // "options"
          for option in reader.fields(of: field.value, "options of rule '\(pair.key)'") ?? [] {
            guard let data = reader.data(option.value, "option '\(option.key)'") else { continue }
            setting.options.append((option.key, data, tree.location(option.keyNode)))
          }
        }
      }
    }
    configuration.rules.append(setting)
  }
}
