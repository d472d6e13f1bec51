import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgYAML

/// A rule file to compile: its path as shown to the user, the folder group it
/// belongs to (`core`, `sv-region`, or the user's), and its bytes.
public struct RuleSource: Sendable {
  public var path: String
  public var group: String
  public var bytes: [UInt8]

  public init(path: String, group: String, bytes: [UInt8]) {
    self.path = path
    self.group = group
    self.bytes = bytes
  }
}

/// Compiles rule files (one rule a file) into `Rule`s. Every problem is
/// collected with its location; a rule with any problem is left out, and the
/// caller stops the run (exit 2) when there are any.
public struct RuleCompiler {
  /// Findings that orglint itself produces; their rule files document them
  /// and set their severity, and say `check: intrinsic`.
  public static let intrinsicRules: Set<String> = [
    LoaderRule.yamlSyntax, LoaderRule.invalidDocument, Engine.unusedSuppression, ChangeRule.invalidChange,
  ]
  package static let ruleKeys = [
    "orglint", "id", "severity", "title", "description", "message", "options", "enabled", "scope", "select", "check",
    "at", "examples",
  ]
  /// The keys a rule file cannot do without.
  package static let requiredRuleKeys = ["id", "title", "message", "check"]
  package static let constructs = [
    "count", "sum", "unique", "similar", "acyclic", "reaches_root", "references", "value", "unchanged", "expr",
  ]
  /// The keys of each construct written as a mapping. `acyclic` also takes
  /// the text `parent`; `reaches_root`, `unchanged` and `expr` take a scalar.
  package static let constructKeys: [String: [String]] = [
    "count": ["of", "relation", "incoming", "where", "min", "max"],
    "sum": ["of", "over", "plus", "tolerance"],
    "unique": ["key", "within", "ignore_case"],
    "similar": ["key", "within", "threshold"],
    "acyclic": ["relation"],
    "references": ["parent", "relations", "root"],
    "value": ["key", "required", "pattern", "in", "min", "max"],
  ]
  /// A check's keys besides its one construct.
  package static let checkKeys = ["message"]
  /// The languages of a message written as a mapping; the first is required.
  package static let messageLanguages = ["en", "sv"]
  /// `check: intrinsic`: the findings come from orglint itself.
  package static let intrinsicCheck = "intrinsic"
  package static let exampleGroups = ["triggering", "non_triggering"]
  /// What `count` counts with `of:`; what `sum` adds up `over:`; what
  /// `similar` compares `within:`; what `acyclic:` takes as text.
  package static let countOf = ["parent", "children", "ancestors"]
  package static let sumOver = "children"
  package static let similarWithin = "siblings"
  package static let acyclicParent = "parent"
  package static var uniqueWithin: [String] { UniqueCheck.Scope.allCases.map(\.rawValue) }
  /// A key path naming one attribute, `attributes.budget`, starts with this.
  package static let attributePathPrefix = "attributes."
  /// What a rule with `scope: changes` can point `at:`.
  package static let changeReportKey = "headcount_delta"
  static let baseScope: CompiledExpression.Scope = [
    "self": .unit, "old": .unit, "parent": .unit, "children": .units, "relations": .other, "options": .other,
  ]
  static let changeScope: CompiledExpression.Scope = ["change": .other, "options": .other]

  public private(set) var errors: [RuleError] = []
  /// Option values from configuration, by rule id, overriding the rule's own.
  let optionOverrides: [String: [String: DataValue]]

  public init(optionOverrides: [String: [String: DataValue]] = [:]) {
    self.optionOverrides = optionOverrides
  }

  public mutating func compile(_ source: RuleSource) -> Rule? {
    let tree: YAMLTree
    do {
      tree = try YAMLParser.parse(source.bytes, file: source.path)
    } catch {
      errors.append(RuleError(message: error.message, location: error.location))
      return nil
    }
    guard let document = tree.documents.first else {
      errors.append(
        RuleError(
          message: "a rule file must describe a rule; this one is empty",
          location: Location(file: source.path, line: 1, column: 1)))
      return nil
    }
    var file = RuleFileCompiler(reader: TreeReader(tree: tree), group: source.group, overrides: optionOverrides)
    let rule = file.compile(document)
    errors += file.errors + file.reader.diagnostics.map { RuleError(message: $0.message, location: $0.location) }
    return file.errors.isEmpty && file.reader.diagnostics.isEmpty ? rule : nil
  }
}

