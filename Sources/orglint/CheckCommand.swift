import ArgumentParser
import OrgConfig
import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgReport
import OrgRules

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check organisation files and directories against the rules.",
    discussion: """
      Each directory is one model (every *.yaml/*.yml below it); all files named \
      directly form one model together.
      """)

  @Argument(help: "Organisation files and directories.")
  var paths: [String] = ["."]

  @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ReportFormat = .text

  @Option(
    help: ArgumentHelp("Write the report to this file (whole or not at all) instead of stdout.", valueName: "file"))
  var output: String?

  @Option(
    name: .customLong("fail-on"),
    help: "Lowest severity that makes the exit status 1: error (default), warning, info or never.")
  var failOn: FailOn?

  @Flag(
    name: .customLong("new-only"),
    help: "For proposals: report only what the proposal introduces, not what its base already had.")
  var newOnly = false

  @Option(
    help: ArgumentHelp(
      "Known findings not to report again (default: the configuration's baseline).", valueName: "file"))
  var baseline: String?

  @Option(
    name: .customLong("write-baseline"),
    help: ArgumentHelp("Record today's findings in this file; they are then not reported.", valueName: "file"))
  var writeBaseline: String?

  @Flag(help: "Print the seconds each stage (read, model, rules, output) and each rule took to standard error.")
  var timings = false

  @OptionGroup var config: ConfigOptions
  @OptionGroup var rules: RuleSourceOptions
  @OptionGroup var selection: RuleSelectionOptions
  @OptionGroup var out: OutputOptions

  enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? { Severity(rawValue: rawValue) }
  }

  func run() throws {
    let setup = try CheckSetup(paths: paths, config: config, rules: rules, selection: selection, out: out)
    // A baseline about to be rewritten is not read: it may not exist yet.
    let accepted = try startup {
      try (writeBaseline == nil ? baseline ?? setup.configuration?.baseline : nil).map(Baseline.read)
    }
    let configuration = setup.configuration
    let language = setup.language
    // Only the formats that draw the organisation keep the models checked.
    let clock = timings ? RuleClock() : nil
    var run = try setup.check(
      costLimit: selection.maxExpressionCost, showBaseline: !newOnly, charts: format.needsCharts, clock: clock)
    let severities = setup.severities
    let found = run.findings(available: setup.available, severities: severities)
    let diagnostics = try settle(found, with: accepted)
    let (files, units, cannotRun) = (run.files.count, run.units, run.cannotRun)

    var report = Report(
      diagnostics: diagnostics, files: files, units: units, rules: run.ruleDescriptions(severities: severities))
    // When nothing could be checked, standard error has said why; an empty
    // report for people (text, or GitHub's log) would only read as "no
    // findings". Programs still get their (empty) JSON, SARIF or JUnit.
    if !(cannotRun && diagnostics.isEmpty && [.text, .github].contains(format)) {
      let charts = run.charts
      try run.times.measure("output") {
        if let charts { report.models = charts.models(for: report) }
        try emit(report, language: language)
      }
    }
    if timings {
      let total = run.times.stages.reduce(0) { $0 + $1.seconds }
      let lines = run.times.stages + [("total", total)] + (clock?.rules ?? []).map { ("rule " + $0.rule, $0.seconds) }
      for (label, seconds) in lines {
        printError("timing: \(label) \(threeDecimals(seconds)) s")
      }
    }
    if cannotRun { throw ExitStatus.cannotRun }
    let threshold = (failOn ?? configuration?.failOn.flatMap(FailOn.init) ?? .error).severity
    if let threshold, report.diagnostics.contains(where: { $0.severity >= threshold }) {
      throw ExitStatus.findings
    }
  }

  /// Applies the baseline: records today's findings (--write-baseline) or
  /// leaves out the accepted ones, and says on standard error which accepted
  /// findings are gone. yaml-syntax is never accepted: it stops the run.
  private func settle(_ diagnostics: [Diagnostic], with accepted: Baseline?) throws -> [Diagnostic] {
    let syntax = diagnostics.filter { $0.rule == LoaderRule.yamlSyntax }
    let findings = diagnostics.filter { $0.rule != LoaderRule.yamlSyntax }
    if let path = writeBaseline {
      try OutputWriter.write(Baseline(recording: findings, at: path).json(), to: path, what: "the baseline")
      printError("\(path): note: recorded \(findings.count) finding\(findings.count == 1 ? "" : "s") as the baseline")
      return syntax
    }
    guard let accepted else { return diagnostics }
    let (new, gone) = accepted.filter(findings)
    let matched = findings.count - new.count
    if matched > 0 {
      printError("orglint: note: \(matched) finding\(matched == 1 ? "" : "s") of the baseline not reported")
    }
    for entry in gone {
      printError(
        "\(entry.position ?? Location(file: "baseline", line: 1, column: 1)): note: gone from \(entry.file): \(entry.message) [\(entry.rule)]; prune the baseline with --write-baseline"
      )
    }
    return syntax + new
  }

  private func emit(_ report: Report, language: Language) throws {
    let text: String
    switch format {
    case .text:
      // no-color.org: NO_COLOR set to a non-empty value turns colour off.
      let noColour = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
      let colour = output == nil && Files.isTerminal(Files.standardOutput) && !noColour
      text = TextFormatter(colour: colour, sourceLine: SourceLines().line).format(report)
    case .json:
      text = JSONFormatter().format(report)
    case .sarif:
      text = SARIFFormatter(toolVersion: Orglint.configuration.version).format(report)
    case .junit:
      text = JUnitFormatter().format(report)
    case .github:
      text = GitHubFormatter().format(report)
    case .markdown:
      text = MarkdownFormatter(language: language.rawValue).format(report)
    case .html:
      text = HTMLFormatter(language: language.rawValue, version: Orglint.configuration.version).format(report)
    }
    try OutputWriter.write(text, to: output)
  }
}

