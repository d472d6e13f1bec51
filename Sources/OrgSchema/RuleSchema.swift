import OrgDiagnostics
import OrgModel
import OrgRules

/// The rule file (docs/rule-language.md), from RuleCompiler's key lists.
enum RuleSchema {
  static let topLevel = KeyTable(
    what: "a rule", loaderKeys: RuleCompiler.ruleKeys,
    entries: [
      "orglint": Value.formatVersion,
      "id": Value.id(
        "Required. The rule's id, unique among the rules in use; it appears in every finding, in suppress: and in --enable/--disable."
      ),
      "severity": JSONSchema.oneOf(Severity.mostSevereFirst.map(\.rawValue)).defaulting(to: .string("error"))
        .described("How serious a finding is: error (the default), warning or info."),
      "title": Value.text("Required. A one-line summary, shown by orglint rules."),
      "description": Value.text("A longer explanation, shown by orglint rules ID."),
      "message": JSONSchema.ref("message"),
      "options": JSONSchema.of(.object).described(
        "Named settings with their defaults: $name in a construct's numeric fields, options.name in expressions."),
      "enabled": Value.flag("false makes the rule off by default: it runs only with --enable ID.")
        .defaulting(to: .bool(true)),
      "scope": JSONSchema.oneOf(RuleScope.allCases.map(\.rawValue)).defaulting(to: .string("units")).described(
        "units (the default): the rule is evaluated for each selected unit; changes: once per change of a proposal, checked with expr."
      ),
      "select": JSONSchema.ref("selector"),
      "check": JSONSchema.anyOf([
        JSONSchema.constant(.string(RuleCompiler.intrinsicCheck)).described(
          "Only orglint's own rules: the findings come from orglint itself."),
        JSONSchema.ref("check"),
        JSONSchema.list(of: .ref("check"), minItems: 1).described(
          "Several checks, in order; the first that fails speaks for a unit."),
      ]).described("Required. What must hold for each selected unit: one construct, or a list of them."),
      "at": JSONSchema.oneOf(ModelBuilder.unitKeys + [RuleCompiler.changeReportKey]).described(
        "The unit key a finding points at (a rule with scope: changes can point only at headcount_delta)."),
      "examples": JSONSchema.mapping(examples.properties).described(
        "Organisations that must (triggering) and must not (non_triggering) trigger the rule; orglint rules test runs them."
      ),
    ])

  static let examples = KeyTable(
    what: "examples", loaderKeys: RuleCompiler.exampleGroups,
    entries: [
      "triggering": JSONSchema.list(of: .ref("example")).described("Examples the rule must report."),
      "non_triggering": JSONSchema.list(of: .ref("example")).described("Examples the rule must not report."),
    ])

  static let example = KeyTable(
    what: "an example", loaderKeys: RuleExample.keys,
    entries: [
      "orglint": Value.formatVersion,
      "organisation": JSONSchema.ref("organisationHeader"),
      "units": JSONSchema.list(of: .ref("unit")).described("The example organisation's units."),
      "expect": Value.ids("Exactly the units the rule must report (triggering examples)."),
      "source": Value.text(
        "Instead of a document: the raw text of an organisation file, for rules about the file itself."),
      "changes": JSONSchema.list(of: .ref("change")).described(
        "A proposal's changes, applied to the example as orglint rules test runs it (transition rules)."),
    ])

  static let message = KeyTable(
    what: "message", loaderKeys: RuleCompiler.messageLanguages,
    entries: [
      "en": Value.text("The English text (required)."),
      "sv": Value.text("The Swedish text, used with --lang sv."),
    ])

  static let selector = KeyTable(
    what: "select", loaderKeys: Selector.keys,
    entries: [
      "kind": Value.textOrTexts("A kind, or a list of kinds: the unit's kind is one of them."),
      "role": Value.textOrTexts("A role, or a list of roles: the unit has at least one of them."),
      "has": fieldPaths("A unit key, or a list of them: the unit gives every one (attributes.NAME for one attribute)."),
      "lacks": fieldPaths("A unit key, or a list of them: the unit gives none of them."),
      "where": expression("An expression that must be true, e.g. \"has(self.headcount) && self.headcount > 100\"."),
      "changed": Value.flag(
        "Proposals: true selects the units a change created, moved, renamed or updated; false those it left alone."),
    ])

