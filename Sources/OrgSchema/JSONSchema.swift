import OrgDiagnostics

/// A JSON Schema (draft-07, the newest draft yaml-language-server supports
/// in full), limited to the keywords orglint's schemas use. `json` writes
/// the keywords in one fixed order, so the output never changes by chance.
public struct JSONSchema: Sendable {
  public enum JSONType: String, Sendable {
    case object, array, string, integer, number, boolean, null
  }

  /// What a mapping says about keys its `properties` do not name.
  public indirect enum Additional: Sendable {
    case forbidden
    case schema(JSONSchema)
  }

  public static let draft = "http://json-schema.org/draft-07/schema#"

  /// Written on the root schema only.
  public var schemaURI: String?
  /// `#/definitions/NAME`.
  public var ref: String?
  public var title: String?
  public var description: String?
  public var types: [JSONType] = []
  public var constant: JSONValue?
  public var allowed: [JSONValue]?
  public var defaultValue: JSONValue?
  public var pattern: String?
  public var minimum: Int?
  public var maximum: Int?
  public var minItems: Int?
  public var maxItems: Int?
  /// One schema for every entry of a list (an array of none or one).
  private var itemStorage: [JSONSchema] = []
  public var properties: [(name: String, schema: JSONSchema)] = []
  public var patternProperties: [(pattern: String, schema: JSONSchema)] = []
  public var additionalProperties: Additional?
  public var required: [String] = []
  /// `dependencies` in its list form: when the key is given, these must be too.
  public var dependencies: [(key: String, requires: [String])] = []
  public var anyOf: [JSONSchema] = []
  public var oneOf: [JSONSchema] = []
  public var definitions: [(name: String, schema: JSONSchema)] = []

  public init() {}

  public var items: JSONSchema? {
    get { itemStorage.first }
    set { itemStorage = newValue.map { [$0] } ?? [] }
  }

  /// The schema as a JSON value, keywords in a fixed order.
  public var json: JSONValue {
    var pairs: [(key: String, value: JSONValue)] = []
    func add(_ key: String, _ value: JSONValue?) {
      if let value { pairs.append((key, value)) }
    }
    add("$schema", schemaURI.map(JSONValue.string))
    add("$ref", ref.map(JSONValue.string))
    add("title", title.map(JSONValue.string))
    add("description", description.map(JSONValue.string))
    if types.count == 1 {
      add("type", .string(types[0].rawValue))
    } else if !types.isEmpty {
      add("type", .array(types.map { .string($0.rawValue) }))
    }
    add("const", constant)
    add("enum", allowed.map(JSONValue.array))
    add("default", defaultValue)
    add("pattern", pattern.map(JSONValue.string))
    add("minimum", minimum.map(JSONValue.int))
    add("maximum", maximum.map(JSONValue.int))
    add("minItems", minItems.map(JSONValue.int))
    add("maxItems", maxItems.map(JSONValue.int))
    add("items", items?.json)
    if !properties.isEmpty { add("properties", .object(properties.map { ($0.name, $0.schema.json) })) }
    if !patternProperties.isEmpty {
      add("patternProperties", .object(patternProperties.map { ($0.pattern, $0.schema.json) }))
    }
    switch additionalProperties {
    case .forbidden: add("additionalProperties", .bool(false))
    case .schema(let schema): add("additionalProperties", schema.json)
    case nil: break
    }
    if !required.isEmpty { add("required", .array(required.map(JSONValue.string))) }
    if !dependencies.isEmpty {
      add("dependencies", .object(dependencies.map { ($0.key, .array($0.requires.map(JSONValue.string))) }))
    }
    if !anyOf.isEmpty { add("anyOf", .array(anyOf.map(\.json))) }
    if !oneOf.isEmpty { add("oneOf", .array(oneOf.map(\.json))) }
    if !definitions.isEmpty { add("definitions", .object(definitions.map { ($0.name, $0.schema.json) })) }
    return .object(pairs)
  }
}

// MARK: building

extension JSONSchema {
  /// Any value at all (`{}`).
  static let anything = JSONSchema()

  static func of(_ types: JSONType..., pattern: String? = nil) -> JSONSchema {
    var schema = JSONSchema()
    schema.types = types
    schema.pattern = pattern
    return schema
  }

  static func ref(_ definition: String) -> JSONSchema {
    var schema = JSONSchema()
    schema.ref = "#/definitions/" + definition
    return schema
  }

  static func constant(_ value: JSONValue) -> JSONSchema {
    var schema = JSONSchema()
    schema.constant = value
    return schema
  }

  static func oneOf(_ texts: [String]) -> JSONSchema {
    var schema = JSONSchema()
    schema.allowed = texts.map(JSONValue.string)
    return schema
  }

  static func list(of item: JSONSchema, minItems: Int? = nil) -> JSONSchema {
    var schema = JSONSchema.of(.array)
    schema.items = item
    schema.minItems = minItems
    return schema
  }

  /// A mapping with these keys; `closed` forbids every other key, as the
  /// loaders report unknown keys.
  static func mapping(
    _ properties: [(name: String, schema: JSONSchema)], required: [String] = [], closed: Bool = true
  ) -> JSONSchema {
    var schema = JSONSchema.of(.object)
    schema.properties = properties
    schema.required = required
    if closed { schema.additionalProperties = .forbidden }
    return schema
  }

  /// A mapping whose keys are free and whose values follow `values`.
  static func dictionary(of values: JSONSchema) -> JSONSchema {
    var schema = JSONSchema.of(.object)
    schema.additionalProperties = .schema(values)
    return schema
  }

  static func anyOf(_ schemas: [JSONSchema]) -> JSONSchema {
    var schema = JSONSchema()
    schema.anyOf = schemas
    return schema
  }

  func described(_ text: String) -> JSONSchema {
    var copy = self
    copy.description = text
    return copy
  }

  func defaulting(to value: JSONValue) -> JSONSchema {
    var copy = self
    copy.defaultValue = value
    return copy
  }

  func bounded(_ minimum: Int?, _ maximum: Int?) -> JSONSchema {
    var copy = self
    copy.minimum = minimum
    copy.maximum = maximum
    return copy
  }
}