extension ReportFormat: ExpressibleByArgument {}

/// What `check` and `graph` do alike: read the configuration, the rules and
/// the paths (a failure is exit status 2 before anything is checked), then
/// check every model.
struct CheckSetup {
  let configuration: Configuration?
  let available: [Rule]
  let active: [Rule]
  let inputs: Inputs
  let language: Language
  /// The first model, read while the rules compiled.
  let firstModel: Result<LoadedModel, FileError>?

  init(
    paths: [String], config: ConfigOptions, rules: RuleSourceOptions, selection: RuleSelectionOptions,
    out: OutputOptions
  ) throws {
    (configuration, available, active, inputs, firstModel) = try startup {
      let configuration = try config.load()
      // The rules compile on one core while the first model is read on the
      // other: a few milliseconds off every run, a sixth of a 10,000-unit
      // check. Their errors still come first (nothing is said about a model
      // until the rules are known to be good); a run whose rules fail has
      // read its first model for nothing.
      let compiling = Background { Result { try rules.loadRules(configuration) } }
      let collected = Result { () throws(FileError) in try Inputs.collect(paths, configuration: configuration) }
      let firstModel = (try? collected.get())?.models.first.map { first in
        Result { () throws(FileError) in try ModelLoader.load(first.files) }
      }
      let available = try compiling.value().get()
      let active = try selection.select(from: available, configuration: configuration)
      return (configuration, available, active, try collected.get(), firstModel)
    }
    language = out.effectiveLanguage(configured: configuration?.language)
  }

  var severities: [String: Severity] { configuration?.severities ?? [:] }

  /// Checks every model; `charts` keeps them for the formats that draw them.
  func check(costLimit: Int, showBaseline: Bool, charts: Bool, clock: RuleClock? = nil) throws -> Run {
    var run = Run(
      active: active, known: Set(available.map(\.id)), showBaseline: showBaseline,
      settings: Engine.Settings(language: language.rawValue, costLimit: costLimit, clock: clock))
    if charts { run.charts = ChartSources() }
    for (index, input) in inputs.models.enumerated() {
      try run.checkModel(input, loaded: index == 0 ? firstModel : nil)
    }
    return run
  }
}

/// One `check` run: what was found and counted across models and proposals.
struct Run {
  let active: [Rule]
  let known: Set<String>
  let showBaseline: Bool
  let settings: Engine.Settings
  var diagnostics: [Diagnostic] = []
  /// Every file read, once: a proposal's base may also be checked on its own.
  var files = Set<String>()
  var units = 0
  var times = StageTimes()
  /// Something could not be checked (exit 2): malformed YAML, a bad base, no units.
  var cannotRun = false
  /// The models and proposals checked, kept only for the formats that draw them.
  var charts: ChartSources?

  init(active: [Rule], known: Set<String>, showBaseline: Bool, settings: Engine.Settings) {
    self.active = active
    self.known = known
    self.showBaseline = showBaseline
    self.settings = settings
  }

  /// The findings as reported: a disabled rule is silent whoever reports it
  /// (the loader reports invalid-document; yaml-syntax cannot be silenced:
  /// nothing was read), and the configuration's severities apply.
  func findings(available: [Rule], severities: [String: Severity]) -> [Diagnostic] {
    let disabled = Set(available.map(\.id)).subtracting(active.map(\.id)).subtracting([LoaderRule.yamlSyntax])
    return diagnostics.filter { !disabled.contains($0.rule) }.map { diagnostic in
      var configured = diagnostic
      configured.severity = severities[diagnostic.rule] ?? diagnostic.severity
      return configured
    }
  }

