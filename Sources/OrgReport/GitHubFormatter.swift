import OrgDiagnostics

/// The report as GitHub Actions workflow commands: one line per finding,
/// `::error file=…,line=…,col=…,title=…::message` (`::warning` for
/// warnings, `::notice` for infos), which the runner turns into annotations
/// on the file and line. The title is the rule id and its title; the notes
/// (related locations, the change that caused it) follow the message on
/// lines of their own within the same annotation. Then the summary line.
public struct GitHubFormatter {
  public init() {}

  public func format(_ report: Report) -> String {
    var titles: [String: String] = [:]
    for rule in report.rulesWithFindings where titles[rule.id] == nil {
      titles[rule.id] = rule.title.trimmed.isEmpty ? rule.id : "\(rule.id): \(rule.title.trimmed)"
    }
    var out = ""
    for diagnostic in report.diagnostics {
      let command =
        switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
      var message = diagnostic.message
      if let change = diagnostic.change { message += "\nnote: caused by change \(change) of the proposal" }
      for related in diagnostic.related { message += "\n\(related.location): note: \(related.message)" }
      let location = diagnostic.location
      out += "::\(command) file=\(Self.property(location.file)),line=\(location.line),col=\(location.column)"
      out += ",title=\(Self.property(titles[diagnostic.rule] ?? diagnostic.rule))::\(Self.data(message))\n"
    }
    out += TextFormatter(colour: false, sourceLine: { _, _ in nil }).summary(report) + "\n"
    return out
  }

  /// The message of a command: `%`, carriage return and line feed
  /// percent-encoded, as the runner decodes them.
  static func data(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A property value: as data, and `:` and `,` too, which would end it.
  static func property(_ text: String) -> String {
    data(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
  }
}

extension String {
  fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
    var out = ""
    for scalar in unicodeScalars {
      if scalar == target { out += replacement } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }
}