  static let constructs = KeyTable(
    what: "a check", loaderKeys: RuleCompiler.constructs,
    entries: [
      "count": construct(table: count, oneOf: ["of", "relation", "incoming"], anyOf: ["min", "max"])
        .described(
          "Counts the units related in one way (of, relation or incoming) that match where; requires min and/or max."),
      "sum": construct(table: sum, required: ["of"]).described(
        "A whole-number key equals its children's sum (plus another key), within a tolerance."),
      "unique": construct(table: unique, required: ["key"]).described(
        "A key's value occurs only once, in the model or among siblings."),
      "similar": construct(table: similar).described(
        "Sibling units whose names (or another key) are nearly but not exactly the same."),
      "acyclic": JSONSchema.anyOf([
        JSONSchema.constant(.string(RuleCompiler.acyclicParent)).described("Loops of parent links."),
        construct(table: acyclic, required: ["relation"]),
      ]).described("Units on a loop: `acyclic: parent`, or `acyclic: { relation: NAME }`."),
      "reaches_root": JSONSchema.constant(.bool(true)).described(
        "true: a unit without a parent that is not the root is reported."),
      "references": construct(table: references).described(
        "Ids that units refer to name existing units, reported where they are written."),
      "value": construct(table: value, required: ["key"]).described("Constraints on the value of one key."),
      "unchanged": fieldPath.described("Proposals: the key keeps its value through the proposal."),
      "expr": expression("An expression that must be true for every selected unit."),
    ])

  static let count = KeyTable(
    what: "count", loaderKeys: RuleCompiler.constructKeys["count"] ?? [],
    entries: [
      "of": JSONSchema.oneOf(RuleCompiler.countOf).described(
        "The parent, the children, or the ancestors (parent, its parent, and so on)."),
      "relation": Value.text("The existing units this relation of the unit names."),
      "incoming": Value.text("The units whose relation of this name names the unit."),
      "where": JSONSchema.ref("selector").described(
        "A selector the counted units must match (self is the counted unit)."),
      "min": integerOrOption("At least this many."),
      "max": integerOrOption("At most this many."),
    ])

  static let sum = KeyTable(
    what: "sum", loaderKeys: RuleCompiler.constructKeys["sum"] ?? [],
    entries: [
      "of": fieldPath.described(
        "Required. The whole-number key to add up: headcount, direct_headcount or attributes.NAME."),
      "over": JSONSchema.constant(.string(RuleCompiler.sumOver)).described(
        "children (the only choice, and the default)."),
      "plus": fieldPath.described("A key of the unit itself added to the children's sum, e.g. direct_headcount."),
      "tolerance": integerOrOption("How far off the figures may be (default 0)."),
    ])

  static let unique = KeyTable(
    what: "unique", loaderKeys: RuleCompiler.constructKeys["unique"] ?? [],
    entries: [
      "key": fieldPath.described("Required. A unit key or attributes.NAME."),
      "within": JSONSchema.oneOf(RuleCompiler.uniqueWithin).defaulting(to: .string("model")).described(
        "model (the default) or siblings (units with the same parent)."),
      "ignore_case": Value.flag("true: values that differ only in upper and lower case count as the same."),
    ])

  static let similar = KeyTable(
    what: "similar", loaderKeys: RuleCompiler.constructKeys["similar"] ?? [],
    entries: [
      "key": fieldPath.described("The key to compare (default name)."),
      "within": JSONSchema.constant(.string(RuleCompiler.similarWithin)).described(
        "siblings (the only choice, and the default)."),
      "threshold": numberOrOption("How alike two values must be to be reported, from 0 to 1 (default 0.85).").bounded(
        0, 1),
    ])

  static let acyclic = KeyTable(
    what: "acyclic", loaderKeys: RuleCompiler.constructKeys["acyclic"] ?? [],
    entries: ["relation": Value.text("The relation whose loops are reported.")])

  static let references = KeyTable(
    what: "references", loaderKeys: RuleCompiler.constructKeys["references"] ?? [],
    entries: [
      "parent": Value.flag("true: check every selected unit's parent."),
      "relations": JSONSchema.anyOf([JSONSchema.of(.boolean), JSONSchema.list(of: Value.textType)]).described(
        "true for every relation, or a list of the relation names to check."),
      "root": Value.flag("true: check organisation.root."),
    ])