  /// The rules that ran, as reports describe them.
  func ruleDescriptions(severities: [String: Severity]) -> [RuleDescription] {
    active.map {
      RuleDescription(
        id: $0.id, title: $0.title, description: $0.description, severity: severities[$0.id] ?? $0.severity)
    }
  }

  mutating func checkModel(_ input: Inputs.ModelFiles, loaded read: Result<LoadedModel, FileError>? = nil) throws {
    let loaded: LoadedModel
    do {
      loaded = try (read ?? Result { () throws(FileError) in try ModelLoader.load(input.files) }).get()
    } catch {
      error.report()
      throw ExitStatus.cannotRun
    }
    times.add(loaded.times)
    files.formUnion(input.files.filter { !loaded.proposals.contains($0) })
    units += loaded.model.units.count
    diagnostics += loaded.diagnostics
    cannotRun = cannotRun || loaded.hasSyntaxError
    let chartSlot = charts?.count
    for proposal in loaded.proposals { try checkProposal(proposal) }
    guard !loaded.model.units.isEmpty else {
      if !loaded.hasSyntaxError && loaded.proposals.count < input.files.count {
        printError("\(input.label): error: no unit found; nothing was checked")
        cannotRun = true
      }
      return
    }
    let model = loaded.model
    let start = ContinuousClock.now
    let found = try evaluating { () throws(EvaluationFailure) in
      try Engine.run(active, on: model, settings: settings, knownRuleIDs: known)
    }
    diagnostics += found
    times.add("rules", start.duration(to: .now))
    charts?.insert(.model(label: input.label, model: model), produced: loaded.diagnostics + found, at: chartSlot)
    // Freeing a million units one by one takes longer than checking some
    // rules; the process ends soon, so the model is kept until exit (as
    // compilers do with their syntax trees).
    KeptUntilExit.keep(model)
  }

  /// A proposal is checked on its own base: the result, the transition, and
  /// what each change introduced.
  mutating func checkProposal(_ path: String) throws {
    let loaded: LoadedProposal
    do {
      loaded = try ProposalLoader.load(path)
    } catch {
      switch error {
      case .syntax(let diagnostic): diagnostics.append(diagnostic)
      case .cannotLoad(let message, let location): printError("\(location): error: \(message)")
      }
      cannotRun = true
      return
    }
    files.formUnion(loaded.applied.after.files)
    units += loaded.applied.after.units.count
    cannotRun = cannotRun || loaded.hasSyntaxError
    let found = try evaluating { () throws(EvaluationFailure) in
      try ProposalCheck.run(loaded, rules: active, settings: settings, knownRuleIDs: known, showBaseline: showBaseline)
    }
    diagnostics += found
    charts?.insert(.proposal(loaded.applied), produced: found)
  }

  /// A rule expression that fails stops the run (exit 2), located in its rule file.
  private func evaluating(_ body: () throws(EvaluationFailure) -> [Diagnostic]) throws -> [Diagnostic] {
    do {
      return try body()
    } catch {
      printError("\(error.location): error: \(error.message)")
      throw ExitStatus.cannotRun
    }
  }
}

enum KeptUntilExit {
  nonisolated(unsafe) private static var kept: [Any] = []
  static func keep(_ value: Any) { kept.append(value) }
}

/// Lines of source files for the text report, read once per file on demand.
final class SourceLines {
  private var cache: [String: [Substring]] = [:]

  func line(_ file: String, _ number: Int) -> String? {
    if cache[file] == nil {
      guard let bytes = try? Files.read(file) else { return nil }
      let text = String(decoding: bytes, as: UTF8.self)
      cache[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }
    guard let lines = cache[file], number >= 1, number <= lines.count else { return nil }
    var line = lines[number - 1]
    if line.hasSuffix("\r") { line = line.dropLast() }
    // A line with control characters (a NUL, text that is not UTF-8) would
    // garble the terminal; the location alone says enough.
    if line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0 == "\u{FFFD}" }) { return nil }
    return String(line)
  }
}

/// Writes a report to stdout, or to a file whole or not at all (see
/// `Files.write(_:to:)`).
enum OutputWriter {
  static func write(_ text: String, to path: String?, what: String = "the report") throws {
    guard let path else {
      Files.write(text, descriptor: Files.standardOutput)
      return
    }
    do { try Files.write(text, to: path) } catch {
      printError("\(path): error: cannot write \(what): \(error.message)")
      throw ExitStatus.cannotRun
    }
  }
}

/// Seconds with three decimals ("0.352"), as the timing lines print them.
func threeDecimals(_ seconds: Double) -> String {
  let thousandths = Int((seconds * 1000).rounded())
  let fraction = String(thousandths % 1000)
  return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
