import OrgDiagnostics
import OrgModel
import OrgYAML
import Testing

/// Builds one model from files given as (name, YAML text), in that order.
func build(_ files: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws -> (
  Model, [Diagnostic]
) {
  var builder = ModelBuilder()
  for (name, text) in files {
    builder.add(try YAMLParser.parse(Array(text.utf8), file: name))
  }
  return builder.finish()
}

/// Builds a model from one file, `org.yaml`.
func build(_ text: String) throws -> (Model, [Diagnostic]) { try build([("org.yaml", text)]) }

/// Diagnostics as one comparable line each: location, severity, message and rule.
func lines(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message) [\($0.rule)]" }
}

func at(_ line: Int, _ column: Int, file: String = "org.yaml") -> Location {
  Location(file: file, line: line, column: column)
}

extension Model {
  /// The unit with `id`; fails the test when there is none.
  func unit(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Unit {
    let index = try #require(unit(withID: id), "no unit \(id)", sourceLocation: sourceLocation)
    return units[Int(index)]
  }

  /// The id of the parent a unit resolved to.
  func parentID(of id: String) -> String? {
    guard let index = unit(withID: id), let parent = parentIndex[Int(index)] else { return nil }
    return units[Int(parent)].id
  }

  /// The ids of a unit's children, in model order.
  func childIDs(of id: String) -> [String] {
    guard let index = unit(withID: id) else { return [] }
    return children(of: index).map { units[Int($0)].id }
  }

  var rootID: String? { root.map { units[Int($0)].id } }
}
