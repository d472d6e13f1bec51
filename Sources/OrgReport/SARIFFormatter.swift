import OrgDiagnostics

/// The report as a SARIF 2.1.0 log that GitHub code scanning accepts: one
/// run, the rules with their descriptions and help, and one result per
/// finding with its location, related locations and a fingerprint that
/// survives edits elsewhere in the file.
///
/// Columns count Unicode code points (`columnKind`), as orglint's do.
/// Relative paths stay relative, against `%SRCROOT%` (GitHub takes them
/// from the repository root); absolute ones become `file://` URIs.
public struct SARIFFormatter {
  /// The version of orglint written as `tool.driver.version`.
  let toolVersion: String

  public init(toolVersion: String) {
    self.toolVersion = toolVersion
  }

  public func format(_ report: Report) -> String {
    let rules = report.rulesWithFindings
    var ruleIndex: [String: Int] = [:]
    for (index, rule) in rules.enumerated() { ruleIndex[rule.id] = index }

    // Identical findings (same rule, file, unit and message) are told apart
    // by their order: the first is :1, the next :2, as GitHub numbers its
    // own line hashes.
    var occurrences: [String: Int] = [:]
    let results: [JSONValue] = report.diagnostics.map { diagnostic in
      let identity = diagnostic.identity
      occurrences[identity, default: 0] += 1
      var result: [(key: String, value: JSONValue)] = [
        ("ruleId", .string(diagnostic.rule)),
        ("ruleIndex", .int(ruleIndex[diagnostic.rule] ?? 0)),
        ("level", .string(Self.level(diagnostic.severity))),
        ("message", .object([("text", .string(diagnostic.message.isEmpty ? diagnostic.rule : diagnostic.message))])),
        ("locations", .array([.object([("physicalLocation", Self.physicalLocation(diagnostic.location))])])),
      ]
      if !diagnostic.related.isEmpty {
        result.append(
          (
            "relatedLocations",
            .array(
              diagnostic.related.enumerated().map { index, related in
                .object([
                  ("id", .int(index + 1)),
                  ("physicalLocation", Self.physicalLocation(related.location)),
                  ("message", .object([("text", .string(related.message))])),
                ])
              })
          ))
      }
      result.append(
        (
          "partialFingerprints",
          .object([("orglintFinding/v1", .string("\(stableHash(identity)):\(occurrences[identity]!)"))])
        ))
      var properties: [(key: String, value: JSONValue)] = []
      if let unit = diagnostic.unit { properties.append(("unit", .string(unit))) }
      if let change = diagnostic.change { properties.append(("change", .int(change))) }
      if !properties.isEmpty { result.append(("properties", .object(properties))) }
      return .object(result)
    }

    var driver: [(key: String, value: JSONValue)] = [("name", .string("orglint"))]
    if !toolVersion.isEmpty { driver.append(("version", .string(toolVersion))) }
    driver.append(("rules", .array(rules.map(Self.rule))))
    let log: JSONValue = .object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      (
        "runs",
        .array([
          .object([
            ("tool", .object([("driver", .object(driver))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
          ])
        ])
      ),
    ])
    return log.rendered()
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  /// A rule as GitHub wants it: every text it requires present and not
  /// empty, the descriptions within its 1024 characters; the help is the
  /// whole description.
  static func rule(_ rule: RuleDescription) -> JSONValue {
    let title = rule.title.trimmed.isEmpty ? rule.id : rule.title.trimmed
    let description = rule.description.trimmed.isEmpty ? title : rule.description.trimmed
    // Descriptions are written in Markdown (`code`), as docs/rules.md shows them.
    let help = "\(description)\n\n`orglint rules \(rule.id)` explains the rule, with its options and examples."
    return .object([
      ("id", .string(rule.id)),
      ("shortDescription", .object([("text", .string(limited(title)))])),
      ("fullDescription", .object([("text", .string(limited(description)))])),
      (
        "help",
        .object([
          ("text", .string(help)),
          ("markdown", .string(help)),
        ])
      ),
      ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
    ])
  }

  static func physicalLocation(_ location: Location) -> JSONValue {
    var artifact: [(key: String, value: JSONValue)] = []
    let (uri, relative) = artifactURI(location.file)
    artifact.append(("uri", .string(uri)))
    if relative { artifact.append(("uriBaseId", .string("%SRCROOT%"))) }
    // SARIF counts from 1; a location orglint could not place is its start.
    return .object([
      ("artifactLocation", .object(artifact)),
      (
        "region",
        .object([("startLine", .int(max(1, location.line))), ("startColumn", .int(max(1, location.column)))])
      ),
    ])
  }

  /// A path as a URI reference: relative stays relative (without a leading
  /// `./`), absolute becomes `file://`; every byte that a URI path may not
  /// hold as it is (spaces, `%`, `:`, `#`, `?`, non-ASCII) is
  /// percent-encoded. `:` is encoded too, so that a relative path such as
  /// `a:b.yaml` cannot read as a URI scheme.
  static func artifactURI(_ path: String) -> (uri: String, relative: Bool) {
    var path = Substring(path)
    while path.hasPrefix("./") { path = path.dropFirst(2).drop { $0 == "/" } }
    var encoded = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"):
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      case _ where "-._~!$&'()*+,;=@/".utf8.contains(byte):
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return path.hasPrefix("/") ? ("file://" + encoded, false) : (encoded, true)
  }

  /// At most 1024 characters (GitHub's limit for rule descriptions),
  /// counted in UTF-16 code units so that no counting can exceed it.
  static func limited(_ text: String, to limit: Int = 1024) -> String {
    guard text.utf16.count > limit else { return text }
    var out = ""
    var used = 0
    for character in text {
      let size = character.utf16.count
      if used + size > limit - 1 { break }
      out.append(character)
      used += size
    }
    return out + "…"
  }
}

extension String {
  /// Without white space (a folded YAML description's final newline) at either end.
  var trimmed: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}
