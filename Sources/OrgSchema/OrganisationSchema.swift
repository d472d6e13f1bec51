import OrgModel

/// The organisation file (docs/organisation-format.md), from ModelBuilder's
/// key lists.
enum OrganisationSchema {
  static let topLevel = KeyTable(
    what: "an organisation file (top level)", loaderKeys: ModelBuilder.topLevelKeys,
    entries: [
      "orglint": Value.formatVersion,
      "organisation": JSONSchema.ref("organisationHeader"),
      "units": JSONSchema.list(of: .ref("unit")).described(
        "The units of the organisation. A unit's children can be nested under it (`units:`) or sit here and name their `parent`."
      ),
    ])

  static let header = KeyTable(
    what: "organisation", loaderKeys: ModelBuilder.headerKeys,
    entries: [
      "id": Value.id("An identifier for the organisation."),
      "name": Value.text("The organisation's name."),
      "as_of": Value.date("The date the figures describe, YYYY-MM-DD (a real calendar date)."),
      "root": Value.id(
        "The id of the unit at the top of the organisation. Without it, the first unit without a parent is the root."),
    ])

  static let unit = KeyTable(
    what: ModelBuilder.unitDescription, loaderKeys: ModelBuilder.unitKeys,
    entries: [
      UnitKey.id.rawValue: Value.id(
        "Required. The unit's identifier, unique in the model: any non-empty text without whitespace, always read as text (`id: 0012` is the id \"0012\")."
      ),
      UnitKey.name.rawValue: Value.text("Required. The display name, used in every message."),
      UnitKey.kind.rawValue: Value.text(
        "Required. What sort of unit it is: region, nämnd, förvaltning, division, vo, enhet, stab, funktion or anything else; rules give kinds their meaning."
      ),
      UnitKey.parent.rawValue: Value.id(
        "The id of the unit this one reports to (only one). Implied by nesting; a nested unit may repeat its parent's id, but not name another."
      ),
      UnitKey.units.rawValue: JSONSchema.list(of: .ref("unit")).described(
        "Child units (nested form): each reports to this unit."),
      UnitKey.headcount.rawValue: Value.headcount(
        "People in this unit including all its sub-units: a whole number from 0 to 1,000,000,000."),
      UnitKey.directHeadcount.rawValue: Value.headcount(
        "People placed directly in this unit, in no sub-unit (0 when left out). headcount-sum checks that headcount = direct_headcount + the children's headcounts."
      ),
      UnitKey.roles.rawValue: Value.texts(
        "Role names, e.g. [beställare] or [utförare]: a list even for one role."),
      UnitKey.relations.rawValue: JSONSchema.dictionary(
        of: Value.idOrIDs("The id of another unit, or a list of ids.")
      ).described("Relation name → the id of another unit, or a list of ids, e.g. `beställare: hr`."),
      UnitKey.attributes.rawValue: JSONSchema.of(.object).described(
        "Any further facts (budget, cost centre, site), free form; values are typed as YAML 1.2 reads them."),
      UnitKey.manager.rawValue: Value.text("Who leads the unit (a title or a name)."),
      UnitKey.formerly.rawValue: Value.ids("Ids this unit had, or of units it absorbed, earlier."),
      UnitKey.description.rawValue: Value.text("Free text, for example a quotation from the decision."),
      UnitKey.suppress.rawValue: JSONSchema.dictionary(
        of: JSONSchema.of(.string, .number, .boolean, pattern: "\\S").described(
          "Why the rule does not apply to this unit; required.")
      ).described(
        "Rule id → the reason the rule does not apply to this unit, e.g. `headcount-sum: figures are approximate`."),
    ])

  static let tables = [topLevel, header, unit]

  /// A unit, with its nested units: `#/definitions/unit`.
  static var unitDefinition: JSONSchema {
    JSONSchema.mapping(unit.properties, required: ModelBuilder.requiredUnitKeys.map(\.rawValue))
      .described("A unit of the organisation: id, name and kind are required.")
  }

  static var headerDefinition: JSONSchema {
    JSONSchema.mapping(header.properties).described(
      "The header of the model, at most once per model: the organisation's id, name, the date of its figures and its root unit."
    )
  }

  static var definitions: [(name: String, schema: JSONSchema)] {
    [("organisationHeader", headerDefinition), ("unit", unitDefinition)]
  }

  static var schema: JSONSchema {
    var schema = JSONSchema.mapping(topLevel.properties)
    // Keys starting with "x-" are free: a place for anchors.
    schema.patternProperties = [
      (
        "^" + ModelBuilder.freeKeyPrefix,
        JSONSchema.anything.described("Free: orglint ignores top-level keys starting with x-; a place for anchors.")
      )
    ]
    schema.schemaURI = JSONSchema.draft
    schema.title = "orglint organisation file"
    schema.description =
      "An organisation, or part of one, for orglint (format version 1). See docs/organisation-format.md."
    schema.definitions = definitions
    return schema
  }
}
