/// The kinds of file orglint reads, each with its JSON Schema: the values
/// of `orglint schema KIND`. A new kind of file is one more case here,
/// with its file name, summary and schema.
public enum SchemaKind: String, CaseIterable, Sendable {
  case org, proposal, rule, config

  /// The name of its committed copy in `schemas/`.
  public var fileName: String {
    switch self {
    case .org: "organisation.schema.json"
    case .proposal: "proposal.schema.json"
    case .rule: "rule.schema.json"
    case .config: "config.schema.json"
    }
  }

  public var summary: String {
    switch self {
    case .org: "an organisation file: units and the organisation header"
    case .proposal: "a proposal file: its base and the changes a decision would make"
    case .rule: "a rule file: one rule of the rule language"
    case .config: "the configuration file .orglint.yml: a team's settings"
    }
  }

  public var schema: JSONSchema {
    switch self {
    case .org: OrganisationSchema.schema
    case .proposal: ProposalSchema.schema
    case .rule: RuleSchema.schema
    case .config: ConfigSchema.schema
    }
  }

  /// The schema as JSON text, the same bytes every time.
  public var json: String { schema.json.rendered() }

  /// The comment line that names the schema to yaml-language-server, as
  /// the first line of a file of this kind; `folder` is where the schema
  /// files are, relative to that file (or a URL).
  public func modeline(schemasIn folder: String) -> String {
    "# yaml-language-server: $schema=" + (folder.hasSuffix("/") ? folder : folder + "/") + fileName
  }

  /// The loader key tables the schema is built from (for the tests that
  /// keep both in step).
  var tables: [KeyTable] {
    switch self {
    case .org: OrganisationSchema.tables
    case .proposal: ProposalSchema.tables
    case .rule: RuleSchema.tables
    case .config: ConfigSchema.tables
    }
  }
}