/// Compiles one rule file.
private struct RuleFileCompiler {
  var reader: TreeReader
  let group: String
  let overrides: [String: [String: DataValue]]
  var errors: [RuleError] = []
  var options: [(name: String, value: DataValue)] = []

  var tree: YAMLTree { reader.tree }

  mutating func fail(_ message: String, at node: NodeID) {
    errors.append(RuleError(message: message, location: tree.location(node)))
  }

  mutating func compile(_ document: NodeID) -> Rule? {
    guard let fields = reader.fields(of: document, "a rule", allowed: RuleCompiler.ruleKeys) else { return nil }
    let field = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    for required in RuleCompiler.requiredRuleKeys where field[required] == nil {
      fail("a rule needs '\(required)'", at: document)
    }
    guard let idField = field["id"], let id = reader.identifier(idField.value, "id") else { return nil }
    if let version = field["orglint"], let number = reader.wholeNumber(version.value, "orglint"), number != 1 {
      fail("format version \(number) is not supported; this orglint reads version 1", at: version.value)
    }
    var severity = Severity.error
    if let node = field["severity"]?.value, let text = reader.text(node, "severity") {
      if let parsed = Severity(rawValue: text) {
        severity = parsed
      } else {
        fail("unknown severity '\(text)'; use error, warning or info", at: node)
      }
    }
    let title = field["title"].flatMap { reader.text($0.value, "title") } ?? ""
    let description = field["description"].flatMap { reader.text($0.value, "description") } ?? ""
    let enabled = field["enabled"].flatMap { reader.bool($0.value, "enabled") } ?? true
    if let node = field["options"]?.value, let pairs = reader.fields(of: node, "options") {
      for pair in pairs {
        guard let value = reader.data(pair.value, "option '\(pair.key)'") else { continue }
        options.append((pair.key, overrides[id]?[pair.key] ?? value))
      }
    }
    var scope = RuleScope.units
    if let node = field["scope"]?.value, let text = reader.text(node, "scope") {
      if let parsed = RuleScope(rawValue: text) {
        scope = parsed
      } else {
        fail("unknown scope '\(text)'; use units (the default) or changes", at: node)
      }
      if scope == .changes, let select = field["select"] {
        fail("a rule with scope: changes has no 'select'; test the change in its expression", at: select.keyNode)
      }
    }
    let selector = field["select"].map { compileSelector($0.value, "select") } ?? Selector()
    var reportAt: UnitKey?
    var reportAtDelta = false
    if let node = field["at"]?.value, let key = reader.text(node, "at") {
      if scope == .changes {
        reportAtDelta = key == RuleCompiler.changeReportKey
        if !reportAtDelta { fail("a rule with scope: changes can point only at: headcount_delta", at: node) }
      } else {
        reportAt = UnitKey(rawValue: key)
        if reportAt == nil {
          fail("at: '\(key)' is not a unit key (\(UnitKey.allCases.map(\.rawValue).joined(separator: ", ")))", at: node)
        }
      }
    }

    var checks: [CompiledCheck] = []
    var checkNodes: [NodeID] = []
    if let checkNode = field["check"]?.value {
      let resolved = reader.resolve(checkNode) ?? checkNode
      if tree.kind(resolved) == .scalar, tree.text(resolved) == RuleCompiler.intrinsicCheck {
        if !RuleCompiler.intrinsicRules.contains(id) {
          fail(
            "only orglint's own rules (\(RuleCompiler.intrinsicRules.sorted().joined(separator: ", "))) are intrinsic",
            at: resolved)
        }
      } else {
        checkNodes = tree.kind(resolved) == .sequence ? Array(tree.items(resolved)) : [resolved]
      }
    }
    var variables = Set<String>()
    for node in checkNodes {
      if let name = constructName(node) { variables.formUnion(Self.variables(of: name)) }
    }
    var names = scope == .changes ? RuleCompiler.changeScope : RuleCompiler.baseScope
    for name in variables { names[name] = .other }
    if RuleCompiler.intrinsicRules.contains(id) { names["message"] = .other }  // the loader's own text
    let expressionScope = scope == .changes ? names : RuleCompiler.baseScope
    for node in checkNodes {
      if scope == .changes, constructName(node) != "expr" {
        fail("a rule with scope: changes is checked with expr", at: node)
        continue
      }
      if let check = compileCheck(node, scope: names, expressionScope: expressionScope) { checks.append(check) }
    }
    var messages: [String: MessageTemplate] = [:]
    if let node = field["message"]?.value { messages = compileMessages(node, scope: names) }
    let examples = field["examples"].map { compileExamples($0.value) } ?? []
    return Rule(
      id: id, severity: severity, title: title, description: description, messages: messages, options: options,
      enabledByDefault: enabled, scope: scope, selector: selector, checks: checks,
      messageVariables: variables.sorted(),
      reportAt: reportAt, reportAtDelta: reportAtDelta, examples: examples,
      location: tree.location(idField.keyNode), group: group)
  }

