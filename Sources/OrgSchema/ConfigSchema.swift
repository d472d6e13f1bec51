import OrgConfig
import OrgDiagnostics

/// The configuration file `.orglint.yml` (docs/configuration.md), from the
/// keys `Configuration` reads.
enum ConfigSchema {
  static let topLevel = KeyTable(
    what: "the configuration", loaderKeys: Configuration.keys,
    entries: [
      "orglint": Value.formatVersion,
      "rule_folders": Value.textOrTexts("Folders of your own rule files, relative to this file."),
      "default_rules": Value.flag("false: only the rules of rule_folders run (default true)."),
      "rules": JSONSchema.dictionary(of: .ref("ruleSetting")).described(
        "Per rule id (orglint rules lists them): off, on, a severity, or { enabled, severity, options }."),
      "ignore": Value.textOrTexts(
        "Files that directory checks leave out, as in .gitignore: drafts/, archive/**, *.draft.yaml. Relative to this file."
      ),
      "lang": JSONSchema.oneOf(Configuration.languages).described("The language of the messages."),
      "fail_on": JSONSchema.oneOf(Configuration.failOnValues).described(
        "The lowest severity that makes the exit status 1 (default error)."),
      "baseline": Value.text("Findings accepted for now (written by --write-baseline), relative to this file."),
    ])

  static let ruleSetting = KeyTable(
    what: "the setting of a rule", loaderKeys: RuleSetting.keys,
    entries: [
      "enabled": Value.flag("true runs the rule, also one that is off by default; false does not."),
      "severity": JSONSchema.oneOf(Severity.mostSevereFirst.map(\.rawValue)).described(
        "The severity of the rule's findings (the rule runs)."),
      "options": JSONSchema.dictionary(of: .anything).described(
        "Option values by name, of the types of the rule's defaults (orglint rules ID shows them)."),
    ])

  static var tables: [KeyTable] { [topLevel, ruleSetting] }

  static var ruleSettingDefinition: JSONSchema {
    JSONSchema.anyOf([
      JSONSchema.oneOf(RuleSetting.shortForms).described("off, on, or a severity (which also runs the rule)."),
      JSONSchema.mapping(ruleSetting.properties),
    ])
  }

  static var schema: JSONSchema {
    var schema = JSONSchema.mapping(topLevel.properties)
    schema.schemaURI = JSONSchema.draft
    schema.title = "orglint configuration (.orglint.yml)"
    schema.description =
      "A team's settings for orglint: rule folders, rules on and off, severities and options, ignored files, language, baseline. See docs/configuration.md."
    schema.definitions = [("ruleSetting", ruleSettingDefinition)]
    return schema
  }
}
