import ArgumentParser
import OrgReport
import OrgRules

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract:
      "Export the organisation, or a proposal's result, as a Graphviz DOT or Mermaid graph with findings marked.",
    discussion: """
      Paths are read as by `check`: each directory is one model, all files named directly one model \
      together, and a proposal is drawn as the organisation it results in. The rules run as for `check` \
      (configuration, --rules, --enable, --disable), and each unit is coloured by its worst finding. \
      Exit status: 0 the graph was written (findings or not); 2 the run could not be done.
      """)

  @Argument(help: "Organisation files and directories, and proposals.")
  var paths: [String] = ["."]

  @Option(help: "Graph format: dot (Graphviz) or mermaid.")
  var format: GraphFormat = .dot

  @Option(
    help: ArgumentHelp("Write the graph to this file (whole or not at all) instead of stdout.", valueName: "file"))
  var output: String?

  @Flag(help: "Also draw relations between units (such as beställare) as dashed edges.")
  var relations = false

  @OptionGroup var config: ConfigOptions
  @OptionGroup var rules: RuleSourceOptions
  @OptionGroup var selection: RuleSelectionOptions
  @OptionGroup var out: OutputOptions

  func run() throws {
    let setup = try CheckSetup(paths: paths, config: config, rules: rules, selection: selection, out: out)
    let language = setup.language
    let run = try setup.check(costLimit: selection.maxExpressionCost, showBaseline: true, charts: true)
    var report = Report(
      diagnostics: run.findings(available: setup.available, severities: setup.severities), files: run.files.count,
      units: run.units, rules: run.ruleDescriptions(severities: setup.severities))
    report.models = run.charts?.models(for: report) ?? []
    let graph = GraphFormatter(format: format, language: language.rawValue, relations: relations).format(report)
    try OutputWriter.write(graph, to: output, what: "the graph")
    if run.cannotRun { throw ExitStatus.cannotRun }
  }
}

extension GraphFormat: ExpressibleByArgument {}