  // MARK: messages

  mutating func compileMessages(_ node: NodeID, scope: CompiledExpression.Scope) -> [String: MessageTemplate] {
    guard let resolved = reader.resolve(node) else { return [:] }
    var texts: [(String, NodeID)] = []
    if tree.kind(resolved) == .mapping {
      for pair in reader.fields(of: resolved, "message", allowed: RuleCompiler.messageLanguages) ?? [] {
        texts.append((pair.key, pair.value))
      }
      if !texts.contains(where: { $0.0 == RuleCompiler.messageLanguages[0] }) {
        fail("message needs an English text under 'en'", at: resolved)
      }
    } else {
      texts = [("en", resolved)]
    }
    var result: [String: MessageTemplate] = [:]
    for (language, textNode) in texts {
      guard let text = reader.text(textNode, "message") else { continue }
      do {
        result[language] = try MessageTemplate(
          text, at: tree.location(textNode), quoted: !tree.isPlain(textNode), scope: scope)
      } catch {
        errors.append(error)
      }
    }
    return result
  }

  // MARK: selectors

  mutating func compileSelector(_ node: NodeID, _ what: String) -> Selector {
    var selector = Selector()
    for field in reader.fields(of: node, what, allowed: Selector.keys) ?? [] {
      switch field.key {
      case "kind": selector.kinds = reader.oneOrMany(field.value, "kind")?.map(\.0)
      case "role": selector.roles = reader.oneOrMany(field.value, "role")?.map(\.0)
      case "has": selector.has = fieldPaths(field.value, "has")
      case "lacks": selector.lacks = fieldPaths(field.value, "lacks")
      case "changed": selector.changed = reader.bool(field.value, "changed")
      default: selector.condition = expression(field.value, scope: RuleCompiler.baseScope)
      }
    }
    return selector
  }

  mutating func fieldPaths(_ node: NodeID, _ what: String) -> [FieldPath] {
    (reader.oneOrMany(node, what) ?? []).compactMap { fieldPath($0.0, at: $0.1) }
  }

  mutating func fieldPath(_ text: String, at node: NodeID) -> FieldPath? {
    guard let path = FieldPath(text) else {
      let hint = closestMatch(to: text, in: FieldPath.validNames).map { "; did you mean '\($0)'?" } ?? ""
      fail("'\(text)' is not a unit key\(hint) (keys: \(FieldPath.validNames.joined(separator: ", ")))", at: node)
      return nil
    }
    return path
  }

  mutating func expression(_ node: NodeID, scope: CompiledExpression.Scope) -> CompiledExpression? {
    guard let text = reader.text(node, "an expression") else { return nil }
    do {
      return try CompiledExpression(text, at: tree.location(node), quoted: !tree.isPlain(node), scope: scope)
    } catch {
      errors.append(error)
      return nil
    }
  }

  // MARK: option references

  /// A whole number, or `$name` for the rule's option of that name.
  mutating func integer(_ node: NodeID, _ what: String) -> Int? {
    switch optionReference(node, what) {
    case .notAReference: return reader.wholeNumber(node, what)
    case .undefined: return nil
    case .value(.int(let number)): return number
    case .value(let value):
      fail("\(what) must be a whole number; the option it names is \(value.flowYAML())", at: node)
      return nil
    }
  }

