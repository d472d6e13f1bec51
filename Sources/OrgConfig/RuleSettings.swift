import OrgDiagnostics
import OrgRules
import OrgYAML

extension Configuration {
  /// Checks the `rules:` settings against the rules there are: an unknown
  /// rule id, an option the rule does not have, or a value of another type
  /// than the option's default is an error at its place in the file.
  public func checkRuleSettings(against rules: [Rule]) throws(ConfigError) {
    var problems: [(message: String, location: Location)] = []
    let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for setting in self.rules {
      guard let rule = byID[setting.id] else {
        let hint = closestMatch(to: setting.id, in: rules.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
        problems.append(("no rule is called '\(setting.id)'\(hint)", setting.location))
        continue
      }
      for option in setting.options {
        guard let defaultValue = rule.options.first(where: { $0.name == option.name })?.value else {
          let names = rule.options.map(\.name)
          let known =
            names.isEmpty
            ? "it has none"
            : closestMatch(to: option.name, in: names).map { "did you mean '\($0)'?" }
              ?? "it has \(names.joined(separator: ", "))"
          problems.append(("rule '\(rule.id)' has no option '\(option.name)'; \(known)", option.location))
          continue
        }
        if !Self.fits(option.value, defaultValue) {
          problems.append(
            (
              "option '\(option.name)' of rule '\(rule.id)' must be \(Self.typeName(defaultValue)) like its default \(defaultValue.flowYAML()), found \(option.value.flowYAML())",
              option.location
            ))
        }
      }
    }
    guard problems.isEmpty else { throw ConfigError(problems: problems.sorted { $0.location < $1.location }) }
  }

  /// Option values by rule id, for `RuleLibrary.compile(_:optionOverrides:)`.
  public var optionOverrides: [String: [String: DataValue]] {
    var overrides: [String: [String: DataValue]] = [:]
    for setting in rules {
      for option in setting.options { overrides[setting.id, default: [:]][option.name] = option.value }
    }
    return overrides
  }

  /// Severities the configuration sets, by rule id.
  public var severities: [String: Severity] {
    Dictionary(rules.compactMap { setting in setting.severity.map { (setting.id, $0) } }, uniquingKeysWith: { $1 })
  }

  /// Rules turned on (true) or off (false) by id.
  public var switchedRules: [String: Bool] {
    Dictionary(rules.compactMap { setting in setting.enabled.map { (setting.id, $0) } }, uniquingKeysWith: { $1 })
  }

  private static func fits(_ value: DataValue, _ defaultValue: DataValue) -> Bool {
    switch (value, defaultValue) {
    case (.int, .int), (.int, .double), (.double, .double), (.string, .string), (.bool, .bool), (.list, .list),
      (.map, .map):
      true
    case (_, .null): true
    default: false
    }
  }

  private static func typeName(_ value: DataValue) -> String {
    switch value {
    case .null: "anything"
    case .bool: "true or false"
    case .int: "a whole number"
    case .double: "a number"
    case .string: "text"
    case .list: "a list"
    case .map: "a mapping"
    }
  }
}
