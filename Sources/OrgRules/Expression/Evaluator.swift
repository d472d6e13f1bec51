import OrgModel

/// A failure while an expression runs, at an offset into its text.
struct EvaluationError: Error {
  var message: String
  var offset: Int
}

/// Evaluates expressions over a model. It can read the model and nothing
/// else (no I/O exists in the language), and every step is charged against
/// `budget`, so that no expression can run away on a large model.
struct Evaluator {
  let context: ModelContext
  /// The model before a proposal, whose units `old` and `.oldUnit` values name.
  let before: ModelContext?
  var variables: [(name: String, value: ExprValue)]
  var budget: Int
  let limit: Int

  init(
    context: ModelContext, before: ModelContext? = nil, variables: [(name: String, value: ExprValue)], budget: Int
  ) {
    self.context = context
    self.before = before
    self.variables = variables
    self.budget = budget
    self.limit = budget
  }

  var model: Model { context.model }

  private mutating func charge(_ cost: Int, at offset: Int) throws(EvaluationError) {
    budget -= cost
    if budget < 0 {
      throw EvaluationError(
        message:
          "the expression needs more than \(limit) steps on one unit; make it cheaper or raise --max-expression-cost",
        offset: offset)
    }
  }

  mutating func evaluateCondition(_ expr: Expr) throws(EvaluationError) -> Bool {
    guard case .bool(let value) = try evaluate(expr) else {
      throw EvaluationError(message: "the condition must give true or false", offset: expr.offset)
    }
    return value
  }

  mutating func evaluate(_ expr: Expr) throws(EvaluationError) -> ExprValue {
    try charge(1, at: expr.offset)
    switch expr {
    case .literal(let value):
      return value
    case .list(let items, _):
      var values: [ExprValue] = []
      for item in items { values.append(try evaluate(item)) }
      return .list(values)
    case .identifier(let name, let offset):
      guard let value = variables.last(where: { $0.name == name })?.value else {
        throw EvaluationError(message: "unknown name '\(name)'", offset: offset)
      }
      return value
    case .member(let base, let name, let offset):
      return try member(of: try evaluate(base), name, at: offset)
    case .index(let base, let index, let offset):
      return try self.index(try evaluate(base), try evaluate(index), at: offset)
    case .has(let argument, _):
      guard case .member(let base, let name, let offset) = argument else { return .bool(false) }
      return .bool(try has(try evaluate(base), name, at: offset))
    case .unary(let op, let operand, let offset):
      let value = try evaluate(operand)
      switch (op, value) {
      case ("!", .bool(let b)): return .bool(!b)
      case ("-", .int(let i)): return .int(0 &- i)
      case ("-", .double(let d)): return .double(-d)
      default: throw EvaluationError(message: "cannot apply '\(op)' to \(value.typeName)", offset: offset)
      }
    case .binary(let op, let left, let right, let offset):
      return try binary(op, left, right, at: offset)
    case .conditional(let condition, let then, let otherwise, _):
      return try evaluateCondition(condition) ? try evaluate(then) : try evaluate(otherwise)
    case .macro(let name, let receiver, let variable, let body, let offset):
      return try macro(name, try evaluate(receiver), variable, body, at: offset)
    case .call(let name, let receiver, let arguments, let offset):
      var values: [ExprValue] = []
      if let receiver { values.append(try evaluate(receiver)) }
      for argument in arguments { values.append(try evaluate(argument)) }
      return try call(name, values, at: offset)
    }
  }

  // MARK: members and indexing

  /// A unit value (of the model now, or before the proposal), the model it
  /// belongs to, and how to wrap the units it leads to.
  private func handle(_ value: ExprValue) -> (index: Int32, context: ModelContext, wrap: (Int32) -> ExprValue)? {
    switch value {
    case .unit(let index): (index, context, ExprValue.unit)
    case .oldUnit(let index): before.map { (index, $0, ExprValue.oldUnit) }
    default: nil
    }
  }