  /// A number, or `$name` for the rule's option of that name.
  mutating func number(_ node: NodeID, _ what: String) -> Double? {
    switch optionReference(node, what) {
    case .notAReference: return reader.number(node, what)
    case .undefined: return nil
    case .value(.int(let number)): return Double(number)
    case .value(.double(let number)): return number
    case .value(let value):
      fail("\(what) must be a number; the option it names is \(value.flowYAML())", at: node)
      return nil
    }
  }

  enum OptionReference {
    case notAReference, undefined
    case value(DataValue)
  }

  private mutating func optionReference(_ node: NodeID, _ what: String) -> OptionReference {
    guard tree.kind(node) == .scalar, tree.text(node).hasPrefix("$") else { return .notAReference }
    let name = String(tree.text(node).dropFirst())
    guard let value = options.first(where: { $0.name == name })?.value else {
      fail("\(what) names the option '\(name)', which the rule's options do not define", at: node)
      return .undefined
    }
    return .value(value)
  }

  // MARK: constructs

  func constructName(_ node: NodeID) -> String? {
    guard tree.kind(node) == .mapping else { return nil }
    return tree.pairs(node).lazy.map { tree.text($0.key) }.first { RuleCompiler.constructs.contains($0) }
  }

  static func variables(of construct: String) -> [String] {
    switch construct {
    case "count": CountCheck.variables
    case "sum": SumCheck.variables
    case "unique": UniqueCheck.variables
    case "similar": SimilarCheck.variables
    case "acyclic": AcyclicCheck.variables
    case "reaches_root": ReachesRootCheck.variables
    case "references": ReferencesCheck.variables
    case "value": ValueCheck.variables
    case "unchanged": UnchangedCheck.variables
    default: ExpressionCheck.variables
    }
  }

  mutating func compileCheck(
    _ node: NodeID, scope: CompiledExpression.Scope, expressionScope: CompiledExpression.Scope
  ) -> CompiledCheck? {
    guard let fields = reader.fields(of: node, "a check", allowed: RuleCompiler.constructs + RuleCompiler.checkKeys)
    else {
      return nil
    }
    let constructFields = fields.filter { !RuleCompiler.checkKeys.contains($0.key) }
    guard constructFields.count == 1, let construct = constructFields.first else {
      fail(
        constructFields.isEmpty
          ? "a check needs one construct: \(RuleCompiler.constructs.joined(separator: ", "))"
          : "a check has one construct; write several checks as a list", at: node)
      return nil
    }
    let message = fields.first { $0.key == "message" }.map { compileMessages($0.value, scope: scope) }
    let value = construct.value
    let check: (any Check)?
    switch construct.key {
    case "count": check = compileCount(value)
    case "sum": check = compileSum(value)
    case "unique": check = compileUnique(value)
    case "similar": check = compileSimilar(value)
    case "acyclic": check = compileAcyclic(value)
    case "reaches_root":
      check = reader.bool(value, "reaches_root") == true ? ReachesRootCheck() : nil
    case "references": check = compileReferences(value)
    case "value": check = compileValue(value)
    case "unchanged":
      check = reader.text(value, "unchanged").flatMap { fieldPath($0, at: value) }.map(UnchangedCheck.init)
    default: check = expression(value, scope: expressionScope).map(ExpressionCheck.init)
    }
    return check.map { CompiledCheck(check: $0, message: message) }
  }

