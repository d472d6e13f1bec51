import OrgDiagnostics
import OrgModel
import OrgYAML

/// Reads a proposal file (contract section 2) with the same located errors
/// as organisation files: unknown keys, wrong types, a change with no
/// operation or two, an unknown change kind.
public struct ProposalReader {
  package static let topLevelKeys = ["orglint", "proposal", "changes"]
  package static let headerKeys = ["id", "title", "base", "effective", "decision"]
  /// The keys every change may have besides its operation's.
  package static let commonChangeKeys = ["headcount_delta", "reason"]
  /// Each operation's key (also the change's kind) and the keys it adds.
  package static let operationKeys: [String: [String]] = [
    "merge": ["into", "assign"],
    "split": ["into", "assign"],
    "transfer": ["to", "except"],
    "dissolve": ["reassign_to"],
    "create": [],
    "rename": ["name", "id"],
    "update": ["set", "unset"],
  ]
  /// Keys an operation cannot do without.
  package static let requiredKeys: [String: [String]] = ["merge": ["into"], "split": ["into"], "transfer": ["to"]]
  /// Operations that need at least one of these keys.
  package static let oneOfKeys: [String: [String]] = ["rename": ["name", "id"], "update": ["set", "unset"]]
  /// How many units a merge joins, and a split makes, at least.
  package static let minimumUnits = 2
  /// Keys `update` may not set or unset: identity is `rename`'s, place is `transfer`'s.
  package static let fixedKeys: [UnitKey] = [.id, .units, .parent]
  /// Keys `update` may not unset: every unit has them.
  package static let requiredUnitKeys: [UnitKey] = [.name, .kind]

  var units: UnitReader
  var tree: YAMLTree { units.reader.tree }

  /// `fileIndex` is the index the proposal file gets in the resulting model's
  /// files (after the base's files).
  public init(tree: YAMLTree, fileIndex: UInt32) {
    units = UnitReader(reader: TreeReader(tree: tree), fileIndex: fileIndex)
  }

  public var diagnostics: [Diagnostic] { units.reader.diagnostics }

  /// The `proposal.base` entry, read before anything else so that the base
  /// can be loaded first.
  public static func baseReference(in tree: YAMLTree) -> IDRef? {
    guard let document = tree.documents.first, tree.kind(document) == .mapping,
      let header = tree.pairs(document).first(where: { tree.text($0.key) == "proposal" })?.value,
      tree.kind(header) == .mapping,
      let base = tree.pairs(header).first(where: { tree.text($0.key) == "base" })?.value,
      tree.kind(base) == .scalar, !tree.text(base).isEmpty
    else { return nil }
    return IDRef(tree.text(base), tree.location(base))
  }

  public mutating func read(basePath: String) -> Proposal {
    var proposal = Proposal(
      file: tree.file, base: IDRef("", Location(file: tree.file, line: 1, column: 1)), basePath: basePath, changes: [])
    guard let document = tree.documents.first else {
      units.reader.report(
        "a proposal file must describe a proposal; this one is empty", at: Location(file: tree.file, line: 1, column: 1)
      )
      return proposal
    }
    for extra in tree.documents.dropFirst() {
      units.reader.report("a proposal file holds one YAML document; this is a second one", at: extra)
    }
    guard let fields = units.reader.fields(of: document, "a proposal file (top level)", allowed: Self.topLevelKeys)
    else { return proposal }
    for field in fields {
      switch field.key {
      case "orglint":
        if let version = units.reader.wholeNumber(field.value, "orglint (the format version)"), version != 1 {
          units.reader.report(
            "format version \(version) is not supported; this orglint reads version 1", at: field.value)
        }
      case "proposal":
        readHeader(field.value, into: &proposal)
      default:
        proposal.changes = readChanges(field.value)
      }
    }
    if !fields.contains(where: { $0.key == "changes" }) {
      units.reader.report("a proposal needs 'changes', the list of what it changes", at: document)
    }
    return proposal
  }

  /// The entries of a `changes:` list (also a rule example's).
  public mutating func readChanges(_ node: NodeID) -> [Change] {
    (units.reader.list(node, "changes") ?? []).enumerated().compactMap { offset, item in
      let start = units.reader.diagnostics.count
      defer { units.reader.attribute(since: start, to: offset + 1) }
      return readChange(item, index: offset + 1)
    }
  }

