import OrgModel
import OrgProposal
import OrgYAML

/// The proposal file (docs/proposals.md), from ProposalReader's key lists.
enum ProposalSchema {
  static let topLevel = KeyTable(
    what: "a proposal file (top level)", loaderKeys: ProposalReader.topLevelKeys,
    entries: [
      "orglint": Value.formatVersion,
      "proposal": JSONSchema.ref("proposalHeader"),
      "changes": JSONSchema.list(of: .ref("change")).described(
        "What the proposal changes, applied in order, each on the result of the one before."),
    ])

  static let header = KeyTable(
    what: "proposal", loaderKeys: ProposalReader.headerKeys,
    entries: [
      "id": Value.id("An identifier for the proposal."),
      "title": Value.text("What the proposal is about."),
      "base": Value.text(
        "Required. The organisation the proposal changes: a file, a directory or another proposal, relative to this file."
      ),
      "effective": Value.date("The date the decision takes effect, YYYY-MM-DD."),
      "decision": Value.text("A reference to the decision, e.g. RS 1398-2021."),
    ])

  /// What `headcount_delta` and `reason` mean, on any change.
  static let common: [String: JSONSchema] = [
    "headcount_delta": Value.wholeNumber(
      "How much this change alters the organisation's total headcount on purpose (negative for fewer people); needs a reason. Without it, the change must leave the total as it was.",
      minimum: -maximumHeadcount, maximum: maximumHeadcount),
    "reason": Value.text("Why the change alters the total headcount (required with headcount_delta)."),
  ]

  /// Each operation's keys: the operation itself and the keys it adds.
  static let operations: [String: [String: JSONSchema]] = [
    "merge": [
      "merge": Value.ids(
        "The units that merge (at least two); they disappear into `into`.", minItems: ProposalReader.minimumUnits),
      "into": JSONSchema.ref("newUnit").described(
        "The unit the sources become. It appears under their common parent unless it gives its own parent; its headcount is the sum of theirs unless given."
      ),
      "assign": assignments("Children of the sources placed elsewhere than in `into`: child id → new parent id."),
    ],
    "split": [
      "split": Value.id("The unit that is split; it disappears."),
      "into": JSONSchema.list(of: .ref("newUnit"), minItems: ProposalReader.minimumUnits).described(
        "The units it is split into (at least two), where it was unless one gives its own parent."),
      "assign": assignments(
        "Where its children go: child id → the id of one of the new units. A child not assigned is orphaned."),
    ],
    "transfer": [
      "transfer": Value.id("The unit that moves, with all its children except those in `except`."),
      "to": Value.id("Required. Its new parent."),
      "except": Value.ids("Children that stay with the unit's old parent."),
    ],
    "dissolve": [
      "dissolve": Value.id("The unit that disappears."),
      "reassign_to": Value.id("Where its children move; without it they are orphaned."),
    ],
    "create": [
      "create": JSONSchema.ref("newUnit").described("The new unit, with any unit keys (id, name and kind required).")
    ],
    "rename": [
      "rename": Value.id("The unit renamed."),
      "name": Value.text("Its new name."),
      "id": Value.id("Its new id; every reference follows, and the old id goes into `formerly`."),
    ],
    "update": [
      "update": Value.id("The unit updated."),
      "set": JSONSchema.ref("unitFields").described("Unit keys to set, with the types of the organisation format."),
      "unset": JSONSchema.list(of: .oneOf(unsettableKeys)).described("Optional unit keys to remove."),
    ],
  ]

  /// An update cannot set id, parent or units (rename, transfer, create do that).
  static var settableKeys: [String] {
    ModelBuilder.unitKeys.filter { key in !ProposalReader.fixedKeys.contains { $0.rawValue == key } }
  }

  /// Nor unset those, or name and kind, which every unit has.
  static var unsettableKeys: [String] {
    settableKeys.filter { key in !ProposalReader.requiredUnitKeys.contains { $0.rawValue == key } }
  }

  static func assignments(_ description: String) -> JSONSchema {
    JSONSchema.dictionary(of: Value.id("The id of the unit the child moves to.")).described(description)
  }

  static let kinds = Operation.kinds

  /// One table per operation: the keys a change of that kind allows.
  static var changeTables: [KeyTable] {
    kinds.map { kind in
      KeyTable(
        what: "a \(kind) change",
        loaderKeys: [kind] + (ProposalReader.operationKeys[kind] ?? []) + ProposalReader.commonChangeKeys,
        entries: (operations[kind] ?? [:]).merging(common) { own, _ in own })
    }
  }

  static var tables: [KeyTable] { [topLevel, header] + changeTables }

  /// A change: exactly one operation, with its keys.
  static var changeDefinition: JSONSchema {
    var schema = JSONSchema()
    schema.description =
      "One change: exactly one operation (\(kinds.joined(separator: ", "))), with its keys; any change may declare headcount_delta with a reason."
    schema.oneOf = zip(kinds, changeTables).map { kind, table in
      var branch = JSONSchema.mapping(table.properties, required: [kind] + (ProposalReader.requiredKeys[kind] ?? []))
      branch.title = kind
      if let alternatives = ProposalReader.oneOfKeys[kind] {
        branch.anyOf = alternatives.map { JSONSchema.mapping([], required: [$0], closed: false) }
      }
      branch.dependencies = [("headcount_delta", ["reason"])]
      return branch
    }
    return schema
  }

  /// A unit a change brings in (`into`, `create`): its sub-units are
  /// created with changes of their own.
  static var newUnitDefinition: JSONSchema {
    var properties = OrganisationSchema.unit.properties
    if let index = properties.firstIndex(where: { $0.name == UnitKey.units.rawValue }) {
      var empty = JSONSchema.list(of: .anything)
      empty.maxItems = 0
      properties[index].schema = empty.described(
        "A unit a change brings in has no sub-units here; create or transfer them with their own changes.")
    }
    return JSONSchema.mapping(properties, required: ModelBuilder.requiredUnitKeys.map(\.rawValue))
      .described("A unit the change brings in: id, name and kind are required.")
  }

  /// The unit keys `update: … set:` can give.
  static var unitFieldsDefinition: JSONSchema {
    let properties = OrganisationSchema.unit.properties.filter { settableKeys.contains($0.name) }
    return JSONSchema.mapping(properties).described(
      "Unit keys to set. id (use rename), parent (use transfer) and units (use create, transfer, dissolve) cannot be updated."
    )
  }

  static var headerDefinition: JSONSchema {
    JSONSchema.mapping(header.properties, required: ["base"]).described(
      "What the proposal is and which organisation it changes (base is required).")
  }

  /// What a rule's examples need too.
  static var changeDefinitions: [(name: String, schema: JSONSchema)] {
    [("change", changeDefinition), ("newUnit", newUnitDefinition), ("unitFields", unitFieldsDefinition)]
  }

  static var schema: JSONSchema {
    var schema = JSONSchema.mapping(topLevel.properties, required: ["proposal", "changes"])
    schema.schemaURI = JSONSchema.draft
    schema.title = "orglint proposal file"
    schema.description =
      "A proposal for orglint: the organisation it changes (its base) and the changes a decision would make. See docs/proposals.md."
    schema.definitions = [("proposalHeader", headerDefinition)] + changeDefinitions
    return schema
  }
}
