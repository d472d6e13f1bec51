import OrgDiagnostics

/// The largest headcount a unit or a change may give: far above any real
/// organisation, and small enough that sums over millions of units cannot
/// overflow.
public let maximumHeadcount = 1_000_000_000

/// Reads a `YAMLTree` against what a schema expects, reporting every mismatch
/// as a located `invalid-document` diagnostic and carrying on, so that one run
/// shows every problem of a file. Scalars are read as the key expects them:
/// there is no YAML 1.1 guessing (`id: no` is the text "no").
public struct TreeReader {
  public let tree: YAMLTree
  public private(set) var diagnostics: [Diagnostic] = []
  /// How many nodes aliases may bring in again, so that a "billion laughs"
  /// file is refused at its alias instead of being expanded.
  private var aliasBudget: Int
  public private(set) var aliasBudgetExceeded = false
  /// The outermost alias being expanded, where a spent budget is reported:
  /// that is the alias the author wrote, not one deep inside the anchors.
  private var expansionRoot: NodeID?

  public init(tree: YAMLTree, aliasExpansionLimit: Int? = nil) {
    self.tree = tree
    self.aliasBudget = aliasExpansionLimit ?? max(10_000, tree.nodeCount * 2)
  }

  public mutating func report(_ message: String, at node: NodeID) {
    report(message, at: tree.location(node))
  }

  /// Marks the diagnostics reported since `start` as caused by proposal
  /// change `change` (1-based).
  public mutating func attribute(since start: Int, to change: Int) {
    for index in start..<diagnostics.count { diagnostics[index].change = change }
  }

  /// Marks the diagnostics reported since `start` as about the unit `id`
  /// (those not already about another unit).
  public mutating func attribute(since start: Int, toUnit id: String) {
    for index in start..<diagnostics.count where diagnostics[index].unit == nil { diagnostics[index].unit = id }
  }

  public mutating func report(_ message: String, at location: Location) {
    diagnostics.append(
      Diagnostic(rule: LoaderRule.invalidDocument, severity: .error, message: message, location: location))
  }

  /// Follows an alias, charging what it brings in against the budget.
  /// Returns nil (and reports once) when the budget is spent.
  public mutating func resolve(_ node: NodeID) -> NodeID? {
    guard tree.kind(node) == .alias else { return node }
    let target = tree.resolved(node)
    aliasBudget -= Int(tree.subtreeEnd(target.index) - target.index)
    if aliasBudget < 0 {
      if !aliasBudgetExceeded {
        report(
          "aliases expand to too many nodes (a \"billion laughs\" document?); refusing to expand",
          at: expansionRoot ?? node)
      }
      aliasBudgetExceeded = true
      return nil
    }
    return target
  }

  /// Marks `node` as the outermost alias of an expansion (when it is an
  /// alias and none is under way); pass the result to `endExpansion`.
  public mutating func beginExpansion(_ node: NodeID) -> Bool {
    guard expansionRoot == nil, tree.kind(node) == .alias else { return false }
    expansionRoot = node
    return true
  }

  public mutating func endExpansion(_ began: Bool) {
    if began { expansionRoot = nil }
  }

  /// A description of a node's type for messages: "a list", "the text \"12\"".
  public func describe(_ node: NodeID) -> String {
    let node = tree.resolved(node)
    switch tree.kind(node) {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar:
      // One line, and short: the message stays one line of the report.
      var text = tree.text(node)
      if text.isEmpty && tree.isPlain(node) { return "nothing" }
      if text.count > 40 { text = String(text.prefix(40)) + "…" }
      text = text.yamlEscaped()
      return tree.isPlain(node) ? text : "the text \"\(text)\""
    }
  }

  public struct Field {
    public var key: String
    public var keyNode: NodeID
    public var value: NodeID
  }

  /// Up to this many keys, duplicates are found by comparing with each key
  /// read before; beyond it, by hashing.
  package static let smallMapping = 16

