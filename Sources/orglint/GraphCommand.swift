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
    let (configuration, available, active, inputs) = try startup {
      let configuration = try config.load()
      let available = try rules.loadRules(configuration)
      let active = try selection.select(from: available, configuration: configuration)
      let inputs = try Inputs.collect(paths, configuration: configuration)
      return (configuration, available, active, inputs)
    }
    let language = out.effectiveLanguage(configured: configuration?.language)
    var run = Run(
      active: active, known: Set(available.map(\.id)), showBaseline: true,
      settings: Engine.Settings(language: language.rawValue, costLimit: selection.maxExpressionCost))
    run.charts = ChartSources()
    for input in inputs.models {
      try run.checkModel(input)
    }
    let severities = configuration?.severities ?? [:]
    var report = Report(
      diagnostics: run.findings(available: available, severities: severities), files: run.files.count,
      units: run.units, rules: run.ruleDescriptions(severities: severities))
    report.models = run.charts?.models(for: report) ?? []
    let graph = GraphFormatter(format: format, language: language.rawValue, relations: relations).format(report)
    try OutputWriter.write(graph, to: output, what: "the graph")
    if run.cannotRun { throw ExitStatus.cannotRun }
  }
}

extension GraphFormat: ExpressibleByArgument {}
