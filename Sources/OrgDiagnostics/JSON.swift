/// JSON as orglint writes it, byte for byte the same for the same value:
/// the JSON report, SARIF, baselines, schemas.

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

/// A JSON value whose objects keep their keys in the order given, so that
/// the same value is always written as the same bytes.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.int(let x), .int(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
    default: false
    }
  }

  /// The value as JSON text: two spaces of indentation, one key a line,
  /// arrays of scalars on one line, and a final newline.
  public func rendered() -> String {
    var out = ""
    write(to: &out, indent: "")
    return out + "\n"
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  private func write(to out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .string(let text): out += JSON.string(text)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
      } else if items.allSatisfy(\.isScalar) {
        out += "["
        for (index, item) in items.enumerated() {
          if index > 0 { out += ", " }
          item.write(to: &out, indent: indent)
        }
        out += "]"
      } else {
        let inner = indent + "  "
        out += "[\n"
        for (index, item) in items.enumerated() {
          out += inner
          item.write(to: &out, indent: inner)
          out += index < items.count - 1 ? ",\n" : "\n"
        }
        out += indent + "]"
      }
    case .object(let pairs):
      guard !pairs.isEmpty else {
        out += "{}"
        return
      }
      let inner = indent + "  "
      out += "{\n"
      for (index, pair) in pairs.enumerated() {
        out += inner + JSON.string(pair.key) + ": "
        pair.value.write(to: &out, indent: inner)
        out += index < pairs.count - 1 ? ",\n" : "\n"
      }
      out += indent + "}"
    }
  }
}
