import Foundation
import OrgYAML
import Testing

/// A JSON value as the validator sees it: objects unordered, numbers whole
/// or not.
indirect enum JSON: Decodable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSON].self))
    }
  }

  /// Data read from YAML by orglint's own reader (YAML 1.2 core schema, as
  /// yaml-language-server reads it).
  init(_ data: DataValue) {
    switch data {
    case .null: self = .null
    case .bool(let value): self = .bool(value)
    case .int(let value): self = .int(value)
    case .double(let value): self = .double(value)
    case .string(let value): self = .string(value)
    case .list(let values): self = .array(values.map(JSON.init))
    case .map(let pairs):
      self = .object(Dictionary(pairs.map { ($0.key, JSON($0.value)) }, uniquingKeysWith: { first, _ in first }))
    }
  }

  /// A YAML file's one document.
  static func yaml(atPath path: String) throws -> JSON {
    let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
    let tree = try YAMLParser.parse(Array(bytes), file: path)
    guard let document = tree.documents.first else { return .null }
    var reader = TreeReader(tree: tree)
    let data = reader.data(document, "the document")
    return JSON(try #require(data, "\(path) cannot be read as data"))
  }

  var number: Double? {
    switch self {
    case .int(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }

  /// JSON Schema equality: 1 and 1.0 are the same number.
  func same(as other: JSON) -> Bool {
    switch (self, other) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.same(as: $1) }
    case (.object(let a), .object(let b)):
      a.count == b.count && a.allSatisfy { key, value in b[key].map { value.same(as: $0) } ?? false }
    default: number != nil && number == other.number
    }
  }
}

/// A validator of exactly the JSON Schema (draft-07) keywords orglint's
/// schemas use. A schema with any other keyword is refused when the
/// validator is made, so that no keyword can pass unchecked.
struct SchemaValidator {
  struct Failure: CustomStringConvertible {
    var keyword: String
    /// JSON Pointer of the value the keyword applies to ("" is the document).
    var pointer: String
    var message: String
    /// Why each branch of an anyOf or oneOf failed.
    var causes: [Failure] = []

    var description: String { "#\(pointer): \(keyword): \(message)" }

    /// This failure and every cause below it.
    var all: [Failure] { [self] + causes.flatMap(\.all) }
  }

  struct UnsupportedKeyword: Error, CustomStringConvertible {
    var keyword: String
    var schemaPath: String
    var description: String { "the validator does not implement '\(keyword)' (at #\(schemaPath))" }
  }

  static let annotations: Set<String> = ["$schema", "title", "description", "default"]
  static let keywords: Set<String> = annotations.union([
    "$ref", "definitions", "type", "const", "enum", "pattern", "minimum", "maximum", "minItems", "maxItems", "items",
    "properties", "patternProperties", "additionalProperties", "required", "dependencies", "anyOf", "oneOf",
  ])

  let root: [String: JSON]

  init(schema: JSON) throws {
    guard case .object(let root) = schema else { throw UnsupportedKeyword(keyword: "(not an object)", schemaPath: "") }
    self.root = root
    try Self.checkKeywords(root, at: "")
  }

  /// Refuses every keyword the validator does not implement, anywhere in
  /// the schema, also in branches no document reaches.
  private static func checkKeywords(_ schema: [String: JSON], at path: String) throws {
    for key in schema.keys.sorted() where !keywords.contains(key) {
      throw UnsupportedKeyword(keyword: key, schemaPath: path + "/" + key)
    }
    if schema["$ref"] != nil,
      let sibling = schema.keys.sorted().first(where: { $0 != "$ref" && !annotations.contains($0) })
    {
      throw UnsupportedKeyword(keyword: "\(sibling) beside $ref (draft-07 ignores it)", schemaPath: path)
    }
    func sub(_ value: JSON?, _ at: String) throws {
      guard let value else { return }
      guard case .object(let object) = value else {
        throw UnsupportedKeyword(keyword: "a schema that is not an object", schemaPath: at)
      }
      try checkKeywords(object, at: at)
    }
    for key in ["properties", "patternProperties", "definitions"] {
      if case .object(let map)? = schema[key] {
        for (name, value) in map { try sub(value, "\(path)/\(key)/\(name)") }
      }
    }
    try sub(schema["items"], path + "/items")
    if case .object? = schema["additionalProperties"] {
      try sub(schema["additionalProperties"], path + "/additionalProperties")
    }
    for key in ["anyOf", "oneOf"] {
      if case .array(let branches)? = schema[key] {
        for (index, branch) in branches.enumerated() { try sub(branch, "\(path)/\(key)/\(index)") }
      }
    }
  }

  func validate(_ value: JSON) -> [Failure] {
    check(value, against: root, at: "")
  }

  private func resolve(_ reference: String) -> [String: JSON] {
    let prefix = "#/definitions/"
    precondition(reference.hasPrefix(prefix), "only local definitions are used: \(reference)")
    guard case .object(let definitions)? = root["definitions"],
      case .object(let schema)? = definitions[String(reference.dropFirst(prefix.count))]
    else { preconditionFailure("no definition \(reference)") }
    return schema
  }

