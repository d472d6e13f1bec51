import OrgModel
import OrgYAML

/// A value while an expression is evaluated. Units are referred to by their
/// index in the model, so lists of units cost four bytes an entry.
enum ExprValue: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case list([ExprValue])
  case map([(key: String, value: ExprValue)])
  case unit(Int32)
  /// A unit of the model before a proposal (`old`).
  case oldUnit(Int32)

  init(_ data: DataValue) {
    switch data {
    case .null: self = .null
    case .bool(let value): self = .bool(value)
    case .int(let value): self = .int(value)
    case .double(let value): self = .double(value)
    case .string(let value): self = .string(value)
    case .list(let values): self = .list(values.map(ExprValue.init))
    case .map(let pairs): self = .map(pairs.map { ($0.key, ExprValue($0.value)) })
    }
  }

  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "bool"
    case .int: "int"
    case .double: "double"
    case .string: "string"
    case .list: "list"
    case .map: "map"
    case .unit, .oldUnit: "unit"
    }
  }

  /// The value as a message shows it; `before` names the units of `old`.
  func rendered(in model: Model, before: Model? = nil) -> String {
    switch self {
    case .null: "null"
    case .bool(let value): "\(value)"
    case .int(let value): "\(value)"
    case .double(let value): value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    case .string(let value): value
    case .list(let values): values.map { $0.rendered(in: model, before: before) }.joined(separator: ", ")
    case .map(let pairs):
      pairs.map { "\($0.key): \($0.value.rendered(in: model, before: before))" }.joined(separator: ", ")
    case .unit(let index): model.units[Int(index)].name
    case .oldUnit(let index): before?.units[Int(index)].name ?? "a unit before the proposal"
    }
  }

  static func equal(_ a: ExprValue, _ b: ExprValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.int(let x), .int(let y)): x == y
    case (.int(let x), .double(let y)), (.double(let y), .int(let x)): Double(x) == y
    case (.double(let x), .double(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.unit(let x), .unit(let y)), (.oldUnit(let x), .oldUnit(let y)): x == y
    case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.map(let x), .map(let y)):
      x.count == y.count && x.allSatisfy { pair in y.contains { $0.key == pair.key && equal($0.value, pair.value) } }
    default: false
    }
  }
}
