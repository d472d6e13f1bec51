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

/// JSON text escaping (RFC 8259), shared by every JSON writer. DEL and the
/// C1 controls are escaped too, which JSON allows and YAML requires: a
/// baseline written as JSON is read back with the YAML parser.
public enum JSON {
  public static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