  private mutating func readHeader(_ node: NodeID, into proposal: inout Proposal) {
    guard let fields = units.reader.fields(of: node, "proposal", allowed: Self.headerKeys) else { return }
    for field in fields {
      switch field.key {
      case "id": proposal.id = units.reader.identifier(field.value, "proposal.id")
      case "title": proposal.title = units.reader.text(field.value, "proposal.title")
      case "base":
        if let text = units.reader.text(field.value, "proposal.base") {
          proposal.base = IDRef(text, tree.location(field.value))
        }
      case "effective": proposal.effective = units.reader.date(field.value, "proposal.effective")
      default: proposal.decision = units.reader.text(field.value, "proposal.decision")
      }
    }
    if !fields.contains(where: { $0.key == "base" }) {
      units.reader.report("a proposal needs 'base', the organisation it changes (a file or directory)", at: node)
    }
  }

  private mutating func readChange(_ node: NodeID, index: Int) -> Change? {
    guard let resolved = units.reader.resolve(node), tree.kind(resolved) == .mapping else {
      units.reader.report("a change must be a mapping such as { transfer: unit, to: parent }", at: node)
      return nil
    }
    let keys = tree.pairs(resolved).map { tree.text($0.key) }
    let operations = keys.filter { Self.operationKeys[$0] != nil }
    guard operations.count == 1, let kind = operations.first else {
      if operations.isEmpty {
        // The misspelled kind may be any key of the change, not only the first.
        let known = Set(Self.operationKeys.values.joined()).union(Self.commonChangeKeys)
        let hint =
          keys.lazy.filter { !known.contains($0) }.compactMap { closestMatch(to: $0, in: Operation.kinds) }.first
          .map { "; did you mean '\($0)'?" } ?? ""
        units.reader.report(
          "change \(index) has no operation\(hint) (one of \(Operation.kinds.joined(separator: ", ")))", at: resolved)
      } else {
        units.reader.report(
          "change \(index) has \(operations.count) operations (\(operations.joined(separator: ", "))); write one change for each",
          at: resolved)
      }
      return nil
    }
    let allowed = [kind] + Self.operationKeys[kind]! + Self.commonChangeKeys
    guard let fields = units.reader.fields(of: resolved, "a \(kind) change", allowed: allowed) else { return nil }
    let field = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let operationField = field[kind]!
    var change = Change(
      index: index, operation: .create(Unit(id: "", name: "", kind: "", at: SourceRef(file: 0, line: 0, column: 0))),
      location: tree.location(operationField.keyNode))
    if let delta = field["headcount_delta"] {
      change.headcountDelta = units.reader.wholeNumber(
        delta.value, "headcount_delta", minimum: -maximumHeadcount, maximum: maximumHeadcount)
      change.headcountDeltaLocation = tree.location(delta.value)
    }
    if let reason = field["reason"] { change.reason = units.reader.text(reason.value, "reason") }
    if change.headcountDelta != nil && change.reason == nil {
      units.reader.report(
        "headcount_delta needs a reason: say why the headcount changes", at: field["headcount_delta"]!.keyNode)
    }
    guard let operation = readOperation(kind, operationField.value, field, change: index),
      // A headcount_delta that cannot be read leaves the change's intent
      // unknown: it is not applied (the reader has said why).
      change.headcountDelta != nil || field["headcount_delta"] == nil
    else { return nil }
    change.operation = operation
    return change
  }

