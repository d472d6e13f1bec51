import OrgDiagnostics
import OrgYAML

/// The schemas of the keys of one kind of mapping. The key names are the
/// loader's own list; the table gives each a type and a description. A key
/// the loader allows but the table lacks still appears (as anything), and a
/// test fails on it, as it does on a table entry the loader does not allow.
struct KeyTable: Sendable {
  /// What the mapping is, for messages: "a unit".
  let what: String
  /// The keys the loader allows, in its order.
  let loaderKeys: [String]
  let entries: [String: JSONSchema]

  var properties: [(name: String, schema: JSONSchema)] {
    loaderKeys.map { ($0, entries[$0] ?? .anything) }
  }

  /// Loader keys without an entry.
  var undescribed: [String] { loaderKeys.filter { entries[$0] == nil } }
  /// Entries for keys the loader does not allow.
  var unknown: [String] { entries.keys.filter { !loaderKeys.contains($0) }.sorted() }
}

/// The value types of the formats, as the loaders read them (TreeReader).
/// Editors read YAML 1.2, as orglint does, so `id: no` is text for both.
enum Value {
  /// Text: any scalar, taken as written (`name: 1177` is the text "1177").
  /// An empty value (`name:`) is null to an editor and missing to orglint.
  static let textType = JSONSchema.of(.string, .number, .boolean)

  static func text(_ description: String) -> JSONSchema { textType.described(description) }

  /// An id: text that is not empty and holds no whitespace.
  static let idPattern = "^\\S+$"
  static let idType = JSONSchema.of(.string, .number, .boolean, pattern: idPattern)

  static func id(_ description: String) -> JSONSchema { idType.described(description) }

  /// `YYYY-MM-DD`; orglint also checks that the day exists in its month.
  static let datePattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

  static func date(_ description: String) -> JSONSchema {
    JSONSchema.of(.string, pattern: datePattern).described(description)
  }

  static func wholeNumber(_ description: String, minimum: Int? = nil, maximum: Int? = nil) -> JSONSchema {
    JSONSchema.of(.integer).bounded(minimum, maximum).described(description)
  }

  static func headcount(_ description: String) -> JSONSchema {
    wholeNumber(description, minimum: 0, maximum: maximumHeadcount)
  }

  static func flag(_ description: String) -> JSONSchema {
    JSONSchema.of(.boolean).described(description)
  }

  static func ids(_ description: String, minItems: Int? = nil) -> JSONSchema {
    JSONSchema.list(of: idType, minItems: minItems).described(description)
  }

  static func texts(_ description: String, minItems: Int? = nil) -> JSONSchema {
    JSONSchema.list(of: textType, minItems: minItems).described(description)
  }

  /// One id, or a list of ids.
  static func idOrIDs(_ description: String) -> JSONSchema {
    JSONSchema.anyOf([idType, JSONSchema.list(of: idType)]).described(description)
  }

  /// One text, or a list of texts.
  static func textOrTexts(_ description: String) -> JSONSchema {
    JSONSchema.anyOf([textType, JSONSchema.list(of: textType)]).described(description)
  }

  /// The `orglint:` format version: only 1 exists.
  static let formatVersion = JSONSchema.constant(.int(1))
    .described("The format version. Optional; 1 is the only one.")
}