  private func has(_ base: ExprValue, _ name: String, at offset: Int) throws(EvaluationError) -> Bool {
    if let (index, unitContext, _) = handle(base) {
      // Fields are read in place: taking the whole unit would copy it.
      let units = unitContext.model.units
      let i = Int(index)
      switch UnitMember(rawValue: name) {
      case .headcount?: return units[i].headcount != nil
      case .directHeadcount?: return units[i].directHeadcount != nil
      case .manager?: return units[i].manager != nil
      case .description?: return units[i].description != nil
      case .parent?: return unitContext.model.parentIndex[i] != nil
      case .parentID?: return units[i].parent != nil
      case .attributes?: return units[i].attributes != nil
      case .roles?: return !units[i].roles.isEmpty
      case .relations?: return !units[i].relations.isEmpty
      case .formerly?: return !units[i].formerly.isEmpty
      case nil: throw EvaluationError(message: "a unit has no field '\(name)'", offset: offset)
      default: return true
      }
    }
    switch base {
    case .map(let pairs):
      return pairs.contains { $0.key == name }
    case .null:
      return false
    default:
      throw EvaluationError(message: "has() needs a unit or a map, found \(base.typeName)", offset: offset)
    }
  }

  private mutating func member(of base: ExprValue, _ name: String, at offset: Int) throws(EvaluationError)
    -> ExprValue
  {
    if let (index, unitContext, wrap) = handle(base) {
      return try unitMember(index, name, in: unitContext, wrap: wrap, at: offset)
    }
    switch base {
    case .map(let pairs):
      guard let value = pairs.first(where: { $0.key == name })?.value else {
        throw EvaluationError(message: "no key '\(name)' in the map; guard with has()", offset: offset)
      }
      return value
    default:
      throw EvaluationError(message: "cannot read '.\(name)' of \(base.typeName)", offset: offset)
    }
  }

  private mutating func unitMember(
    _ index: Int32, _ name: String, in unitContext: ModelContext, wrap: (Int32) -> ExprValue, at offset: Int
  ) throws(EvaluationError) -> ExprValue {
    let model = unitContext.model
    // Fields are read in place: taking the whole unit would copy it, with
    // a retain of each of its strings and lists.
    let i = Int(index)
    guard let member = UnitMember(rawValue: name) else {
      throw EvaluationError(message: "a unit has no field '\(name)'", offset: offset)
    }
    switch member {
    case .id: return .string(model.units[i].id)
    case .name: return .string(model.units[i].name)
    case .kind: return .string(model.units[i].kind)
    case .roles: return .list(model.units[i].roles.map(ExprValue.string))
    case .headcount: return model.units[i].headcount.map(ExprValue.int) ?? .null
    case .directHeadcount: return model.units[i].directHeadcount.map(ExprValue.int) ?? .null
    case .manager: return model.units[i].manager.map(ExprValue.string) ?? .null
    case .description: return model.units[i].description.map(ExprValue.string) ?? .null
    case .formerly: return .list(model.units[i].formerly.map(ExprValue.string))
    case .attributes: return model.units[i].attributes.map(ExprValue.init) ?? .map([])
    case .relations:
      return .map(model.units[i].relations.map { ($0.name, .list($0.targets.map { .string($0.id) })) })
    case .parent: return model.parentIndex[i].map(wrap) ?? .null
    case .parentID: return model.units[i].parent.map { .string($0.id) } ?? .null
    case .children:
      let children = model.children(of: index)
      try charge(children.count, at: offset)
      return .list(children.map(wrap))
    case .ancestors:
      let ancestors = unitContext.ancestors(of: index)
      try charge(ancestors.count, at: offset)
      return .list(ancestors.map(wrap))
    case .isRoot: return .bool(model.root == index)
    case .depth: return unitContext.depth[i].map { .int(Int($0)) } ?? .null
    }
  }

