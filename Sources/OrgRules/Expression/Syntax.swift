/// The syntax tree of an expression. `offset` is the position (in Unicode
/// scalars) in the expression's text, for located errors.
indirect enum Expr: Sendable {
  case literal(ExprValue)
  case list([Expr], offset: Int)
  case identifier(String, offset: Int)
  case member(Expr, String, offset: Int)
  case index(Expr, Expr, offset: Int)
  case call(String, receiver: Expr?, arguments: [Expr], offset: Int)
  /// `list.all(x, predicate)` and its kin bind a variable.
  case macro(String, receiver: Expr, variable: String, body: Expr, offset: Int)
  case has(Expr, offset: Int)
  case unary(String, Expr, offset: Int)
  case binary(String, Expr, Expr, offset: Int)
  case conditional(Expr, Expr, Expr, offset: Int)

  var offset: Int {
    switch self {
    case .literal: 0
    case .list(_, let offset), .identifier(_, let offset), .member(_, _, let offset), .index(_, _, let offset),
      .call(_, _, _, let offset), .macro(_, _, _, _, let offset), .has(_, let offset),
      .unary(_, _, let offset), .binary(_, _, _, let offset), .conditional(_, _, _, let offset):
      offset
    }
  }
}

/// A problem with an expression, at an offset into its text.
struct ExpressionError: Error {
  var message: String
  var offset: Int
}

/// Reads the CEL subset that rules use: literals, lists, `.` member access,
/// `[]` indexing, calls and method calls, the macros `has`, `all`, `exists`,
/// `exists_one`, `filter`, `map`, and the operators
/// `! - * / % + < <= > >= == != in && || ?:` with CEL's precedence.
struct ExpressionParser {
  private enum Token: Equatable {
    case identifier(String), int(Int), double(Double), string(String), symbol(String), end
  }

  private var tokens: [(Token, Int)] = []
  private var position = 0
  /// How deep the parser has recursed, counted where every nesting passes
  /// (a parenthesis, a `!`, a ternary's condition); bounded so that `((((…`
  /// cannot overflow the stack.
  private var depth = 0
  static let maxDepth = 200

  static let macros: Set<String> = ["all", "exists", "exists_one", "filter", "map"]

  static func parse(_ text: String) throws(ExpressionError) -> Expr {
    var parser = ExpressionParser()
    parser.tokens = try tokenize(text)
    let expr = try parser.parseConditional()
    if case (let token, let offset) = parser.tokens[parser.position], token != .end {
      throw ExpressionError(message: "unexpected \(describe(token)) after the end of the expression", offset: offset)
    }
    return expr
  }

  private static func describe(_ token: Token) -> String {
    switch token {
    case .identifier(let name): "'\(name)'"
    case .int(let value): "\(value)"
    case .double(let value): "\(value)"
    case .string(let value): "'\(value)'"
    case .symbol(let symbol): "'\(symbol)'"
    case .end: "end of expression"
    }
  }

  private static let symbols = [
    "&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":",
    "(", ")", "[", "]", ",", ".", "{", "}",
  ].map { (text: $0, scalars: Array($0.unicodeScalars)) }

