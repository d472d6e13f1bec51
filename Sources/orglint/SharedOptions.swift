import ArgumentParser
import Foundation
import OrgRules
import OrgYAML

/// Where rules come from: the built-in ones and the user's folders.
struct RuleSourceOptions: ParsableArguments {
  @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of more rule files (repeatable).", valueName: "dir"))
  var ruleFolders: [String] = []

  @Flag(name: .customLong("no-default-rules"), help: "Use only the rules given with --rules.")
  var noDefaultRules = false

  func validate() throws {
    if noDefaultRules && ruleFolders.isEmpty {
      throw ValidationError("--no-default-rules needs at least one --rules folder")
    }
  }

  /// Every rule available (compiled), or the located errors that stop the run.
  func loadRules() throws(RuleLoadFailure) -> [Rule] {
    var sources = noDefaultRules ? [] : RuleLibrary.builtinSources
    do {
      for folder in ruleFolders { sources += try RuleLibrary.sources(inDirectory: folder) }
    } catch {
      throw RuleLoadFailure(fileErrors: [error])
    }
    let (rules, errors) = RuleLibrary.compile(sources)
    guard errors.isEmpty else { throw RuleLoadFailure(fileErrors: errors) }
    return rules
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

  /// The rules that run: on by default or enabled, and not disabled.
  func select(from rules: [Rule]) throws(RuleLoadFailure) -> [Rule] {
    let known = rules.map(\.id)
    let unknown = (enabled + disabled).filter { !known.contains($0) }
    guard unknown.isEmpty else {
      throw RuleLoadFailure(
        argumentErrors: unknown.map { id in
          "no rule is called '\(id)'" + (closestMatch(to: id, in: known).map { "; did you mean '\($0)'?" } ?? "")
        })
    }
    return rules.filter { (enabled.contains($0.id) || $0.enabledByDefault) && !disabled.contains($0.id) }
  }
}

/// Rule files or arguments that stop the run before any model is checked.
struct RuleLoadFailure: Error {
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

  var effectiveLanguage: Language {
    if let language { return language }
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
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
