import ArgumentParser
import OrgConfig
import OrgReport
import OrgRules
import OrgYAML

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List the rules, explain one, or run their examples.",
    subcommands: [RulesListCommand.self, RulesTestCommand.self],
    defaultSubcommand: RulesListCommand.self)
}

struct RulesListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the rules, or explain one with its examples.")

  @Argument(help: "A rule id to explain.")
  var id: String?

  @Option(help: "Output format: text, json or markdown (the page docs/rules.md).")
  var format: ListFormat = .text

  @OptionGroup var config: ConfigOptions
  @OptionGroup var rules: RuleSourceOptions
  @OptionGroup var out: OutputOptions

  enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

  func run() throws {
    let (available, configuration) = try startup {
      let configuration = try config.load()
      return (try rules.loadRules(configuration), configuration)
    }
    let language = out.effectiveLanguage(configured: configuration?.language).rawValue
    let catalogue = RuleCatalogue(language: language, configuration: configuration)
    guard let id else {
      switch format {
      case .text: print(catalogue.table(available), terminator: "")
      case .json: print(catalogue.json(available), terminator: "")
      case .markdown: print(catalogue.markdown(available), terminator: "")
      }
      return
    }
    guard let rule = available.first(where: { $0.id == id }) else {
      let hint = closestMatch(to: id, in: available.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
      printError("orglint: error: no rule is called '\(id)'\(hint)")
      throw ExitStatus.cannotRun
    }
    switch format {
    case .text: print(catalogue.explain(rule), terminator: "")
    case .json: print(catalogue.json([rule]), terminator: "")
    case .markdown: print(catalogue.markdown([rule]), terminator: "")
    }
  }
}

struct RulesTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run every rule's own examples; fail on a rule whose examples do not behave.",
    discussion: "With DIR, tests the rules in that folder (and the built-in rules unless --no-default-rules).")

  @Argument(help: "A folder of rule files to test.")
  var directory: String?

  @Flag(name: .customLong("no-default-rules"), help: "Test only the rules in DIR.")
  var noDefaultRules = false

  func run() throws {
    var options = RuleSourceOptions()
    options.ruleFolders = directory.map { [$0] } ?? []
    options.noDefaultRules = noDefaultRules && directory != nil
    // Without the configuration: its option values would change what the
    // examples expect.
    let available = try startup { try options.loadRules() }
    var examples = 0
    var failing = Set<String>()  // examples, by location
    for rule in available {
      examples += rule.examples.count
      for failure in rule.testExamples(companions: available) {
        failing.insert(failure.location.description)
        print("\(failure.location): error: \(failure.message) [\(failure.rule)]")
      }
      if rule.examples.isEmpty {
        print("\(rule.location): warning: rule '\(rule.id)' has no examples [\(rule.id)]")
      }
    }
    print("rules test: \(available.count) rule\(available.count == 1 ? "" : "s"), \(examples) examples")
    print("\(examples - failing.count) passed, \(failing.count) failed")
    if !failing.isEmpty { throw ExitStatus.findings }
  }
}
