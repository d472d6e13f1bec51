import OrgDiagnostics

/// Everything a formatter needs: the findings, sorted, and what was checked.
public struct Report: Sendable {
  public var diagnostics: [Diagnostic]
  public var files: Int
  public var units: Int

  public init(diagnostics: [Diagnostic], files: Int, units: Int) {
    self.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
    self.files = files
    self.units = units
  }

  public func count(_ severity: Severity) -> Int { diagnostics.count { $0.severity == severity } }
}

/// The output formats of `orglint check --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, json
}
