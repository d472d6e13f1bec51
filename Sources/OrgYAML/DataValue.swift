/// Plain data read from YAML where no schema says what to expect (attributes,
/// rule options): YAML 1.2 core-schema typing for plain scalars, text for
/// quoted ones.
public indirect enum DataValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case list([DataValue])
  /// Keys in document order.
  case map([(key: String, value: DataValue)])

  public static func == (a: DataValue, b: DataValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.int(let x), .int(let y)): x == y
    case (.double(let x), .double(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.list(let x), .list(let y)): x == y
    case (.map(let x), .map(let y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let x): hasher.combine(x)
    case .int(let x): hasher.combine(x)
    case .double(let x): hasher.combine(x)
    case .string(let x): hasher.combine(x)
    case .list(let x): hasher.combine(x)
    case .map(let x):
      for (key, value) in x {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }

  /// Types a plain scalar by the YAML 1.2 core schema (not 1.1: `no` is text).
  package static func typedPlain(_ text: String) -> DataValue {
    // A word (`Kiruna`) is text: no null, boolean or number starts with a
    // letter other than these, and most attributes are words.
    if let letter = text.utf8.first.map({ $0 | 0x20 }),  // ASCII letters in lower case
      (0x61...0x7A).contains(letter), !"ntf".utf8.contains(letter)
    {
      return .string(text)
    }
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default: break
    }
    if let int = Int(text) { return .int(int) }
    if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true,
      let double = Double(text)
    {
      return .double(double)
    }
    return .string(text)
  }

  /// The value as YAML flow text (`{id: a, units: [b, c]}`), quoting only
  /// what a plain scalar could not hold.
  public func flowYAML(dropping droppedKeys: [String] = []) -> String {
    switch self {
    case .null: return "null"
    case .bool(let value): return "\(value)"
    case .int(let value): return "\(value)"
    case .double(let value): return "\(value)"
    case .string(let text): return Self.flowScalar(text)
    case .list(let values): return "[" + values.map { $0.flowYAML() }.joined(separator: ", ") + "]"
    case .map(let pairs):
      let shown = pairs.filter { !droppedKeys.contains($0.key) }
      return "{" + shown.map { Self.flowScalar($0.key) + ": " + $0.value.flowYAML() }.joined(separator: ", ") + "}"
    }
  }

  /// Plain words that YAML 1.1 readers (PyYAML, many editors) take for
  /// booleans: quoted on output so that other tools read them as text too.
  static let yaml11Booleans: Set<String> = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
  ]

  static func flowScalar(_ text: String) -> String {
    let special = ":{}[],#&*!|>'\"%@`\n"
    let needsQuotes =
      text.isEmpty || text.contains(where: { special.contains($0) }) || text.first == " " || text.last == " "
      || text.first == "-" || text.first == "?" || text.unicodeScalars.contains(where: needsEscape)
      || typedPlain(text) != .string(text) || yaml11Booleans.contains(text)
    guard needsQuotes else { return text }
    return "\"" + text.yamlEscaped() + "\""
  }
}

/// Control characters, C1 controls and the Unicode line separators: a plain
/// scalar cannot hold them and a double-quoted one must escape them.
private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
  scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    || scalar.value == 0xFFFE || scalar.value == 0xFFFF
}

extension String {
  /// The text as the inside of a YAML double-quoted scalar (also how
  /// messages quote text: one line, nothing invisible).
  func yamlEscaped() -> String {
    var out = ""
    // Scalars, not characters: "\r\n" is one Character but needs two escapes.
    for scalar in unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where needsEscape(scalar):
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out +=
          scalar.value <= 0xFF
          ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
          : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