  mutating func compileCount(_ node: NodeID) -> CountCheck? {
    guard let fields = reader.fields(of: node, "count", allowed: RuleCompiler.constructKeys["count"]) else {
      return nil
    }
    var source: CountCheck.Source?
    var filter: Selector?
    var minimum: Int?
    var maximum: Int?
    var sources = 0
    for field in fields {
      switch field.key {
      case "of":
        sources += 1
        guard let text = reader.text(field.value, "of") else { continue }
        assert(RuleCompiler.countOf == ["parent", "children", "ancestors"])
        switch text {
        case "parent": source = .parent
        case "children": source = .children
        case "ancestors": source = .ancestors
        default:
          fail(
            "count of: '\(text)' is unknown; use \(RuleCompiler.countOf.joined(separator: ", ")) (or relation: / incoming:)",
            at: field.value)
        }
      case "relation":
        sources += 1
        source = reader.text(field.value, "relation").map(CountCheck.Source.relation)
      case "incoming":
        sources += 1
        source = reader.text(field.value, "incoming").map(CountCheck.Source.incoming)
      case "where": filter = compileSelector(field.value, "where")
      case "min": minimum = integer(field.value, "min")
      case "max": maximum = integer(field.value, "max")
      default: break
      }
    }
    if sources != 1 { fail("count needs exactly one of 'of', 'relation', 'incoming'", at: node) }
    if !fields.contains(where: { $0.key == "min" || $0.key == "max" }) {
      fail("count needs 'min', 'max' or both", at: node)
    }
    guard let source, sources == 1 else { return nil }
    return CountCheck(source: source, filter: filter, minimum: minimum, maximum: maximum)
  }

  mutating func compileSum(_ node: NodeID) -> SumCheck? {
    guard let fields = reader.fields(of: node, "sum", allowed: RuleCompiler.constructKeys["sum"]) else { return nil }
    var field: FieldPath?
    var plus: FieldPath?
    var tolerance = 0
    for entry in fields {
      switch entry.key {
      case "of": field = reader.text(entry.value, "of").flatMap { fieldPath($0, at: entry.value) }
      case "over":
        if reader.text(entry.value, "over") != RuleCompiler.sumOver {
          fail("sum is over: \(RuleCompiler.sumOver)", at: entry.value)
        }
      case "plus": plus = reader.text(entry.value, "plus").flatMap { fieldPath($0, at: entry.value) }
      default: tolerance = integer(entry.value, "tolerance") ?? 0
      }
    }
    guard let field else {
      if !fields.contains(where: { $0.key == "of" }) {
        fail("sum needs 'of', the whole-number key to add up", at: node)
      }
      return nil
    }
    return SumCheck(field: field, plus: plus, tolerance: tolerance)
  }

  mutating func compileUnique(_ node: NodeID) -> UniqueCheck? {
    guard let fields = reader.fields(of: node, "unique", allowed: RuleCompiler.constructKeys["unique"]) else {
      return nil
    }
    var field: FieldPath?
    var scope = UniqueCheck.Scope.model
    var ignoreCase = false
    for entry in fields {
      switch entry.key {
      case "key": field = reader.text(entry.value, "key").flatMap { fieldPath($0, at: entry.value) }
      case "within":
        guard let text = reader.text(entry.value, "within") else { continue }
        if let parsed = UniqueCheck.Scope(rawValue: text) {
          scope = parsed
        } else {
          fail("within: '\(text)' is unknown; use model or siblings", at: entry.value)
        }
      default: ignoreCase = reader.bool(entry.value, "ignore_case") ?? false
      }
    }
    guard let field else {
      if !fields.contains(where: { $0.key == "key" }) { fail("unique needs 'key'", at: node) }
      return nil
    }
    return UniqueCheck(field: field, scope: scope, ignoreCase: ignoreCase)
  }

  mutating func compileSimilar(_ node: NodeID) -> SimilarCheck? {
    guard let fields = reader.fields(of: node, "similar", allowed: RuleCompiler.constructKeys["similar"]) else {
      return nil
    }
    var field = FieldPath.key(.name)
    var threshold = 0.85
    for entry in fields {
      switch entry.key {
      case "key": field = reader.text(entry.value, "key").flatMap { fieldPath($0, at: entry.value) } ?? field
      case "within":
        if reader.text(entry.value, "within") != RuleCompiler.similarWithin {
          fail("similar compares within: \(RuleCompiler.similarWithin)", at: entry.value)
        }
      default:
        threshold = number(entry.value, "threshold") ?? threshold
        if !(0.0...1.0).contains(threshold) { fail("threshold is a similarity between 0 and 1", at: entry.value) }
      }
    }
    return SimilarCheck(field: field, threshold: threshold)
  }