  private mutating func readOperation(
    _ kind: String, _ value: NodeID, _ field: [String: TreeReader.Field], change: Int
  ) -> Operation? {
    func required(_ key: String) -> NodeID? {
      assert(Self.requiredKeys[kind, default: []].contains(key), "\(key) is not listed as required for \(kind)")
      guard let node = field[key]?.value else {
        units.reader.report("a \(kind) change needs '\(key)'", at: value)
        return nil
      }
      return node
    }
    switch kind {
    case "merge":
      guard let sources = idList(value, "merge"), let intoNode = required("into"), let into = unitSpec(intoNode, "into")
      else { return nil }
      if sources.count < Self.minimumUnits { units.reader.report("a merge needs at least two units", at: value) }
      return .merge(sources: sources, into: into, assign: assignments(field["assign"]?.value))
    case "split":
      guard let source = id(value, "split"), let intoNode = required("into"),
        let items = units.reader.list(intoNode, "into")
      else { return nil }
      let into = items.compactMap { unitSpec($0, "an entry of into") }
      if items.count < Self.minimumUnits {
        units.reader.report("a split needs at least two units in 'into'", at: intoNode)
      }
      return .split(source: source, into: into, assign: assignments(field["assign"]?.value))
    case "transfer":
      guard let unit = id(value, "transfer"), let toNode = required("to"), let to = id(toNode, "to") else { return nil }
      let except = field["except"].flatMap { idList($0.value, "except") } ?? []
      return .transfer(unit: unit, to: to, except: except)
    case "dissolve":
      guard let unit = id(value, "dissolve") else { return nil }
      return .dissolve(unit: unit, reassignTo: field["reassign_to"].flatMap { id($0.value, "reassign_to") })
    case "create":
      return unitSpec(value, "create").map(Operation.create)
    case "rename":
      guard let unit = id(value, "rename") else { return nil }
      let name = field["name"].flatMap { units.reader.text($0.value, "name") }
      let newID = field["id"].flatMap { id($0.value, "id") }
      if Self.oneOfKeys["rename", default: []].allSatisfy({ field[$0] == nil }) {
        units.reader.report("a rename needs a new 'name', a new 'id', or both", at: value)
      }
      return .rename(unit: unit, name: name, newID: newID)
    default:
      guard let unit = id(value, "update") else { return nil }
      var set = Unit(id: "", name: "", kind: "", at: SourceRef(file: units.fileIndex, line: 0, column: 0))
      var keys: [UnitKey] = []
      if let setNode = field["set"]?.value, let partial = units.partialUnit(setNode, "set") {
        (set, keys) = partial
        for key in keys where Self.fixedKeys.contains(key) {
          units.reader.report(fixedKeyMessage(key), at: setNode)
        }
        keys.removeAll { Self.fixedKeys.contains($0) }
      }
      var unset: [(key: UnitKey, location: Location)] = []
      for (name, node) in field["unset"].flatMap({ units.reader.textList($0.value, "unset") }) ?? [] {
        guard let key = UnitKey(rawValue: name) else {
          let hint =
            closestMatch(to: name, in: UnitKey.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
          units.reader.report("'\(name)' is not a unit key\(hint)", at: node)
          continue
        }
        if Self.fixedKeys.contains(key) || Self.requiredUnitKeys.contains(key) {
          units.reader.report(
            Self.requiredUnitKeys.contains(key) ? "'\(name)' is required and cannot be unset" : fixedKeyMessage(key),
            at: node)
          continue
        }
        unset.append((key, tree.location(node)))
      }
      if Self.oneOfKeys["update", default: []].allSatisfy({ field[$0] == nil }) {
        units.reader.report("an update needs 'set', 'unset' or both", at: value)
      }
      return .update(unit: unit, set: set, keys: keys, unset: unset)
    }
  }

  private func fixedKeyMessage(_ key: UnitKey) -> String {
    switch key {
    case .id: "an update cannot change 'id'; use rename"
    case .parent: "an update cannot change 'parent'; use transfer"
    default: "an update cannot change 'units'; use create, transfer or dissolve"
    }
  }

  private mutating func id(_ node: NodeID, _ what: String) -> IDRef? {
    guard let resolved = units.reader.resolve(node), let text = units.reader.identifier(resolved, what) else {
      return nil
    }
    return IDRef(text, tree.location(resolved))
  }

  private mutating func idList(_ node: NodeID, _ what: String) -> [IDRef]? {
    units.reader.textList(node, what, identifiers: true)?.map { IDRef($0.0, tree.location($0.1)) }
  }

  private mutating func unitSpec(_ node: NodeID, _ what: String) -> Unit? {
    let read = units.units(node)
    if read.count > 1 {
      units.reader.report("\(what) describes one unit; create its sub-units with their own changes", at: node)
    }
    guard let unit = read.first, !unit.isIncomplete else { return nil }
    return unit
  }

  private mutating func assignments(_ node: NodeID?) -> [Assignment] {
    guard let node, let fields = units.reader.fields(of: node, "assign") else { return [] }
    return fields.compactMap { field in
      guard let target = id(field.value, "the target of '\(field.key)'") else { return nil }
      return Assignment(child: IDRef(field.key, tree.location(field.keyNode)), target: target)
    }
  }
}
