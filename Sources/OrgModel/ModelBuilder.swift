import OrgDiagnostics
import OrgYAML

/// Builds one `Model` from the located trees of its files, reporting every
/// departure from the organisation format (contract section 1) as a located
/// `invalid-document` diagnostic and carrying on past it.
public struct ModelBuilder {
  public internal(set) var model = Model()
  public private(set) var diagnostics: [Diagnostic] = []

  package static let topLevelKeys = ["orglint", "organisation", "units"]
  package static let headerKeys = ["id", "name", "as_of", "root"]
  package static let unitKeys = UnitKey.allCases.map(\.rawValue)
  /// What a unit's mapping is called in messages about its keys.
  package static let unitDescription = "a unit"
  /// The keys a unit must have.
  package static let requiredUnitKeys: [UnitKey] = [.id, .name, .kind]
  /// Top-level keys starting with this are free: a place for anchors that
  /// the units then refer to (as in docker-compose files).
  package static let freeKeyPrefix = "x-"

  public init() {}

  /// True when the file's top level has `proposal:`: such a file is checked on
  /// its own base and never merged into a model.
  public static func isProposal(_ tree: YAMLTree) -> Bool {
    guard let document = tree.documents.first, tree.kind(document) == .mapping else { return false }
    return tree.pairs(document).contains { tree.kind($0.key) == .scalar && tree.text($0.key) == "proposal" }
  }

  /// Adds the units of one organisation file. `document` and `extraKeys`
  /// let a rule's example, a mapping inside the rule file, be read as one.
  public mutating func add(_ tree: YAMLTree, document chosen: NodeID? = nil, extraKeys: [String] = []) {
    add(Self.part(of: tree, fileIndex: UInt32(model.files.count), document: chosen, extraKeys: extraKeys))
  }

  /// Reads one file on its own, so that the files of a model can be read in
  /// parallel; `add(_:)` then merges the parts in file order. `fileIndex` is
  /// the index the file will have in the model's `files`.
  public static func part(
    of tree: YAMLTree, fileIndex: UInt32, document chosen: NodeID? = nil, extraKeys: [String] = []
  )
    -> ModelPart
  {
    var part = ModelPart(file: tree.file)
    var reader = TreeReader(tree: tree)
    for extra in tree.documents.dropFirst() where chosen == nil {
      reader.report("an organisation file holds one YAML document; this is a second one", at: extra)
    }
    if let document = chosen ?? tree.documents.first,  // none: empty or comment-only
      !(tree.kind(document) == .scalar && tree.isPlain(document) && tree.text(document).isEmpty)
    {
      var file = UnitReader(reader: reader, fileIndex: fileIndex)
      file.readTopLevel(document, extraKeys: extraKeys, into: &part)
      reader = file.reader
    }
    part.diagnostics = reader.diagnostics
    return part
  }

  /// Appends a file read by `part(of:fileIndex:)`.
  public mutating func add(_ part: ModelPart) { add([part]) }