  mutating func compileAcyclic(_ node: NodeID) -> AcyclicCheck? {
    if tree.kind(node) == .scalar {
      if tree.text(node) == RuleCompiler.acyclicParent { return AcyclicCheck(relation: nil) }
      fail("acyclic: write 'parent', or { relation: NAME }", at: node)
      return nil
    }
    guard let fields = reader.fields(of: node, "acyclic", allowed: RuleCompiler.constructKeys["acyclic"]),
      let field = fields.first,
      let name = reader.text(field.value, "relation")
    else {
      fail("acyclic: write 'parent', or { relation: NAME }", at: node)
      return nil
    }
    return AcyclicCheck(relation: name)
  }

  mutating func compileReferences(_ node: NodeID) -> ReferencesCheck? {
    guard let fields = reader.fields(of: node, "references", allowed: RuleCompiler.constructKeys["references"]) else {
      return nil
    }
    var parent = false
    var relations: [String]? = []
    var root = false
    for field in fields {
      switch field.key {
      case "parent": parent = reader.bool(field.value, "parent") ?? false
      case "root": root = reader.bool(field.value, "root") ?? false
      default:
        let resolved = reader.resolve(field.value) ?? field.value
        if tree.kind(resolved) == .scalar && tree.isPlain(resolved) && ["true", "false"].contains(tree.text(resolved)) {
          relations = tree.text(resolved) == "true" ? nil : []
        } else {
          relations = reader.textList(resolved, "relations")?.map(\.0)
        }
      }
    }
    return ReferencesCheck(parent: parent, relations: relations, root: root)
  }

  mutating func compileValue(_ node: NodeID) -> ValueCheck? {
    guard let fields = reader.fields(of: node, "value", allowed: RuleCompiler.constructKeys["value"]) else {
      return nil
    }
    var field: FieldPath?
    var required = false
    var pattern: Pattern?
    var allowed: [String]?
    var minimum: Double?
    var maximum: Double?
    for entry in fields {
      switch entry.key {
      case "key": field = reader.text(entry.value, "key").flatMap { fieldPath($0, at: entry.value) }
      case "required": required = reader.bool(entry.value, "required") ?? false
      case "pattern":
        guard let text = reader.text(entry.value, "pattern") else { continue }
        do { pattern = try Pattern(text) } catch {
          fail("'\(text)' is not a valid regular expression", at: entry.value)
        }
      case "in": allowed = reader.textList(entry.value, "in")?.map(\.0)
      case "min": minimum = number(entry.value, "min")
      default: maximum = number(entry.value, "max")
      }
    }
    guard let field else {
      if !fields.contains(where: { $0.key == "key" }) { fail("value needs 'key'", at: node) }
      return nil
    }
    return ValueCheck(
      field: field, required: required, pattern: pattern, allowed: allowed, minimum: minimum, maximum: maximum)
  }

  // MARK: examples

  mutating func compileExamples(_ node: NodeID) -> [RuleExample] {
    var examples: [RuleExample] = []
    for field in reader.fields(of: node, "examples", allowed: RuleCompiler.exampleGroups) ?? [] {
      for item in reader.list(field.value, field.key) ?? [] {
        guard let item = reader.resolve(item) else { continue }
        guard
          let entries = reader.fields(
            of: item, "an example", allowed: RuleExample.keys)
        else { continue }
        var expected: [String]?
        let changes = tree.pairs(item).first { tree.text($0.key) == "changes" }?.value
        var content = RuleExample.Content.organisation(tree, item, changes: changes)
        for entry in entries {
          switch entry.key {
          case "expect": expected = reader.textList(entry.value, "expect", identifiers: true)?.map(\.0)
          case "source": content = reader.text(entry.value, "source").map(RuleExample.Content.source) ?? content
          default: break
          }
        }
        // A `source` example is shown as written; any other is read here,
        // so that what is wrong in it is reported with the rule file.
        let data: DataValue? = if case .source = content { nil } else { reader.data(item, "an example") }
        examples.append(
          RuleExample(
            triggers: field.key == RuleCompiler.exampleGroups[0], content: content, expectedUnits: expected,
            location: tree.location(item), data: data))
      }
    }
    return examples
  }
}
