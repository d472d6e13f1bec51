import ArgumentParser
import OrgConfig
import OrgModel
import OrgRules
import OrgYAML

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where settings come from: `.orglint.yml` in the working directory or the
/// nearest folder above it, another file, or none.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: .customLong("config"),
    help: ArgumentHelp("The configuration file (default: .orglint.yml found upward from here).", valueName: "file"))
  var path: String?

  @Flag(name: .customLong("no-config"), help: "Read no configuration file.")
  var noConfig = false

  func validate() throws {
    if noConfig && path != nil { throw ValidationError("--config and --no-config exclude each other") }
  }

  /// The configuration in effect, if any; a bad file stops the run.
  func load() throws(ConfigError) -> Configuration? {
    guard !noConfig, let path = path ?? Configuration.find() else { return nil }
    return try Configuration.read(path)
  }
}

/// Where rules come from: the built-in ones and the user's folders (those of
/// the configuration first, then those of --rules).
struct RuleSourceOptions: ParsableArguments {
  @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of more rule files (repeatable).", valueName: "dir"))
  var ruleFolders: [String] = []

  @Flag(name: .customLong("no-default-rules"), help: "Use only the rules given with --rules.")
  var noDefaultRules = false

  /// Every rule available (compiled, with the configuration's option values),
  /// or the located errors that stop the run.
  func loadRules(_ configuration: Configuration? = nil) throws -> [Rule] {
    let folders = (configuration?.ruleFolders ?? []) + ruleFolders
    let defaults = !noDefaultRules && configuration?.defaultRules != false
    guard defaults || !folders.isEmpty else {
      throw RuleLoadFailure(
        argumentErrors: [
          "no rules to run: without the default rules (--no-default-rules or default_rules: false) give a rule folder"
        ])
    }
    var sources = defaults ? RuleLibrary.builtinSources : []
    do {
      for folder in folders { sources += try RuleLibrary.sources(inDirectory: folder) }
    } catch {
      throw RuleLoadFailure(fileErrors: [error])
    }
    let (rules, errors) = RuleLibrary.compile(sources)
    guard errors.isEmpty else { throw RuleLoadFailure(fileErrors: errors) }
    guard let configuration else { return rules }
    try configuration.checkRuleSettings(against: rules)
    // Options are substituted when a rule is compiled: checked against the
    // rules' own, they compile again with the configured values.
    guard !configuration.optionOverrides.isEmpty else { return rules }
    let (configured, configuredErrors) = RuleLibrary.compile(sources, optionOverrides: configuration.optionOverrides)
    guard configuredErrors.isEmpty else { throw RuleLoadFailure(fileErrors: configuredErrors) }
    return configured
  }
}

/// Which of the available rules run, and how much an expression may cost.
struct RuleSelectionOptions: ParsableArguments {
  @Option(
    name: .customLong("enable"),
    help: ArgumentHelp("Run this rule, also one that is off by default (repeatable).", valueName: "id"))
  var enabled: [String] = []

  @Option(name: .customLong("disable"), help: ArgumentHelp("Do not run this rule (repeatable).", valueName: "id"))
  var disabled: [String] = []

  @Option(
    name: .customLong("max-expression-cost"),
    help: ArgumentHelp("Steps one rule expression may take on one unit.", valueName: "n"))
  var maxExpressionCost = OrgRules.Engine.defaultCostLimit

  func validate() throws {
    if maxExpressionCost < 1 { throw ValidationError("--max-expression-cost must be at least 1") }
  }

  /// The rules that run: --disable, then --enable, then the configuration,
  /// then the rule's own default decide.
  func select(from rules: [Rule], configuration: Configuration? = nil) throws(RuleLoadFailure) -> [Rule] {
    let known = rules.map(\.id)
    let unknown = (enabled + disabled).filter { !known.contains($0) }
    guard unknown.isEmpty else {
      throw RuleLoadFailure(
        argumentErrors: unknown.map { id in
          "no rule is called '\(id)'" + (closestMatch(to: id, in: known).map { "; did you mean '\($0)'?" } ?? "")
        })
    }
    let switched = configuration?.switchedRules ?? [:]
    return rules.filter { rule in
      !disabled.contains(rule.id) && (enabled.contains(rule.id) || (switched[rule.id] ?? rule.enabledByDefault))
    }
  }
}

/// A failure before any model is checked, reported on standard error and
/// located wherever a file is at fault; the run ends with exit status 2.
protocol StartupFailure: Error {
  func report()
}

/// Runs what must succeed before any model is checked; a failure is
/// reported and ends the run with exit status 2.
func startup<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let failure as StartupFailure {
    failure.report()
    throw ExitStatus.cannotRun
  }
}

extension ConfigError: StartupFailure {
  func report() {
    for problem in problems { printError("\(problem.location): error: \(problem.message)") }
  }
}

extension FileError: StartupFailure {
  func report() { printError("\(path): error: \(message)") }
}

/// Rule files or arguments that stop the run before any model is checked.
struct RuleLoadFailure: StartupFailure {
  var fileErrors: [RuleError] = []
  var argumentErrors: [String] = []

  /// Prints every error to standard error, located where a file is at fault.
  func report() {
    for error in fileErrors { printError("\(error.location): error: \(error.message)") }
    for message in argumentErrors { printError("orglint: error: \(message)") }
  }
}

/// Language of messages, output format and destination.
struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("lang"), help: "Language of messages: sv or en (default: from LANG).")
  var language: Language?

  /// --lang, else the configuration's `lang`, else the locale.
  func effectiveLanguage(configured: String? = nil) -> Language {
    if let language { return language }
    if let configured = configured.flatMap(Language.init) { return configured }
    // The POSIX order; an empty variable counts as unset.
    let environment = ProcessInfo.processInfo.environment
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    return locale.hasPrefix("sv") ? .sv : .en
  }
}

enum Language: String, ExpressibleByArgument, CaseIterable {
  case sv, en
}

func printError(_ text: String) {
  Files.write(text + "\n", descriptor: Files.standardError)
}