  /// Appends files read by `part(of:fileIndex:)`, in the order the files were
  /// given. The units of many files are moved into the model side by side
  /// on all cores, each file's nested units pointing at their parent's new
  /// index; the units of a single file are taken over as they are.
  public mutating func add(_ parts: consuming [ModelPart]) {
    let offsets = parts.reduce(into: [model.units.count]) { $0.append($0[$0.count - 1] + $1.units.count) }
    let filled = parts.indices.filter { !parts[$0].units.isEmpty }
    if model.units.isEmpty, filled.count <= 1 {
      if let only = filled.first {
        model.units = parts[only].units
        parts[only].units = []
      }
    } else {
      let existing = model.units
      model.units = [Unit](unsafeUninitializedCapacity: offsets[offsets.count - 1]) { buffer, initialized in
        _ = buffer.initialize(from: existing)
        // Each file's units go to places of their own.
        let target = UncheckedSendable(buffer.baseAddress!)
        parts.withUnsafeMutableBufferPointer { parts in
          let source = UncheckedSendable(parts.baseAddress!)
          _ = parallelMap(Array(parts.indices)) { index in
            let shift = Int32(offsets[index])
            source.value[index].units.withUnsafeMutableBufferPointer { units in
              guard let first = units.baseAddress else { return }
              // Through the pointer, each unit's parent is changed in place
              // (a subscript of the buffer copied the whole unit to read it).
              for unit in first..<(first + units.count) {
                if let parent = unit.pointee.parent?.target { unit.pointee.parent?.target = parent + shift }
              }
              (target.value + offsets[index]).moveInitialize(from: first, count: units.count)
              // The part's array still counts these places as its own:
              // a unit with nothing to release stands in for each.
              for unit in first..<(first + units.count) { unit.initialize(to: .placeholder) }
            }
            source.value[index].units = []
          }
        }
        initialized = offsets[offsets.count - 1]
      }
    }
    for part in parts {
      model.files.append(part.file)
      diagnostics += part.diagnostics
      guard let (header, keyLocation) = part.header else { continue }
      if let existing = model.header {
        diagnostics.append(
          Diagnostic(
            rule: LoaderRule.invalidDocument, severity: .error,
            message: "a model has one 'organisation'; it is already described at \(model.location(existing.at))",
            location: keyLocation))
      } else {
        model.header = header
      }
    }
  }

  /// Resolves references and returns the model with everything reported.
  public mutating func finish() -> (Model, [Diagnostic]) {
    model.resolve()
    return (model, diagnostics)
  }
}

/// What one file contributes to a model, read on its own.
public struct ModelPart: Sendable {
  public let file: String
  package internal(set) var units: [Unit] = []
  /// The `organisation:` header and where its key was written.
  package internal(set) var header: (OrganisationHeader, Location)?
  package internal(set) var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  /// Everything the part holds, every field of every unit and every finding,
  /// as text: how the streaming reader is held to the tree path.
  package var contents: String {
    var text = ""
    dump(units, to: &text)
    dump(header, to: &text)
    for line in diagnostics.map({ "\($0.location) \($0.unit ?? "-") \($0.message) [\($0.rule)]" }).sorted() {
      text += line + "\n"
    }
    return text
  }
}

/// Reads units from one file's tree; `reader` collects its diagnostics. Also
/// used for the units a proposal writes (`into:`, `create:`, `set:`).
public struct UnitReader {
  public var reader: TreeReader
  /// The index the file has (or will have) in its model's `files`.
  public let fileIndex: UInt32

  public init(reader: TreeReader, fileIndex: UInt32) {
    self.reader = reader
    self.fileIndex = fileIndex
  }

  var tree: YAMLTree { reader.tree }

  /// A unit mapping and the units nested in it, in document order; nested
  /// units name their parent by id.
  public mutating func units(_ node: NodeID, nestedIn parent: UnitReference? = nil) -> [Unit] {
    var units: [Unit] = []
    readUnit(node, nestedIn: parent, into: &units, linkNested: false)
    return units
  }

  /// The keys of a mapping read as a unit's would be, without requiring
  /// `id`, `name` and `kind`: what `update: … set:` gives.
  public mutating func partialUnit(_ node: NodeID, _ what: String) -> (unit: Unit, keys: [UnitKey])? {
    guard let resolvedNode = reader.resolve(node),
      let fields = reader.fields(of: resolvedNode, what, allowed: ModelBuilder.unitKeys)
    else { return nil }
    var unit = Unit(id: "", name: "", kind: "", at: ref(resolvedNode))
    var keys: [UnitKey] = []
    for field in fields {
      guard let key = UnitKey.named[field.key] else { continue }
      keys.append(key)
      switch key {
      case .id: unit.id = reader.identifier(field.value, "id") ?? ""
      case .name: unit.name = reader.text(field.value, "name") ?? ""
      case .kind: unit.kind = reader.text(field.value, "kind") ?? ""
      default:
        var ignored: [NodeID] = []
        readOptionalKey(key, field, into: &unit, nested: &ignored, allowsNested: false)
      }
    }
    return (unit, keys)
  }