  /// The pairs of a mapping whose keys are plain text. Reports a node that is
  /// not a mapping, keys that are not text, duplicate keys, and (when
  /// `allowed` is given) unknown keys with a suggestion.
  public mutating func fields(of node: NodeID, _ what: String, allowed: [String]? = nil) -> [Field]? {
    guard let node = resolve(node), checkTag(node, allowed: ["tag:yaml.org,2002:map"], what) else { return nil }
    guard tree.kind(node) == .mapping else {
      report("\(what) must be a mapping, found \(describe(node))", at: node)
      return nil
    }
    var result: [Field] = []
    result.reserveCapacity(tree.count(node))
    // Small mappings (a unit's keys) look for duplicates among the keys read
    // so far, byte by byte; only large ones pay for a dictionary.
    let small = tree.count(node) <= Self.smallMapping
    var textKeys: [NodeID] = []
    var seen: [String: NodeID] = [:]
    for (keyNode, value) in tree.pairs(node) {
      guard tree.kind(keyNode) == .scalar else {
        report("a key of \(what) must be text, found \(describe(keyNode))", at: keyNode)
        continue
      }
      let key = tree.text(keyNode)
      if let first = small ? textKeys.first(where: { tree.sameText($0, keyNode) }) : seen[key] {
        report(
          "duplicate key '\(key)' in \(what) (first given at line \(tree.location(first).line))", at: keyNode)
        continue
      }
      if small { textKeys.append(keyNode) } else { seen[key] = keyNode }
      if key == "<<" && tree.isPlain(keyNode) {
        report(
          "merge keys (<<) are not supported (YAML 1.2 has none); write the keys out, or use an alias for the whole value",
          at: keyNode)
        continue
      }
      if let allowed, !allowed.contains(key) {
        report(Self.unknownKeyMessage(key, in: what, allowed: allowed), at: keyNode)
        continue
      }
      result.append(Field(key: key, keyNode: keyNode, value: value))
    }
    return result
  }

  /// What is said of a key `what` does not have, with the allowed key it
  /// most likely meant.
  package static func unknownKeyMessage(_ key: String, in what: String, allowed: [String]) -> String {
    let message = "unknown key '\(key)' in \(what)"
    guard let suggestion = closestMatch(to: key, in: allowed) else { return message }
    return message + "; did you mean '\(suggestion)'?"
  }

  /// A scalar's text. Empty plain scalars (`name:`) count as missing.
  public mutating func text(_ node: NodeID, _ what: String) -> String? {
    guard let node = resolve(node), checkTag(node, allowed: ["tag:yaml.org,2002:str"], what) else { return nil }
    guard tree.kind(node) == .scalar else {
      report("\(what) must be text, found \(describe(node))", at: node)
      return nil
    }
    let text = tree.text(node)
    if text.isEmpty && tree.isPlain(node) {
      report("\(what) needs a value", at: node)
      return nil
    }
    return text
  }

  /// An identifier: non-empty text without whitespace.
  public mutating func identifier(_ node: NodeID, _ what: String) -> String? {
    guard let text = text(node, what) else { return nil }
    if text.isEmpty || Self.containsWhitespace(text) {
      report("\(what) must be a non-empty id without whitespace, found \"\(text)\"", at: node)
      return nil
    }
    return text
  }

