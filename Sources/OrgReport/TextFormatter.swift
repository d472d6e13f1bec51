import OrgDiagnostics

/// The compiler convention that editors and CI parse:
/// `path:line:column: severity: message [rule]`, then the source line with a
/// caret under the column (as clang and rustc show it), indented notes for
/// related locations, and a summary line.
public struct TextFormatter {
  public var colour: Bool
  /// The text of a line of a file (1-based), when it can be read.
  public var sourceLine: (String, Int) -> String?

  public init(colour: Bool, sourceLine: @escaping (String, Int) -> String?) {
    self.colour = colour
    self.sourceLine = sourceLine
  }

  public func format(_ report: Report) -> String {
    var out = ""
    for diagnostic in report.diagnostics {
      let location = diagnostic.location
      out +=
        paint("\(location):", .bold) + " "
        + paint("\(diagnostic.severity.rawValue):", severityStyle(diagnostic.severity))
      out += " " + paint(diagnostic.message, .bold) + " [\(diagnostic.rule)]\n"
      if let line = sourceLine(location.file, location.line) {
        out += snippet(line, location)
      }
      if let change = diagnostic.change {
        out += "  " + paint("note:", .note) + " caused by change \(change) of the proposal\n"
      }
      for related in diagnostic.related {
        out += "  \(related.location): " + paint("note:", .note) + " \(related.message)\n"
      }
    }
    out += summary(report) + "\n"
    return out
  }

  private func snippet(_ line: String, _ location: Location) -> String {
    let number = String(location.line)
    let gutter = String(repeating: " ", count: number.count)
    // Keep tabs in the padding so the caret lines up under tab-indented text.
    let padding = String(line.unicodeScalars.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " })
    return " \(number) | \(line)\n \(gutter) | \(padding)" + paint("^", .caret) + "\n"
  }

  public func summary(_ report: Report) -> String {
    func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
    let checked = "in \(plural(report.files, "file")) (\(plural(report.units, "unit")))"
    if report.diagnostics.isEmpty { return "No findings \(checked)." }
    return
      "\(plural(report.count(.error), "error")), \(plural(report.count(.warning), "warning")), \(plural(report.count(.info), "info")) \(checked)."
  }

  enum Style: String {
    case bold = "1"
    case error = "1;31"
    case warning = "1;33"
    case info = "1;36"
    case note = "1;34"
    case caret = "1;32"
  }

  private func severityStyle(_ severity: Severity) -> Style {
    switch severity {
    case .error: .error
    case .warning: .warning
    case .info: .info
    }
  }

  private func paint(_ text: String, _ style: Style) -> String {
    colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }
}