  func ref(_ node: NodeID) -> SourceRef {
    let location = tree.location(node)
    return SourceRef(file: fileIndex, line: UInt32(location.line), column: UInt32(location.column))
  }

  fileprivate mutating func readTopLevel(_ document: NodeID, extraKeys: [String], into part: inout ModelPart) {
    let free =
      tree.kind(document) == .mapping
      ? tree.pairs(document).filter { tree.kind($0.key) == .scalar }.map { tree.text($0.key) }
        .filter { $0.hasPrefix(ModelBuilder.freeKeyPrefix) } : []
    guard
      let fields = reader.fields(
        of: document, "an organisation file (top level)", allowed: ModelBuilder.topLevelKeys + extraKeys + free)
    else { return }
    for field in fields where !extraKeys.contains(field.key) && !free.contains(field.key) {
      switch field.key {
      case "orglint":
        if let version = reader.wholeNumber(field.value, "orglint (the format version)"), version != 1 {
          reader.report("format version \(version) is not supported; this orglint reads version 1", at: field.value)
        }
      case "organisation":
        if let header = readHeader(field.value) {
          part.header = (header, tree.location(field.keyNode))
        }
      default:  // units
        guard let items = reader.list(field.value, "units") else { continue }
        for item in items {
          readUnit(item, nestedIn: nil, into: &part.units, linkNested: true)
        }
      }
    }
  }

  mutating func readHeader(_ node: NodeID) -> OrganisationHeader? {
    guard let fields = reader.fields(of: node, "organisation", allowed: ModelBuilder.headerKeys) else { return nil }
    var header = OrganisationHeader(at: ref(node))
    for field in fields {
      switch field.key {
      case "id": header.id = reader.identifier(field.value, "organisation.id")
      case "name": header.name = reader.text(field.value, "organisation.name")
      case "as_of": header.asOf = reader.date(field.value, "organisation.as_of")
      default:
        if let id = reader.identifier(field.value, "organisation.root") {
          header.root = UnitReference(id: id, at: ref(field.value))
        }
      }
    }
    return header
  }

  /// Reads a unit and, depth first, the units nested in it, appending them to
  /// `units`. Depth is bounded by the YAML nesting limit, so the recursion is
  /// too. With `linkNested`, a nested unit's parent is fixed to the index of
  /// the unit it is written in (`units` is then the model's whole list).
  mutating func readUnit(_ node: NodeID, nestedIn parent: UnitReference?, into units: inout [Unit], linkNested: Bool) {
    let began = reader.beginExpansion(node)
    defer { reader.endExpansion(began) }
    let firstDiagnostic = reader.diagnostics.count
    guard let resolvedNode = reader.resolve(node),
      let fields = reader.fields(of: resolvedNode, ModelBuilder.unitDescription, allowed: ModelBuilder.unitKeys)
    else { return }
    var id: String?
    var name: String?
    var kind: String?
    var positions = KeyPositions(capacity: fields.count)
    for field in fields {
      guard let key = UnitKey.named[field.key] else { continue }
      positions[key] = ref(field.keyNode)
      switch key {
      case .id: id = reader.identifier(field.value, "id")
      case .name: name = reader.text(field.value, "name")
      case .kind: kind = reader.text(field.value, "kind")
      default: break
      }
    }
    if ModelBuilder.requiredUnitKeys.contains(where: { positions[$0] == nil }) {
      let missing = ModelBuilder.requiredUnitKeys.filter { positions[$0] == nil }.map(\.rawValue)
      let label = id.map { "unit '\($0)'" } ?? "a unit"
      reader.report(
        "\(label) is missing the required key\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", "))",
        at: resolvedNode)
    }
    // A unit whose id, name or kind is broken stays in the model, marked
    // incomplete, so that its children keep their parent; rules pass it over,
    // since its one cause is already reported.
    let at = ref(resolvedNode)
    var unit = Unit(
      id: id ?? "#incomplete@\(at.file):\(at.line):\(at.column)", name: name ?? "", kind: kind ?? "", at: at)
    unit.isIncomplete = id == nil || name == nil || kind == nil
    unit.keyPositions = positions
    unit.parent = parent
    var nested: [NodeID] = []
    for field in fields {
      guard let key = UnitKey.named[field.key], ![.id, .name, .kind].contains(key) else { continue }
      readOptionalKey(key, field, into: &unit, nested: &nested, allowsNested: true)
    }
    // A nested unit's parent is the unit it is written in, even when another
    // unit has the same id (that is duplicate-id's to report).
    let asParent = UnitReference(id: unit.id, at: unit.at, target: linkNested ? Int32(units.count) : nil)
    // What was reported about this unit's own keys names it (its children,
    // read next, speak for themselves).
    if let id { reader.attribute(since: firstDiagnostic, toUnit: id) }
    units.append(unit)
    for child in nested {
      readUnit(child, nestedIn: asParent, into: &units, linkNested: linkNested)
    }
  }

