import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgRules
import OrgYAML

/// What the fuzz targets share: the built-in rules, a small organisation to
/// run things on, and the whole pipeline for one input. Every entry point
/// must return normally whatever the bytes; a crash is a bug.
public enum FuzzInputs {
  public static let rules: [Rule] = RuleLibrary.compile(RuleLibrary.builtinSources).rules

  public static let base: Model = {
    let yaml = """
      organisation: { id: r, name: R, root: region }
      units:
        - id: region
          name: Region
          kind: region
          headcount: 40
          units:
            - id: div
              name: Division
              kind: division
              headcount: 30
              units:
                - { id: vo-a, name: VO A, kind: vo, headcount: 10, roles: [utförare], relations: { beställare: hr } }
                - { id: vo-b, name: VO B, kind: vo, headcount: 20, units: [{ id: e, name: E, kind: enhet, headcount: 20 }] }
            - { id: hr, name: HR, kind: funktion, headcount: 10, roles: [beställare] }
      """
    var builder = ModelBuilder()
    builder.add(try! YAMLParser.parse(Array(yaml.utf8), file: "base.yaml"))
    return builder.finish().0
  }()

  /// Parses and walks every node, as every reader of a tree does.
  public static func yaml(_ bytes: [UInt8]) {
    guard let tree = try? YAMLParser.parse(bytes, file: "fuzz.yaml") else { return }
    var reader = TreeReader(tree: tree)
    for document in tree.documents { _ = reader.data(document, "fuzz") }
  }

  /// An organisation file through the model, every rule, the writer, and back.
  public static func model(_ bytes: [UInt8]) {
    let streamed = StreamingReader.part(of: bytes, file: "fuzz.yaml", fileIndex: 0)
    guard let tree = try? YAMLParser.parse(bytes, file: "fuzz.yaml") else {
      precondition(streamed == nil, "the streaming reader read a file that is not YAML")
      return
    }
    // The fast path reads what the tree path reads, or leaves the file to it.
    if let streamed {
      precondition(
        streamed.contents == ModelBuilder.part(of: tree, fileIndex: 0).contents,
        "the streaming reader and the tree path read the file differently")
    }
    var builder = ModelBuilder()
    builder.add(tree)
    let (model, _) = builder.finish()
    _ = try? Engine.run(rules, on: model, knownRuleIDs: Set(rules.map(\.id)))
    let written = ModelWriter().write(model)
    if let reread = try? YAMLParser.parse(Array(written.utf8), file: "written.yaml") {
      var again = ModelBuilder()
      again.add(reread)
      precondition(again.finish().0.units.count == model.units.count, "apply output lost units")
    }
  }

  /// A proposal applied to the small organisation, checked, and diffed.
  public static func proposal(_ bytes: [UInt8]) {
    guard let tree = try? YAMLParser.parse(bytes, file: "fuzz-proposal.yaml") else { return }
    var reader = ProposalReader(tree: tree, fileIndex: UInt32(base.files.count))
    let proposal = reader.read(basePath: "base.yaml")
    let applied = Applier.apply(proposal, to: base)
    let loaded = LoadedProposal(
      applied: applied, baseDiagnostics: [], proposalDiagnostics: reader.diagnostics, hasSyntaxError: false)
    _ = try? ProposalCheck.run(loaded, rules: rules, knownRuleIDs: Set(rules.map(\.id)))
    _ = ProposalDiff(applied)
    _ = ModelWriter().write(applied.after)
  }

  /// A rule file compiled, its examples run, and run on the small organisation.
  public static func ruleFile(_ bytes: [UInt8]) {
    let (compiled, _) = RuleLibrary.compile([RuleSource(path: "fuzz-rule.yaml", group: "fuzz", bytes: bytes)])
    for rule in compiled {
      _ = rule.testExamples(companions: rules)
      _ = try? Engine.run([rule], on: base, settings: Engine.Settings(costLimit: 10_000), knownRuleIDs: [rule.id])
    }
  }

  /// An expression (any text) as a rule's check and in its message.
  public static func expression(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let quoted = DataValue.string(text).flowYAML()
    let message = DataValue.string("{" + text + "}").flowYAML()
    let rule = "id: fuzz\ntitle: T\nmessage: \(message)\ncheck:\n  expr: \(quoted)\n"
    ruleFile(Array(rule.utf8))
  }
}
