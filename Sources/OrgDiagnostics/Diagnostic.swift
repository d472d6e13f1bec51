/// One finding: the type every stage of the pipeline speaks.
///
/// A diagnostic always carries a location; `related` points at further places
/// that explain it (the first of two duplicate ids, the unit a change affected).
public struct Diagnostic: Hashable, Sendable {
  public struct Related: Hashable, Sendable {
    public var location: Location
    public var message: String

    public init(_ location: Location, _ message: String) {
      self.location = location
      self.message = message
    }
  }

  public var rule: String
  public var severity: Severity
  public var message: String
  public var location: Location
  /// Id of the unit concerned, if any.
  public var unit: String?
  /// 1-based index of the proposal change that caused the finding, if any.
  public var change: Int?
  public var related: [Related]

  public init(
    rule: String, severity: Severity, message: String, location: Location,
    unit: String? = nil, change: Int? = nil, related: [Related] = []
  ) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.location = location
    self.unit = unit
    self.change = change
    self.related = related
  }

  /// The order of every report: file, line, column, rule, then the rest so
  /// that the same input always gives the same bytes.
  public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    if a.location != b.location { return a.location < b.location }
    if a.rule != b.rule { return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8) }
    if a.message != b.message { return a.message.utf8.lexicographicallyPrecedes(b.message.utf8) }
    return (a.unit ?? "").utf8.lexicographicallyPrecedes((b.unit ?? "").utf8)
  }
}

/// The ids of the findings that the loader itself produces.
public enum LoaderRule {
  public static let yamlSyntax = "yaml-syntax"
  public static let invalidDocument = "invalid-document"
}
