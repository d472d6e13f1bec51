import OrgDiagnostics

/// Everything a formatter needs: the findings, sorted, what was checked, and
/// the rules that ran (SARIF and JUnit list them, findings or not).
public struct Report: Sendable {
  public var diagnostics: [Diagnostic]
  public var files: Int
  public var units: Int
  public let rules: [RuleDescription]
  /// The first rule with each id, for `rule(_:)`, which formats call for
  /// every finding.
  private let rulesByID: [String: RuleDescription]
  /// The models and proposals checked, as charts whose nodes hold their
  /// findings (indices into `diagnostics`). Only the formats that draw the
  /// organisation or group findings by unit (HTML, Markdown, `orglint graph`)
  /// need them; text and JSON ignore them, and `check` builds none for those.
  public var models: [CheckedModel]

  public init(
    diagnostics: [Diagnostic], files: Int, units: Int, rules: [RuleDescription] = [], models: [CheckedModel] = []
  ) {
    self.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
    self.files = files
    self.units = units
    self.rules = rules
    rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    self.models = models
  }

  public func count(_ severity: Severity) -> Int { diagnostics.count { $0.severity == severity } }

  /// The rule that ran with this id, if it is known.
  public func rule(_ id: String) -> RuleDescription? { rulesByID[id] }

  /// Findings per rule: the rules that found something, most severe first,
  /// then by id.
  public func countsByRule() -> [(rule: String, severity: Severity, count: Int)] {
    var counts: [String: (Severity, Int)] = [:]
    for diagnostic in diagnostics {
      let (severity, count) = counts[diagnostic.rule] ?? (diagnostic.severity, 0)
      counts[diagnostic.rule] = (max(severity, diagnostic.severity), count + 1)
    }
    return counts.map { (rule: $0.key, severity: $0.value.0, count: $0.value.1) }.sorted {
      $0.severity != $1.severity ? $0.severity > $1.severity : $0.rule.utf8.lexicographicallyPrecedes($1.rule.utf8)
    }
  }
}

/// The output formats of `orglint check --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, json, sarif, junit, github, markdown, html

  /// Whether the format needs the models as charts (`Report.models`).
  public var needsCharts: Bool { self == .markdown || self == .html }
}

/// A rule as reports describe it.
public struct RuleDescription: Sendable, Equatable {
  public var id: String
  public var title: String
  public var description: String
  public var severity: Severity

  public init(id: String, title: String, description: String, severity: Severity) {
    self.id = id
    self.title = title
    self.description = description
    self.severity = severity
  }
}

extension Report {
  /// Every rule a report speaks of, once each: the rules that ran, in their
  /// order, then any rule that has findings but did not run (the loader's
  /// `yaml-syntax` with `--no-default-rules`), by id. Such a rule has no
  /// title or description, and the severity of its most serious finding.
  var rulesWithFindings: [RuleDescription] {
    var seen = Set<String>()
    var rules = self.rules.filter { seen.insert($0.id).inserted }
    var extra: [String: Severity] = [:]
    for diagnostic in diagnostics where !seen.contains(diagnostic.rule) {
      extra[diagnostic.rule] = max(extra[diagnostic.rule] ?? diagnostic.severity, diagnostic.severity)
    }
    for id in extra.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      rules.append(RuleDescription(id: id, title: "", description: "", severity: extra[id]!))
    }
    return rules
  }
}