  /// Whitespace anywhere in `text`; printable ASCII, what ids almost always
  /// are, is answered from the bytes without Unicode property lookups.
  package static func containsWhitespace(_ text: String) -> Bool {
    // Read as contiguous bytes: walking the string's UTF-8 view costs many
    // times more, and every id of every unit is checked.
    var text = text
    if text.withUTF8({ $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } }) { return false }
    return text.contains(where: \.isWhitespace)
  }

  /// A whole number written as a plain decimal scalar (`12`, not `"12"`, `12.0` or `0x0C`).
  public mutating func wholeNumber(_ node: NodeID, _ what: String, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
    guard let node = resolve(node), checkTag(node, allowed: ["tag:yaml.org,2002:int"], what) else { return nil }
    let text = tree.kind(node) == .scalar ? tree.text(node) : ""
    guard tree.kind(node) == .scalar, tree.isPlain(node) || tree.tag(node) != nil,
      let value = Self.wholeNumber(text)
    else {
      report("\(what) must be a whole number, found \(describe(node))", at: node)
      return nil
    }
    if let minimum, value < minimum {
      report("\(what) must be at least \(minimum), found \(value)", at: node)
      return nil
    }
    if let maximum, value > maximum {
      report("\(what) must be at most \(maximum), found \(value)", at: node)
      return nil
    }
    return value
  }

  /// The value of a whole number's text: decimal digits with an optional sign.
  package static func wholeNumber(_ text: String) -> Int? {
    Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
  }

  /// A number (whole or decimal) written as a plain scalar.
  public mutating func number(_ node: NodeID, _ what: String) -> Double? {
    guard let node = resolve(node) else { return nil }
    guard tree.kind(node) == .scalar, tree.isPlain(node), let value = Double(tree.text(node)), value.isFinite else {
      report("\(what) must be a number, found \(describe(node))", at: node)
      return nil
    }
    return value
  }

  /// `true` or `false`, written plain.
  public mutating func bool(_ node: NodeID, _ what: String) -> Bool? {
    guard let node = resolve(node) else { return nil }
    if tree.kind(node) == .scalar, tree.isPlain(node) {
      switch tree.text(node) {
      case "true": return true
      case "false": return false
      default: break
      }
    }
    report("\(what) must be true or false, found \(describe(node))", at: node)
    return nil
  }

  /// A calendar date written YYYY-MM-DD.
  public mutating func date(_ node: NodeID, _ what: String) -> String? {
    guard let text = text(node, what) else { return nil }
    if Self.isDate(text) { return text }
    report("\(what) must be a date written YYYY-MM-DD, found \"\(text)\"", at: node)
    return nil
  }

  /// True for a calendar date written YYYY-MM-DD.
  package static func isDate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return false }
    return (1...12).contains(month) && day >= 1 && day <= Self.daysIn(month: month, year: year)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The entries of a list.
  public mutating func list(_ node: NodeID, _ what: String) -> [NodeID]? {
    guard let node = resolve(node), checkTag(node, allowed: ["tag:yaml.org,2002:seq"], what) else { return nil }
    guard tree.kind(node) == .sequence else {
      report("\(what) must be a list, found \(describe(node))", at: node)
      return nil
    }
    return Array(tree.items(node))
  }

  /// A list of texts; entries that are not text are reported and skipped.
  public mutating func textList(_ node: NodeID, _ what: String, identifiers: Bool = false) -> [(String, NodeID)]? {
    guard let items = list(node, what) else { return nil }
    return items.compactMap { item in
      let value = identifiers ? identifier(item, "an entry of \(what)") : text(item, "an entry of \(what)")
      return value.map { ($0, item) }
    }
  }

  /// One text or a list of texts (`beställare: hr` or `beställare: [hr, it]`).
  public mutating func oneOrMany(_ node: NodeID, _ what: String, identifiers: Bool = false) -> [(String, NodeID)]? {
    guard let resolvedNode = resolve(node) else { return nil }
    if tree.kind(resolvedNode) == .sequence {
      return textList(resolvedNode, what, identifiers: identifiers)
    }
    let value = identifiers ? identifier(resolvedNode, what) : text(resolvedNode, what)
    return value.map { [($0, resolvedNode)] }
  }

  /// Schema-free data, typed by the YAML 1.2 core schema.
  public mutating func data(_ node: NodeID, _ what: String) -> DataValue? {
    let began = beginExpansion(node)
    defer { endExpansion(began) }
    guard let node = resolve(node) else { return nil }
    switch tree.kind(node) {
    case .scalar:
      if let tag = tree.tag(node), tag != "tag:yaml.org,2002:str" {
        report("tag \(tag) is not supported in \(what)", at: node)
        return nil
      }
      let text = tree.text(node)
      return tree.isPlain(node) && tree.tag(node) == nil ? DataValue.typedPlain(text) : .string(text)
    case .sequence:
      guard checkTag(node, allowed: ["tag:yaml.org,2002:seq"], what) else { return nil }
      var values: [DataValue] = []
      for item in tree.items(node) {
        guard let value = data(item, what) else { return nil }
        values.append(value)
      }
      return .list(values)
    case .mapping:
      guard let fields = fields(of: node, what) else { return nil }
      var pairs: [(key: String, value: DataValue)] = []
      for field in fields {
        guard let value = data(field.value, what) else { return nil }
        pairs.append((field.key, value))
      }
      return .map(pairs)
    case .alias:
      return nil
    }
  }

  /// Explicit tags are allowed only when they name the type the key expects;
  /// anything else (`!include`, `!!python/object`) is reported, never acted on.
  private mutating func checkTag(_ node: NodeID, allowed: [String], _ what: String) -> Bool {
    guard let tag = tree.tag(node), !allowed.contains(tag) else { return true }
    report("tag \(tag) is not supported for \(what)", at: node)
    return false
  }
}