  private func index(_ base: ExprValue, _ key: ExprValue, at offset: Int) throws(EvaluationError) -> ExprValue {
    switch (base, key) {
    case (.list(let values), .int(let i)):
      guard values.indices.contains(i) else {
        throw EvaluationError(message: "index \(i) is outside a list of \(values.count)", offset: offset)
      }
      return values[i]
    case (.map(let pairs), .string(let name)):
      // A missing relation or attribute reads as empty, so that
      // size(self.relations['beställare']) is 0 rather than an error.
      return pairs.first(where: { $0.key == name })?.value ?? .list([])
    default:
      throw EvaluationError(message: "cannot index \(base.typeName) with \(key.typeName)", offset: offset)
    }
  }

  // MARK: operators

  private mutating func binary(_ op: String, _ left: Expr, _ right: Expr, at offset: Int) throws(EvaluationError)
    -> ExprValue
  {
    switch op {
    case "&&":
      guard try evaluateCondition(left) else { return .bool(false) }
      return .bool(try evaluateCondition(right))
    case "||":
      if try evaluateCondition(left) { return .bool(true) }
      return .bool(try evaluateCondition(right))
    default:
      break
    }
    let a = try evaluate(left)
    let b = try evaluate(right)
    switch op {
    case "==": return .bool(ExprValue.equal(a, b))
    case "!=": return .bool(!ExprValue.equal(a, b))
    case "in":
      switch b {
      case .list(let values):
        try charge(values.count, at: offset)
        return .bool(values.contains { ExprValue.equal($0, a) })
      case .map(let pairs):
        guard case .string(let key) = a else { break }
        return .bool(pairs.contains { $0.key == key })
      default: break
      }
    case "<", "<=", ">", ">=":
      if let order = compare(a, b) {
        switch op {
        case "<": return .bool(order < 0)
        case "<=": return .bool(order <= 0)
        case ">": return .bool(order > 0)
        default: return .bool(order >= 0)
        }
      }
    default:
      if let value = arithmetic(op, a, b) { return value }
      if op == "/" || op == "%", case .int(0) = b {
        throw EvaluationError(message: "division by zero", offset: offset)
      }
    }
    throw EvaluationError(message: "cannot apply '\(op)' to \(a.typeName) and \(b.typeName)", offset: offset)
  }

