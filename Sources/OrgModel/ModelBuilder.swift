import OrgDiagnostics
import OrgYAML

/// Builds one `Model` from the located trees of its files, reporting every
/// departure from the organisation format (contract section 1) as a located
/// `invalid-document` diagnostic and carrying on past it.
public struct ModelBuilder {
  public private(set) var model = Model()
  public private(set) var diagnostics: [Diagnostic] = []

  static let topLevelKeys = ["orglint", "organisation", "units"]
  static let headerKeys = ["id", "name", "as_of", "root"]
  static let unitKeys = UnitKey.allCases.map(\.rawValue)

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
    let fileIndex = UInt32(model.files.count)
    model.files.append(tree.file)
    var reader = TreeReader(tree: tree)
    defer { diagnostics += reader.diagnostics }
    for extra in tree.documents.dropFirst() where chosen == nil {
      reader.report("an organisation file holds one YAML document; this is a second one", at: extra)
    }
    guard let document = chosen ?? tree.documents.first else { return }  // empty or comment-only
    if tree.kind(document) == .scalar, tree.isPlain(document), tree.text(document).isEmpty { return }
    var file = FileReader(reader: reader, fileIndex: fileIndex)
    file.readTopLevel(document, extraKeys: extraKeys, into: &self)
    reader = file.reader
  }

  /// Resolves references and returns the model with everything reported.
  public mutating func finish() -> (Model, [Diagnostic]) {
    model.resolve()
    return (model, diagnostics)
  }

  fileprivate mutating func setHeader(_ header: OrganisationHeader, reader: inout TreeReader, at node: NodeID) {
    if let existing = model.header {
      reader.report(
        "a model has one 'organisation'; it is already described at \(model.location(existing.at))", at: node)
      return
    }
    model.header = header
  }

  fileprivate mutating func append(_ unit: Unit) { model.units.append(unit) }
}

/// Reads one file's tree; `reader` collects its diagnostics.
private struct FileReader {
  var reader: TreeReader
  let fileIndex: UInt32

  var tree: YAMLTree { reader.tree }

  func ref(_ node: NodeID) -> SourceRef {
    let location = tree.location(node)
    return SourceRef(file: fileIndex, line: UInt32(location.line), column: UInt32(location.column))
  }

  mutating func readTopLevel(_ document: NodeID, extraKeys: [String], into builder: inout ModelBuilder) {
    guard
      let fields = reader.fields(
        of: document, "an organisation file (top level)", allowed: ModelBuilder.topLevelKeys + extraKeys)
    else { return }
    for field in fields where !extraKeys.contains(field.key) {
      switch field.key {
      case "orglint":
        if let version = reader.wholeNumber(field.value, "orglint (the format version)"), version != 1 {
          reader.report("format version \(version) is not supported; this orglint reads version 1", at: field.value)
        }
      case "organisation":
        if let header = readHeader(field.value) {
          builder.setHeader(header, reader: &reader, at: field.keyNode)
        }
      default:  // units
        guard let items = reader.list(field.value, "units") else { continue }
        for item in items {
          readUnit(item, nestedIn: nil, into: &builder)
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

  /// Reads a unit and, depth first, the units nested in it. Depth is bounded
  /// by the YAML nesting limit, so the recursion is too.
  mutating func readUnit(_ node: NodeID, nestedIn parent: UnitReference?, into builder: inout ModelBuilder) {
    guard let resolvedNode = reader.resolve(node),
      let fields = reader.fields(of: resolvedNode, "a unit", allowed: ModelBuilder.unitKeys)
    else { return }
    var id: String?
    var name: String?
    var kind: String?
    var positions: [UnitKey: SourceRef] = [:]
    for field in fields {
      guard let key = UnitKey(rawValue: field.key) else { continue }
      positions[key] = ref(field.keyNode)
      switch key {
      case .id: id = reader.identifier(field.value, "id")
      case .name: name = reader.text(field.value, "name")
      case .kind: kind = reader.text(field.value, "kind")
      default: break
      }
    }
    let missing = [("id", positions[.id]), ("name", positions[.name]), ("kind", positions[.kind])]
      .filter { $0.1 == nil }.map(\.0)
    if !missing.isEmpty {
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
      switch UnitKey(rawValue: field.key) {
      case .parent?:
        guard let parentID = reader.identifier(field.value, "parent") else { continue }
        if let implied = parent, implied.id != parentID {
          reader.report(
            "parent '\(parentID)' differs from '\(implied.id)', the unit this one is nested in", at: field.value)
        } else {
          unit.parent = UnitReference(id: parentID, at: ref(field.value))
        }
      case .units?:
        nested = reader.list(field.value, "units") ?? []
      case .headcount?:
        unit.headcount = reader.wholeNumber(field.value, "headcount", minimum: 0)
      case .directHeadcount?:
        unit.directHeadcount = reader.wholeNumber(field.value, "direct_headcount", minimum: 0)
      case .roles?:
        unit.roles = reader.textList(field.value, "roles").map { $0.map(\.0) } ?? []
      case .relations?:
        unit.relations = readRelations(field.value)
      case .attributes?:
        if let fields = reader.fields(of: field.value, "attributes") {
          unit.attributes = .map(fields.compactMap { f in reader.data(f.value, "attributes").map { (f.key, $0) } })
        }
      case .manager?:
        unit.manager = reader.text(field.value, "manager")
      case .description?:
        unit.description = reader.text(field.value, "description")
      case .formerly?:
        unit.formerly = reader.textList(field.value, "formerly", identifiers: true).map { $0.map(\.0) } ?? []
      case .suppress?:
        unit.suppressions = readSuppressions(field.value)
      default:
        break
      }
    }
    // A nested unit's parent is the unit it is written in, even when another
    // unit has the same id (that is duplicate-id's to report).
    let asParent = UnitReference(id: unit.id, at: unit.at, target: Int32(builder.model.units.count))
    builder.append(unit)
    for child in nested {
      readUnit(child, nestedIn: asParent, into: &builder)
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
