import OrgDiagnostics

/// The JSON report of contract section 4, keys in the contract's order, so
/// that the same input gives byte-identical output.
public struct JSONFormatter {
  public init() {}

  public func format(_ report: Report) -> String {
    var out = "{\n  \"orglint\": 1,\n  \"diagnostics\": ["
    for (index, diagnostic) in report.diagnostics.enumerated() {
      out += index == 0 ? "\n" : ",\n"
      out += "    {\n"
      out += "      \"rule\": \(JSON.string(diagnostic.rule)),\n"
      out += "      \"severity\": \(JSON.string(diagnostic.severity.rawValue)),\n"
      out += "      \"message\": \(JSON.string(diagnostic.message)),\n"
      out += "      \"file\": \(JSON.string(diagnostic.location.file)),\n"
      out += "      \"line\": \(diagnostic.location.line),\n"
      out += "      \"column\": \(diagnostic.location.column),\n"
      out += "      \"unit\": \(diagnostic.unit.map(JSON.string) ?? "null"),\n"
      out += "      \"change\": \(diagnostic.change.map(String.init) ?? "null"),\n"
      out += "      \"related\": ["
      for (relatedIndex, related) in diagnostic.related.enumerated() {
        out += relatedIndex == 0 ? "\n" : ",\n"
        out += "        { \"file\": \(JSON.string(related.location.file)), \"line\": \(related.location.line), "
        out += "\"column\": \(related.location.column), \"message\": \(JSON.string(related.message)) }"
      }
      out += diagnostic.related.isEmpty ? "]\n" : "\n      ]\n"
      out += "    }"
    }
    out += report.diagnostics.isEmpty ? "],\n" : "\n  ],\n"
    out += "  \"summary\": { \"errors\": \(report.count(.error)), \"warnings\": \(report.count(.warning)), "
    out += "\"infos\": \(report.count(.info)), \"files\": \(report.files), \"units\": \(report.units) }\n}\n"
    return out
  }
}