  private func check(_ value: JSON, against schema: [String: JSON], at pointer: String) -> [Failure] {
    if case .string(let reference)? = schema["$ref"] {
      return check(value, against: resolve(reference), at: pointer)
    }
    var failures: [Failure] = []
    func fail(_ keyword: String, _ message: String, causes: [Failure] = []) {
      failures.append(Failure(keyword: keyword, pointer: pointer, message: message, causes: causes))
    }
    if let type = schema["type"] {
      let types: [String]
      switch type {
      case .string(let name): types = [name]
      case .array(let names): types = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
      default: types = []
      }
      if !types.contains(where: { Self.matches(value, type: $0) }) {
        fail("type", "\(Self.describe(value)) is not of type \(types.joined(separator: ", "))")
      }
    }
    if let constant = schema["const"], !value.same(as: constant) {
      fail("const", "\(Self.describe(value)) is not \(Self.describe(constant))")
    }
    if case .array(let allowed)? = schema["enum"], !allowed.contains(where: value.same) {
      fail("enum", "\(Self.describe(value)) is not one of \(allowed.map(Self.describe).joined(separator: ", "))")
    }
    if case .string(let pattern)? = schema["pattern"], case .string(let text) = value {
      let regex = try! NSRegularExpression(pattern: pattern)
      if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
        fail("pattern", "\(Self.describe(value)) does not match \(pattern)")
      }
    }
    if let number = value.number {
      if let minimum = schema["minimum"]?.number, number < minimum { fail("minimum", "\(number) is below \(minimum)") }
      if let maximum = schema["maximum"]?.number, number > maximum { fail("maximum", "\(number) is above \(maximum)") }
    }
    if case .array(let items) = value {
      if let minimum = schema["minItems"]?.number, Double(items.count) < minimum {
        fail("minItems", "\(items.count) entries, fewer than \(Int(minimum))")
      }
      if let maximum = schema["maxItems"]?.number, Double(items.count) > maximum {
        fail("maxItems", "\(items.count) entries, more than \(Int(maximum))")
      }
      if case .object(let itemSchema)? = schema["items"] {
        for (index, item) in items.enumerated() {
          failures += check(item, against: itemSchema, at: "\(pointer)/\(index)")
        }
      }
    }
    if case .object(let object) = value {
      failures += checkObject(object, against: schema, at: pointer)
    }
    if case .array(let branches)? = schema["anyOf"] {
      let results = branches.map { branch in check(value, against: Self.object(branch), at: pointer) }
      if !results.contains(where: \.isEmpty) {
        fail("anyOf", "matches none of \(branches.count) alternatives", causes: results.flatMap { $0 })
      }
    }
    if case .array(let branches)? = schema["oneOf"] {
      let results = branches.map { branch in check(value, against: Self.object(branch), at: pointer) }
      let passing = results.filter(\.isEmpty).count
      if passing != 1 {
        fail(
          "oneOf", passing == 0 ? "matches none of \(branches.count) alternatives" : "matches \(passing) alternatives",
          causes: passing == 0 ? results.flatMap { $0 } : [])
      }
    }
    return failures
  }

  private func checkObject(_ object: [String: JSON], against schema: [String: JSON], at pointer: String) -> [Failure] {
    var failures: [Failure] = []
    let properties = Self.object(schema["properties"] ?? .object([:]))
    let patterns = Self.object(schema["patternProperties"] ?? .object([:]))
    for (key, value) in object.sorted(by: { $0.key < $1.key }) {
      var matched = false
      if case .object(let propertySchema)? = properties[key] {
        matched = true
        failures += check(value, against: propertySchema, at: "\(pointer)/\(key)")
      }
      for (pattern, patternSchema) in patterns {
        let regex = try! NSRegularExpression(pattern: pattern)
        if regex.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil {
          matched = true
          failures += check(value, against: Self.object(patternSchema), at: "\(pointer)/\(key)")
        }
      }
      guard !matched else { continue }
      switch schema["additionalProperties"] {
      case .bool(false)?:
        failures.append(Failure(keyword: "additionalProperties", pointer: pointer, message: "unknown key '\(key)'"))
      case .object(let additional)?:
        failures += check(value, against: additional, at: "\(pointer)/\(key)")
      default: break
      }
    }
    if case .array(let required)? = schema["required"] {
      for case .string(let key) in required where object[key] == nil {
        failures.append(Failure(keyword: "required", pointer: pointer, message: "missing required key '\(key)'"))
      }
    }
    if case .object(let dependencies)? = schema["dependencies"] {
      for (key, needed) in dependencies.sorted(by: { $0.key < $1.key }) where object[key] != nil {
        guard case .array(let names) = needed else { continue }
        for case .string(let name) in names where object[name] == nil {
          failures.append(Failure(keyword: "dependencies", pointer: pointer, message: "'\(key)' needs '\(name)'"))
        }
      }
    }
    return failures
  }

  private static func object(_ value: JSON) -> [String: JSON] {
    if case .object(let object) = value { return object }
    return [:]
  }

  private static func matches(_ value: JSON, type: String) -> Bool {
    switch (type, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
    case ("number", .int), ("number", .double), ("integer", .int): true
    case ("integer", .double(let number)): number.rounded() == number
    default: false
    }
  }

  private static func describe(_ value: JSON) -> String {
    switch value {
    case .null: "null"
    case .bool(let value): "\(value)"
    case .int(let value): "\(value)"
    case .double(let value): "\(value)"
    case .string(let text): "\"\(text)\""
    case .array: "a list"
    case .object: "a mapping"
    }
  }
}