  /// Reads one key other than id, name and kind into `unit`. A `parent` that
  /// differs from the unit the mapping is nested in is reported.
  private mutating func readOptionalKey(
    _ key: UnitKey, _ field: TreeReader.Field, into unit: inout Unit, nested: inout [NodeID], allowsNested: Bool
  ) {
    switch key {
    case .parent:
      guard let parentID = reader.identifier(field.value, "parent") else { return }
      if let implied = unit.parent, implied.id != parentID {
        reader.report(
          "parent '\(parentID)' differs from '\(implied.id)', the unit this one is nested in", at: field.value)
      } else {
        unit.parent = UnitReference(id: parentID, at: ref(field.value), target: unit.parent?.target)
      }
    case .units:
      nested = reader.list(field.value, "units") ?? []
      if !allowsNested {
        reader.report("'units' cannot be set here; create or transfer units with their own changes", at: field.keyNode)
      }
    case .headcount:
      unit.headcount = reader.wholeNumber(field.value, "headcount", minimum: 0, maximum: maximumHeadcount)
    case .directHeadcount:
      unit.directHeadcount = reader.wholeNumber(
        field.value, "direct_headcount", minimum: 0, maximum: maximumHeadcount)
    case .roles:
      unit.roles = reader.textList(field.value, "roles").map { $0.map(\.0) } ?? []
    case .relations:
      unit.relations = readRelations(field.value)
    case .attributes:
      if let fields = reader.fields(of: field.value, "attributes") {
        unit.attributes = .map(fields.compactMap { f in reader.data(f.value, "attributes").map { (f.key, $0) } })
      }
    case .manager:
      unit.manager = reader.text(field.value, "manager")
    case .description:
      unit.description = reader.text(field.value, "description")
    case .formerly:
      unit.formerly = reader.textList(field.value, "formerly", identifiers: true).map { $0.map(\.0) } ?? []
    case .suppress:
      unit.suppressions = readSuppressions(field.value)
    case .id, .name, .kind:
      break
    }
  }

  mutating func readRelations(_ node: NodeID) -> [Relation] {
    guard let fields = reader.fields(of: node, "relations") else { return [] }
    return fields.compactMap { field in
      guard let targets = reader.oneOrMany(field.value, "relation '\(field.key)'", identifiers: true) else {
        return nil
      }
      return Relation(
        name: field.key, at: ref(field.keyNode),
        targets: targets.map { UnitReference(id: $0.0, at: ref($0.1)) })
    }
  }

  mutating func readSuppressions(_ node: NodeID) -> [Suppression] {
    guard let fields = reader.fields(of: node, "suppress") else { return [] }
    return fields.compactMap { field in
      let value = reader.resolve(field.value) ?? field.value
      let reason = reader.tree.kind(value) == .scalar ? reader.tree.text(value) : nil
      guard let reason, !reason.allSatisfy(\.isWhitespace) else {
        reader.report(
          "suppressing '\(field.key)' needs a reason, e.g. \(field.key): figures are approximate", at: field.value)
        return nil
      }
      return Suppression(rule: field.key, reason: reason, at: ref(field.keyNode))
    }
  }
}
