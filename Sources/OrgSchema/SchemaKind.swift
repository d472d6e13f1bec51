/// The kinds of file orglint reads, each with its JSON Schema: the values
/// of `orglint schema KIND`. A new kind of file is one more case here,
/// with its file name, summary and schema.
public enum SchemaKind: String, CaseIterable, Sendable {
  case org, proposal, rule

  /// The name of its committed copy in `schemas/`.
  public var fileName: String {
    switch self {
    case .org: "organisation.schema.json"
    case .proposal: "proposal.schema.json"
    case .rule: "rule.schema.json"
    }
  }

  public var summary: String {
    switch self {
    case .org: "an organisation file (units, the organisation header)"
    case .proposal: "a proposal file (a base and the changes a decision would make)"
    case .rule: "a rule file (one rule of the rule language)"
    }
  }

  public var schema: JSONSchema {
    switch self {
    case .org: OrganisationSchema.schema
    case .proposal: ProposalSchema.schema
    case .rule: RuleSchema.schema
    }
  }

  /// The schema as JSON text, the same bytes every time.
  public var json: String { schema.json.rendered() }

  /// The loader key tables the schema is built from (for the tests that
  /// keep both in step).
  var tables: [KeyTable] {
    switch self {
    case .org: OrganisationSchema.tables
    case .proposal: ProposalSchema.tables
    case .rule: RuleSchema.tables
    }
  }
}
