import OrgDiagnostics
import OrgReport
import OrgYAML

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Findings a team has accepted for now: `--write-baseline` records them,
/// `--baseline` leaves them out of the report. A finding is matched on what
/// it is about (`Diagnostic.identity`: rule, file, unit, message), not on its
/// line, so it stays matched when lines move or other units are added; each
/// entry matches one finding, so a second identical finding is new. Files
/// are written relative to the baseline's own folder, so that it matches
/// wherever orglint runs from.
public struct Baseline: Sendable {
  public struct Entry: Sendable, Equatable {
    public var rule: String
    public var file: String
    public var unit: String?
    public var message: String
    /// Where the finding was when recorded: for people, not for matching.
    public var line: Int
    /// Where the entry is in the baseline file, when read from one.
    public var position: Location?

    var identity: String {
      Diagnostic(
        rule: rule, severity: .error, message: message, location: Location(file: file, line: line, column: 1),
        unit: unit
      ).identity
    }
  }

  public var entries: [Entry]
  /// The baseline file's folder, absolute.
  let folder: String

  /// Today's findings, as a baseline to be written to `path`.
  public init(recording diagnostics: [Diagnostic], at path: String) {
    let folder = Self.folder(of: path)
    self.folder = folder
    entries = diagnostics.map { $0.relative(to: folder) }.sorted(by: Diagnostic.reportOrder).map {
      Entry(
        rule: $0.rule, file: $0.location.file, unit: $0.unit, message: $0.message, line: $0.location.line,
        position: nil)
    }
  }

  private init(entries: [Entry], folder: String) {
    self.entries = entries
    self.folder = folder
  }

  private static func folder(of path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
  }

  /// The findings the baseline does not hold, and the entries no finding
  /// matched any more (fixed, or changed beyond recognition).
  public func filter(_ diagnostics: [Diagnostic]) -> (new: [Diagnostic], gone: [Entry]) {
    var remaining: [String: Int] = [:]
    for entry in entries { remaining[entry.identity, default: 0] += 1 }
    var new: [Diagnostic] = []
    for diagnostic in diagnostics.sorted(by: Diagnostic.reportOrder) {
      let identity = diagnostic.relative(to: folder).identity
      if let count = remaining[identity], count > 0 {
        remaining[identity] = count - 1
      } else {
        new.append(diagnostic)
      }
    }
    // The entries left over, in file order: the last of identical ones go.
    var gone: [Entry] = []
    for entry in entries.reversed() {
      let identity = entry.identity
      if let count = remaining[identity], count > 0 {
        remaining[identity] = count - 1
        gone.append(entry)
      }
    }
    return (new, gone.reversed())
  }

  static let keys = ["orglint_baseline", "findings"]
  static let entryKeys = ["rule", "file", "unit", "message", "line"]

  /// The file `--write-baseline` writes: JSON (which is also YAML), one
  /// finding per line so that a diff of two baselines reads well.
  public func json() -> String {
    var out = "{\n  \"orglint_baseline\": 1,\n  \"findings\": ["
    for (index, entry) in entries.enumerated() {
      out += index == 0 ? "\n    " : ",\n    "
      out += "{ \"rule\": \(JSON.string(entry.rule)), \"file\": \(JSON.string(entry.file)), "
      out += "\"unit\": \(entry.unit.map(JSON.string) ?? "null"), \"line\": \(entry.line), "
      out += "\"message\": \(JSON.string(entry.message)) }"
    }
    out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
    return out
  }

  /// Reads a baseline file; a malformed one is an error at its place.
  public static func read(_ path: String) throws(ConfigError) -> Baseline {
    let tree = try ConfigError.tree(of: path, "the baseline file")
    var reader = TreeReader(tree: tree)
    var problems: [(message: String, location: Location)] = []
    var entries: [Entry] = []
    if let document = tree.documents.first, let fields = reader.fields(of: document, "a baseline", allowed: keys) {
      for field in fields {
        if field.key == "orglint_baseline" {
          if let version = reader.wholeNumber(field.value, "orglint_baseline"), version != 1 {
            problems.append(
              ("baseline version \(version) is not supported; this orglint reads 1", tree.location(field.value)))
          }
        } else {
          for item in reader.list(field.value, "findings") ?? [] {
            if let entry = readEntry(item, &reader) { entries.append(entry) }
          }
        }
      }
      if !fields.contains(where: { $0.key == "orglint_baseline" }) {
        problems.append(("a baseline needs 'orglint_baseline: 1'", tree.location(document)))
      }
    } else if tree.documents.isEmpty {
      problems.append(("the baseline file is empty", Location(file: path, line: 1, column: 1)))
    }
    problems += reader.diagnostics.map { ($0.message, $0.location) }
    guard problems.isEmpty else { throw ConfigError(problems: problems.sorted { $0.location < $1.location }) }
    return Baseline(entries: entries, folder: folder(of: path))
  }

  private static func readEntry(_ node: NodeID, _ reader: inout TreeReader) -> Entry? {
    guard let fields = reader.fields(of: node, "a baseline finding", allowed: entryKeys) else { return nil }
    var values: [String: NodeID] = [:]
    for field in fields { values[field.key] = field.value }
    for key in ["rule", "file", "message"] where values[key] == nil {
      reader.report("a baseline finding needs '\(key)'", at: node)
    }
    guard let ruleNode = values["rule"], let rule = reader.text(ruleNode, "rule"),
      let fileNode = values["file"], let file = reader.text(fileNode, "file"),
      let messageNode = values["message"], let message = reader.text(messageNode, "message")
    else { return nil }
    var unit: String?
    if let unitNode = values["unit"] {
      switch reader.data(unitNode, "unit") {
      case .string(let id)?: unit = id
      case .null?, nil: break
      default: reader.report("unit must be a unit's id or null", at: unitNode)
      }
    }
    let line = values["line"].flatMap { reader.wholeNumber($0, "line", minimum: 1) } ?? 1
    return Entry(
      rule: rule, file: file, unit: unit, message: message, line: line, position: reader.tree.location(node))
  }
}

extension Diagnostic {
  /// The finding with its file relative to `folder` (absolute when outside it).
  fileprivate func relative(to folder: String) -> Diagnostic {
    var moved = self
    let absolute = URL(fileURLWithPath: location.file).standardizedFileURL.path
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    moved.location.file = absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    return moved
  }
}