  private func compare(_ a: ExprValue, _ b: ExprValue) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): x < y ? -1 : (x == y ? 0 : 1)
    case (.int(let x), .double(let y)): compare(.double(Double(x)), .double(y))
    case (.double(let x), .int(let y)): compare(.double(x), .double(Double(y)))
    case (.double(let x), .double(let y)): x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)): x < y ? -1 : (x == y ? 0 : 1)
    default: nil
    }
  }

  private func arithmetic(_ op: String, _ a: ExprValue, _ b: ExprValue) -> ExprValue? {
    switch (op, a, b) {
    case ("+", .int(let x), .int(let y)): return .int(x &+ y)
    case ("-", .int(let x), .int(let y)): return .int(x &- y)
    case ("*", .int(let x), .int(let y)): return .int(x &* y)
    case ("/", .int(let x), .int(let y)) where y != 0: return .int(x / y)
    case ("%", .int(let x), .int(let y)) where y != 0: return .int(x % y)
    case ("+", .string(let x), .string(let y)): return .string(x + y)
    case ("+", .list(let x), .list(let y)): return .list(x + y)
    default: break
    }
    let x: Double
    let y: Double
    switch (a, b) {
    case (.double(let p), .double(let q)): (x, y) = (p, q)
    case (.int(let p), .double(let q)): (x, y) = (Double(p), q)
    case (.double(let p), .int(let q)): (x, y) = (p, Double(q))
    default: return nil
    }
    switch op {
    case "+": return .double(x + y)
    case "-": return .double(x - y)
    case "*": return .double(x * y)
    case "/": return .double(x / y)
    default: return nil
    }
  }

  // MARK: macros and functions

  private mutating func macro(
    _ name: String, _ receiver: ExprValue, _ variable: String, _ body: Expr, at offset: Int
  ) throws(EvaluationError) -> ExprValue {
    guard case .list(let items) = receiver else {
      throw EvaluationError(message: "\(name)() needs a list, found \(receiver.typeName)", offset: offset)
    }
    variables.append((variable, .null))
    defer { variables.removeLast() }
    var matches = 0
    var mapped: [ExprValue] = []
    for item in items {
      variables[variables.count - 1].value = item
      switch name {
      case "map":
        mapped.append(try evaluate(body))
      default:
        let holds = try evaluateCondition(body)
        if holds { matches += 1 }
        if name == "filter" && holds { mapped.append(item) }
        if name == "all" && !holds { return .bool(false) }
        if name == "exists" && holds { return .bool(true) }
      }
    }
    switch name {
    case "all": return .bool(true)
    case "exists": return .bool(false)
    case "exists_one": return .bool(matches == 1)
    default: return .list(mapped)
    }
  }

  private mutating func call(_ name: String, _ arguments: [ExprValue], at offset: Int) throws(EvaluationError)
    -> ExprValue
  {
    let first = arguments.first ?? .null
    let second = arguments.count > 1 ? arguments[1] : .null
    switch (name, first, second) {
    case ("size", .list(let values), _): return .int(values.count)
    case ("size", .string(let text), _): return .int(text.count)
    case ("size", .map(let pairs), _): return .int(pairs.count)
    case ("int", .int(let value), _): return .int(value)
    case ("int", .double(let value), _) where value.isFinite && abs(value) < 9e18: return .int(Int(value))
    case ("int", .string(let text), _) where Int(text) != nil: return .int(Int(text)!)
    case ("double", .int(let value), _): return .double(Double(value))
    case ("double", .double(let value), _): return .double(value)
    case ("string", let value, _): return .string(value.rendered(in: model))
    case ("lower", .string(let text), _): return .string(text.lowercased())
    case ("upper", .string(let text), _): return .string(text.uppercased())
    case ("startsWith", .string(let text), .string(let prefix)): return .bool(text.hasPrefix(prefix))
    case ("endsWith", .string(let text), .string(let suffix)): return .bool(text.hasSuffix(suffix))
    case ("contains", .string(let text), .string(let part)): return .bool(text.contains(part))
    case ("contains", .list(let values), let item):
      try charge(values.count, at: offset)
      return .bool(values.contains { ExprValue.equal($0, item) })
    case ("matches", .string(let text), .string(let pattern)):
      try charge(text.count, at: offset)
      guard let regex = try? Regex(pattern) else {
        throw EvaluationError(message: "'\(pattern)' is not a valid regular expression", offset: offset)
      }
      return .bool((try? regex.firstMatch(in: text)) != nil)
    case ("sum", .list(let values), _):
      var total = 0
      for value in values {
        guard case .int(let number) = value else {
          throw EvaluationError(message: "sum() adds whole numbers, found \(value.typeName)", offset: offset)
        }
        total &+= number
      }
      return .int(total)
    case ("unit", .string(let id), _):
      return model.unit(withID: id).map(ExprValue.unit) ?? .null
    case ("targets", _, .string(let relation)) where handle(first) != nil:
      let (index, unitContext, wrap) = handle(first)!
      let targets = unitContext.model.units[Int(index)].relation(relation)?.targets.compactMap(\.target) ?? []
      try charge(targets.count, at: offset)
      return .list(targets.map(wrap))
    case ("incoming", _, .string(let relation)) where handle(first) != nil:
      let (index, unitContext, wrap) = handle(first)!
      let sources = unitContext.incoming(relation, to: index)
      try charge(sources.count, at: offset)
      return .list(sources.map(wrap))
    default:
      break
    }
    let types = arguments.map(\.typeName).joined(separator: ", ")
    throw EvaluationError(message: "\(name)() cannot be applied to (\(types))", offset: offset)
  }
}