  private static func tokenize(_ text: String) throws(ExpressionError) -> [(Token, Int)] {
    let scalars = Array(text.unicodeScalars)
    var result: [(Token, Int)] = []
    var i = 0
    // ASCII first: looking up a scalar's properties costs hundreds of
    // instructions, and every rule's expressions are read at every start.
    func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
      c.isASCII ? c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) : c.properties.isAlphabetic
    }
    func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || ("0"..."9").contains(c) }
    func isWhitespace(_ c: Unicode.Scalar) -> Bool {
      c.isASCII ? c == " " || ("\t"..."\r").contains(c) : c.properties.isWhitespace
    }
    while i < scalars.count {
      let c = scalars[i]
      let start = i
      if isWhitespace(c) {
        i += 1
      } else if isIdentifierStart(c) {
        while i < scalars.count && isIdentifierPart(scalars[i]) { i += 1 }
        result.append((.identifier(String(scalars: scalars[start..<i])), start))
      } else if ("0"..."9").contains(c) {
        while i < scalars.count && ("0"..."9").contains(scalars[i]) { i += 1 }
        var isDouble = false
        if i + 1 < scalars.count, scalars[i] == ".", ("0"..."9").contains(scalars[i + 1]) {
          isDouble = true
          i += 1
          while i < scalars.count && ("0"..."9").contains(scalars[i]) { i += 1 }
        }
        let literal = String(scalars: scalars[start..<i])
        if isDouble, let value = Double(literal) {
          result.append((.double(value), start))
        } else if let value = Int(literal) {
          result.append((.int(value), start))
        } else {
          throw ExpressionError(message: "number \(literal) is too large", offset: start)
        }
      } else if c == "'" || c == "\"" {
        i += 1
        var value = String.UnicodeScalarView()
        while true {
          guard i < scalars.count else { throw ExpressionError(message: "unterminated string", offset: start) }
          let d = scalars[i]
          if d == c { break }
          if d == "\\" {
            i += 1
            guard i < scalars.count else { throw ExpressionError(message: "unterminated string", offset: start) }
            switch scalars[i] {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "\\", "'", "\"": value.append(scalars[i])
            default: throw ExpressionError(message: "unknown escape \\\(scalars[i])", offset: i - 1)
            }
          } else {
            value.append(d)
          }
          i += 1
        }
        i += 1
        result.append((.string(String(value)), start))
      } else if let symbol = symbols.first(where: { scalars[i...].starts(with: $0.scalars) }) {
        i += symbol.scalars.count
        result.append((.symbol(symbol.text), start))
      } else {
        throw ExpressionError(message: "unexpected character '\(c)'", offset: start)
      }
    }
    result.append((.end, scalars.count))
    return result
  }

  private var current: Token { tokens[position].0 }
  private var offset: Int { tokens[position].1 }

  private mutating func accept(_ symbol: String) -> Bool {
    if current == .symbol(symbol) {
      position += 1
      return true
    }
    return false
  }

  private mutating func expect(_ symbol: String) throws(ExpressionError) {
    guard accept(symbol) else {
      throw ExpressionError(message: "expected '\(symbol)', found \(Self.describe(current))", offset: offset)
    }
  }

  private mutating func parseConditional() throws(ExpressionError) -> Expr {
    let start = offset
    let condition = try parseBinary(level: 0)
    guard accept("?") else { return condition }
    let then = try parseConditional()
    try expect(":")
    let otherwise = try parseConditional()
    return .conditional(condition, then, otherwise, offset: start)
  }

  private static let levels: [[String]] = [
    ["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">=", "in"], ["+", "-"], ["*", "/", "%"],
  ]

  private mutating func parseBinary(level: Int) throws(ExpressionError) -> Expr {
    guard level < Self.levels.count else { return try parseUnary() }
    var left = try parseBinary(level: level + 1)
    while true {
      let operatorOffset = offset
      let op: String
      switch current {
      case .symbol(let symbol) where Self.levels[level].contains(symbol): op = symbol
      case .identifier("in") where Self.levels[level].contains("in"): op = "in"
      default: return left
      }
      position += 1
      let right = try parseBinary(level: level + 1)
      left = .binary(op, left, right, offset: operatorOffset)
    }
  }

  private mutating func parseUnary() throws(ExpressionError) -> Expr {
    let start = offset
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else {
      throw ExpressionError(message: "the expression nests deeper than \(Self.maxDepth) levels", offset: start)
    }
    if accept("!") { return .unary("!", try parseUnary(), offset: start) }
    if accept("-") { return .unary("-", try parseUnary(), offset: start) }
    return try parsePostfix()
  }

  private mutating func parsePostfix() throws(ExpressionError) -> Expr {
    var expr = try parsePrimary()
    while true {
      let start = offset
      if accept(".") {
        guard case .identifier(let name) = current else {
          throw ExpressionError(message: "expected a name after '.', found \(Self.describe(current))", offset: offset)
        }
        let nameOffset = offset
        position += 1
        if accept("(") {
          if Self.macros.contains(name) {
            guard case .identifier(let variable) = current else {
              throw ExpressionError(
                message: "\(name)() needs a variable name first, as in \(name)(c, …)", offset: offset)
            }
            position += 1
            try expect(",")
            let body = try parseConditional()
            try expect(")")
            expr = .macro(name, receiver: expr, variable: variable, body: body, offset: start)
          } else {
            expr = .call(name, receiver: expr, arguments: try parseArguments(), offset: start)
          }
        } else {
          expr = .member(expr, name, offset: nameOffset)
        }
      } else if accept("[") {
        let index = try parseConditional()
        try expect("]")
        expr = .index(expr, index, offset: start)
      } else {
        return expr
      }
    }
  }

  private mutating func parseArguments() throws(ExpressionError) -> [Expr] {
    var arguments: [Expr] = []
    if accept(")") { return arguments }
    repeat {
      arguments.append(try parseConditional())
    } while accept(",")
    try expect(")")
    return arguments
  }

  private mutating func parsePrimary() throws(ExpressionError) -> Expr {
    let start = offset
    switch current {
    case .int(let value):
      position += 1
      return .literal(.int(value))
    case .double(let value):
      position += 1
      return .literal(.double(value))
    case .string(let value):
      position += 1
      return .literal(.string(value))
    case .identifier(let name):
      position += 1
      switch name {
      case "true": return .literal(.bool(true))
      case "false": return .literal(.bool(false))
      case "null": return .literal(.null)
      default: break
      }
      guard accept("(") else { return .identifier(name, offset: start) }
      if name == "has" {
        let argument = try parseConditional()
        try expect(")")
        guard case .member = argument else {
          throw ExpressionError(message: "has() takes a field, as in has(self.headcount)", offset: start)
        }
        return .has(argument, offset: start)
      }
      return .call(name, receiver: nil, arguments: try parseArguments(), offset: start)
    case .symbol("("):
      position += 1
      let inner = try parseConditional()
      try expect(")")
      return inner
    case .symbol("["):
      position += 1
      var items: [Expr] = []
      if !accept("]") {
        repeat { items.append(try parseConditional()) } while accept(",")
        try expect("]")
      }
      return .list(items, offset: start)
    default:
      throw ExpressionError(message: "expected a value, found \(Self.describe(current))", offset: start)
    }
  }
}

extension String {
  /// The text of `scalars`. The standard library's `UnicodeScalarView`
  /// initialiser and `append(contentsOf:)` are generic and not specialised
  /// for slices: about 10,000 instructions a call, a tenth of a run's start.
  init(scalars: ArraySlice<Unicode.Scalar>) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count)
    for scalar in scalars {
      if scalar.isASCII {
        bytes.append(UInt8(scalar.value))
      } else {
        bytes.append(contentsOf: String(scalar).utf8)
      }
    }
    self = String(decoding: bytes, as: UTF8.self)
  }
}
