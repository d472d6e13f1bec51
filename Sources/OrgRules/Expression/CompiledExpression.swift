import OrgDiagnostics
import OrgYAML

/// An expression parsed and checked when its rule is compiled, with where it
/// was written so that errors point into the rule file.
struct CompiledExpression: Sendable {
  let source: String
  let expr: Expr
  /// The scalar holding the expression, and whether it was quoted: a one-line
  /// expression's offsets then map to exact columns.
  let location: Location
  let columnShift: Int?

  /// Names an expression may use, and what little is known of their type.
  typealias Scope = [String: StaticType]

  static let functionArity: [String: Int] = [
    "size": 1, "int": 1, "double": 1, "string": 1, "lower": 1, "upper": 1, "startsWith": 2, "endsWith": 2,
    "contains": 2, "matches": 2, "sum": 1, "unit": 1, "targets": 2, "incoming": 2,
  ]

  init(_ source: String, at location: Location, quoted: Bool, scope: Scope) throws(RuleError) {
    self.source = source
    self.location = location
    self.columnShift = source.contains("\n") ? nil : (quoted ? 1 : 0)
    do {
      expr = try ExpressionParser.parse(source)
    } catch {
      throw RuleError(
        message: "invalid expression: \(error.message)", location: Self.locate(location, columnShift, error.offset))
    }
    do {
      _ = try Self.check(expr, scope)
    } catch {
      throw RuleError(
        message: "invalid expression: \(error.message)", location: Self.locate(location, columnShift, error.offset))
    }
  }

  func location(ofOffset offset: Int) -> Location { Self.locate(location, columnShift, offset) }

  private static func locate(_ location: Location, _ shift: Int?, _ offset: Int) -> Location {
    guard let shift else { return location }
    var result = location
    result.column += shift + offset
    return result
  }

  /// Checks names, calls and unit members before anything runs.
  private static func check(_ expr: Expr, _ scope: Scope) throws(ExpressionError) -> StaticType {
    switch expr {
    case .literal:
      return .other
    case .list(let items, _):
      for item in items { _ = try check(item, scope) }
      return .other
    case .identifier(let name, let offset):
      guard let type = scope[name] else {
        let known = scope.keys.sorted()
        let hint = closestMatch(to: name, in: known).map { "; did you mean '\($0)'?" } ?? ""
        throw ExpressionError(
          message: "unknown name '\(name)'\(hint) (known: \(known.joined(separator: ", ")))", offset: offset)
      }
      return type
    case .member(let base, let name, let offset):
      let baseType = try check(base, scope)
      guard baseType == .unit else { return .other }
      guard let member = UnitMember(rawValue: name) else {
        let hint =
          closestMatch(to: name, in: UnitMember.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
        throw ExpressionError(message: "a unit has no field '\(name)'\(hint)", offset: offset)
      }
      return member.yieldsUnits
    case .index(let base, let index, _):
      let baseType = try check(base, scope)
      _ = try check(index, scope)
      return baseType == .units ? .unit : .other
    case .has(let argument, _):
      _ = try check(argument, scope)
      return .other
    case .unary(_, let operand, _):
      _ = try check(operand, scope)
      return .other
    case .binary(_, let left, let right, _):
      _ = try check(left, scope)
      _ = try check(right, scope)
      return .other
    case .conditional(let condition, let then, let otherwise, _):
      _ = try check(condition, scope)
      let a = try check(then, scope)
      let b = try check(otherwise, scope)
      return a == b ? a : .other
    case .macro(let name, let receiver, let variable, let body, _):
      let receiverType = try check(receiver, scope)
      var inner = scope
      inner[variable] = receiverType == .units ? .unit : .other
      let bodyType = try check(body, inner)
      switch name {
      case "filter": return receiverType
      case "map": return bodyType == .unit ? .units : .other
      default: return .other
      }
    case .call(let name, let receiver, let arguments, let offset):
      guard let arity = functionArity[name] else {
        let hint = closestMatch(to: name, in: Array(functionArity.keys)).map { "; did you mean '\($0)'?" } ?? ""
        throw ExpressionError(message: "unknown function '\(name)'\(hint)", offset: offset)
      }
      let given = arguments.count + (receiver == nil ? 0 : 1)
      guard given == arity else {
        throw ExpressionError(
          message: "\(name)() takes \(arity) argument\(arity == 1 ? "" : "s"), given \(given)", offset: offset)
      }
      if let receiver { _ = try check(receiver, scope) }
      for argument in arguments { _ = try check(argument, scope) }
      switch name {
      case "unit": return .unit
      case "targets", "incoming": return .units
      default: return .other
      }
    }
  }
}

/// A rule or config file that cannot be used: the run stops (exit 2).
public struct RuleError: Error, Sendable {
  public var message: String
  public var location: Location

  public init(message: String, location: Location) {
    self.message = message
    self.location = location
  }
}