  static let value = KeyTable(
    what: "value", loaderKeys: RuleCompiler.constructKeys["value"] ?? [],
    entries: [
      "key": fieldPath.described("Required. A unit key or attributes.NAME."),
      "required": Value.flag("true: a unit that does not give the key is reported."),
      "pattern": Value.text("A regular expression the value must match (anywhere: write ^…$ for the whole value)."),
      "in": Value.texts("The values allowed."),
      "min": numberOrOption("The value must be a number of at least this."),
      "max": numberOrOption("The value must be a number of at most this."),
    ])

  static let tables = [
    topLevel, examples, example, message, selector, constructs, count, sum, unique, similar, acyclic, references, value,
  ]

  /// A unit key, or `attributes.NAME`.
  static var fieldPath: JSONSchema {
    let prefix = String(RuleCompiler.attributePathPrefix.flatMap { $0 == "." ? ["\\", "."] : [$0] })
    return JSONSchema.anyOf([
      JSONSchema.oneOf(ModelBuilder.unitKeys), JSONSchema.of(.string, pattern: "^" + prefix + "."),
    ])
  }

  static func fieldPaths(_ description: String) -> JSONSchema {
    JSONSchema.anyOf([fieldPath, JSONSchema.list(of: fieldPath)]).described(description)
  }

  static func expression(_ description: String) -> JSONSchema {
    Value.text(description + " Quote it when it contains \": \" or starts with !, [, {, ' or \".")
  }

  /// `$name` names one of the rule's options.
  static let optionPattern = "^\\$."

  static func integerOrOption(_ description: String) -> JSONSchema {
    JSONSchema.of(.integer, .string, pattern: optionPattern).described(description + " A whole number, or $option.")
  }

  static func numberOrOption(_ description: String) -> JSONSchema {
    JSONSchema.of(.number, .string, pattern: optionPattern).described(description + " A number, or $option.")
  }

  static func construct(
    table: KeyTable, required: [String] = [], oneOf: [String] = [], anyOf: [String] = []
  ) -> JSONSchema {
    var schema = JSONSchema.mapping(table.properties, required: required)
    schema.oneOf = oneOf.map { JSONSchema.mapping([], required: [$0], closed: false) }
    schema.anyOf = anyOf.map { JSONSchema.mapping([], required: [$0], closed: false) }
    return schema
  }

  static var checkDefinition: JSONSchema {
    var schema = JSONSchema()
    schema.description =
      "One check: exactly one construct (\(RuleCompiler.constructs.joined(separator: ", "))), and optionally its own message."
    schema.oneOf = constructs.properties.map { construct in
      var branch = JSONSchema.mapping(
        [construct] + RuleCompiler.checkKeys.map { ($0, JSONSchema.ref("message")) }, required: [construct.name])
      branch.title = construct.name
      return branch
    }
    return schema
  }

  static var messageDefinition: JSONSchema {
    JSONSchema.anyOf([
      Value.text("The message in English."),
      JSONSchema.mapping(message.properties, required: [RuleCompiler.messageLanguages[0]]),
    ]).described(
      "What a finding says: one English text, or en and sv. {expression} puts a value in the text ({self.name}); {{ and }} are literal braces."
    )
  }

  static var schema: JSONSchema {
    var schema = JSONSchema.mapping(topLevel.properties, required: RuleCompiler.requiredRuleKeys)
    schema.schemaURI = JSONSchema.draft
    schema.title = "orglint rule file"
    schema.description =
      "One rule of orglint's declarative rule language: what it selects, what it checks, what it says. See docs/rule-language.md."
    schema.definitions =
      [
        ("message", messageDefinition),
        (
          "selector",
          JSONSchema.mapping(selector.properties).described(
            "Which units the rule looks at; every part given must hold. Without it, every unit.")
        ),
        ("check", checkDefinition),
        (
          "example",
          JSONSchema.mapping(example.properties).described(
            "An example organisation: units (and optionally organisation), or source; expect lists the units reported.")
        ),
      ] + OrganisationSchema.definitions + ProposalSchema.changeDefinitions
    return schema
  }
}
