import OrgDiagnostics
import OrgYAML
import Testing

/// Parses YAML text as the file `t.yaml`.
func parse(_ yaml: String, file: String = "t.yaml", maxDepth: Int = YAMLParser.defaultMaxDepth) throws -> YAMLTree {
  try YAMLParser.parse(Array(yaml.utf8), file: file, maxDepth: maxDepth)
}

/// The syntax error parsing `bytes` gives, or nil when they parse.
func syntaxError(_ bytes: [UInt8], maxDepth: Int = YAMLParser.defaultMaxDepth) -> YAMLSyntaxError? {
  do {
    _ = try YAMLParser.parse(bytes, file: "t.yaml", maxDepth: maxDepth)
    return nil
  } catch {
    return error
  }
}

func syntaxError(_ yaml: String) -> YAMLSyntaxError? { syntaxError(Array(yaml.utf8)) }

/// A location in `t.yaml`.
func at(_ line: Int, _ column: Int, file: String = "t.yaml") -> Location {
  Location(file: file, line: line, column: column)
}

/// Diagnostics as one comparable line each: location, severity, message and rule.
func lines(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message) [\($0.rule)]" }
}

extension YAMLTree {
  /// The value of `key` in a mapping (the first pair with that text).
  func value(_ key: String, in mapping: NodeID) -> NodeID? {
    pairs(mapping).first { kind($0.key) == .scalar && text($0.key) == key }?.value
  }

  /// The value of `key` in the first document's root mapping; fails the test when absent.
  func top(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> NodeID {
    let root = try #require(documents.first, sourceLocation: sourceLocation)
    return try #require(value(key, in: root), "no key \(key)", sourceLocation: sourceLocation)
  }
}

/// The "billion laughs" document: nine levels of nine aliases each.
let billionLaughs: String = {
  var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
  let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
  for level in 1..<names.count {
    let previous = names[level - 1]
    let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
    text += "\(names[level]): &\(names[level]) [\(aliases)]\n"
  }
  return text
}()
