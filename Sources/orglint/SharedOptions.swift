import ArgumentParser
import Foundation
import OrgDiagnostics
import OrgRules
import OrgYAML

/// Which rules run: the built-in ones, the user's folders, and what is
/// enabled or disabled by id.
struct RuleOptions: ParsableArguments {
  @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of more rule files (repeatable).", valueName: "dir"))
  var ruleFolders: [String] = []

  @Flag(name: .customLong("no-default-rules"), help: "Use only the rules given with --rules.")
  var noDefaultRules = false

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
    if noDefaultRules && ruleFolders.isEmpty {
      throw ValidationError("--no-default-rules needs at least one --rules folder")
    }
    if maxExpressionCost < 1 { throw ValidationError("--max-expression-cost must be at least 1") }
  }

  /// Every rule available (compiled), or the located errors that stop the run.
  func loadRules() throws(RuleLoadFailure) -> [Rule] {
    var sources = noDefaultRules ? [] : RuleLibrary.builtinSources
    do {
      for folder in ruleFolders { sources += try RuleLibrary.sources(inDirectory: folder) }
    } catch {
      throw RuleLoadFailure(errors: [error])
    }
    let (rules, errors) = RuleLibrary.compile(sources)
    guard errors.isEmpty else { throw RuleLoadFailure(errors: errors) }
    return rules
  }

  /// The rules that run: on by default or enabled, and not disabled.
  func selectRules(from rules: [Rule]) throws(RuleLoadFailure) -> [Rule] {
    let known = rules.map(\.id)
    var errors: [RuleError] = []
    for id in enabled + disabled where !known.contains(id) {
      let hint = closestMatch(to: id, in: known).map { "; did you mean '\($0)'?" } ?? ""
      errors.append(
        RuleError(
          message: "no rule is called '\(id)'\(hint)", location: Location(file: "<command line>", line: 1, column: 1)))
    }
    guard errors.isEmpty else { throw RuleLoadFailure(errors: errors) }
    return rules.filter { (enabled.contains($0.id) || $0.enabledByDefault) && !disabled.contains($0.id) }
  }
}

/// Rule or config files that stop the run before any model is checked.
struct RuleLoadFailure: Error {
  var errors: [RuleError]

  /// Prints every error, located, to standard error.
  func report() {
    for error in errors {
      if error.location.file == "<command line>" {
        printError("orglint: error: \(error.message)")
      } else {
        printError("\(error.location): error: \(error.message)")
      }
    }
  }
}

/// Language of messages, output format and destination.
struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("lang"), help: "Language of messages: sv or en (default: from LANG).")
  var language: Language?

  var effectiveLanguage: Language {
    if let language { return language }
    let environment = ProcessInfo.processInfo.environment
    let locale = environment["LC_ALL"] ?? environment["LC_MESSAGES"] ?? environment["LANG"] ?? ""
    return locale.hasPrefix("sv") ? .sv : .en
  }
}

enum Language: String, ExpressibleByArgument, CaseIterable {
  case sv, en
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
