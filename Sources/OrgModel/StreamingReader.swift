import OrgDiagnostics
import OrgYAML

/// Reads an organisation file straight from libyaml's events into units,
/// without building its located tree: the fast path for what large models
/// are, files that are well formed and valid.
///
/// It reads only what needs no report, with one exception: a key no unit
/// has (a typo, the slip most likely in a large file) is reported with the
/// tree path's own message and its value passed over. At the first alias,
/// anchor, explicit tag, second document, duplicate or missing key, value
/// of the wrong type or syntax error it gives up, and the loader reads the
/// file again through `YAMLTree` and `UnitReader`, which say what is wrong
/// and where. So the rules of the format are enforced in one place; this
/// reader only recognises the valid cases, and its tests hold it to the
/// same units and findings, field for field, as the tree path for every
/// file it accepts.
package struct StreamingReader: ~Copyable {
  /// The file needs the tree path.
  struct GiveUp: Error {}

  private var events: YAMLEventCursor
  private let fileIndex: UInt32
  private var part: ModelPart
  /// Collections open: the tree path's nesting limit applies here too.
  private var depth = 0

  /// The part `ModelBuilder.part(of:fileIndex:)` would read from the file's
  /// tree, or nil when the file needs the tree path.
  /// `pipelined` parses on a thread of its own while this one reads units.
  package static func part(of bytes: [UInt8], file: String, fileIndex: UInt32, pipelined: Bool = false) -> ModelPart? {
    guard bytes.count <= YAMLParser.maxFileSize else { return nil }
    return EventReader.withCursor(bytes, pipelined: pipelined) { (events: consuming YAMLEventCursor) in
      var reader = StreamingReader(events: events, fileIndex: fileIndex, part: ModelPart(file: file))
      do {
        try reader.readStream()
      } catch {
        return nil
      }
      return reader.part
    }
  }

  private init(events: consuming YAMLEventCursor, fileIndex: UInt32, part: consuming ModelPart) {
    self.events = events
    self.fileIndex = fileIndex
    self.part = part
  }

  // MARK: The file

  private mutating func readStream() throws(GiveUp) {
    try advance(expecting: .documentStart)
    try advance()
    try readTopLevel()
    try advance(expecting: .documentEnd)
    // A second document is the tree path's to report.
    guard (try? events.next()) == false else { throw GiveUp() }
  }

  private mutating func readTopLevel() throws(GiveUp) {
    try enter(.mappingStart)
    var seen = FirstSeen()
    while try nextKey() {
      let key = try currentKey(in: ModelBuilder.topLevelKeys, notIn: &seen)
      let keyLocation = location()
      try advance()
      switch key {
      case "orglint": guard try wholeNumber() == 1 else { throw GiveUp() }
      case "organisation": part.header = (try readHeader(), keyLocation)
      default: try readUnits(nestedIn: nil)  // units
      }
    }
  }

  private mutating func readHeader() throws(GiveUp) -> OrganisationHeader {
    try enter(.mappingStart)
    var header = OrganisationHeader(at: ref())
    var seen = FirstSeen()
    while try nextKey() {
      let key = try currentKey(in: ModelBuilder.headerKeys, notIn: &seen)
      try advance()
      switch key {
      case "id": header.id = try identifier()
      case "name": header.name = try text()
      case "as_of":
        let date = try text()
        guard TreeReader.isDate(date) else { throw GiveUp() }
        header.asOf = date
      default: header.root = UnitReference(id: try identifier(), at: ref())  // root
      }
    }
    return header
  }

  // MARK: Units

  /// A list of unit mappings, each appended with the units nested in it.
  private mutating func readUnits(nestedIn parent: UnitReference?) throws(GiveUp) {
    try enter(.sequenceStart)
    while try nextItem() {
      try readUnit(nestedIn: parent)
    }
  }

  /// A unit and, depth first, the units nested in it. Its slot is taken
  /// when its mapping starts, so that it precedes its nested units as in the
  /// tree path, and filled when the mapping ends.
  private mutating func readUnit(nestedIn parent: UnitReference?) throws(GiveUp) {
    try enter(.mappingStart)
    let slot = part.units.count
    part.units.append(Unit.placeholder)
    var unit = Unit(id: "", name: "", kind: "", at: ref())
    unit.parent = parent
    var positions = KeyPositions(capacity: 8)
    var unknownKeys = FirstSeen()
    let firstDiagnostic = part.diagnostics.count
    while try nextKey() {
      guard let key = UnitKey(utf8: events.value) else {
        try passOverUnknownKey(&unknownKeys)
        continue
      }
      guard positions[key] == nil else { throw GiveUp() }
      positions[key] = ref()
      try advance()
      switch key {
      case .id: unit.id = try identifier()
      case .name: unit.name = try text()
      case .kind: unit.kind = try text()
      case .parent:
        let id = try identifier()
        // A parent other than the enclosing unit is reported by the tree path.
        if let implied = unit.parent, implied.id != id { throw GiveUp() }
        unit.parent = UnitReference(id: id, at: ref(), target: unit.parent?.target)
      case .units:
        // Nested units name their parent by id: it must be known by now.
        guard positions[.id] != nil else { throw GiveUp() }
        try readUnits(nestedIn: UnitReference(id: unit.id, at: unit.at, target: Int32(slot)))
      case .headcount: unit.headcount = try wholeNumber(in: 0...maximumHeadcount)
      case .directHeadcount: unit.directHeadcount = try wholeNumber(in: 0...maximumHeadcount)
      case .roles: unit.roles = try texts(identifiers: false).map(\.text)
      case .relations: unit.relations = try readRelations()
      case .attributes: unit.attributes = try readData(topLevel: true)
      case .manager: unit.manager = try text()
      case .description: unit.description = try text()
      case .formerly: unit.formerly = try texts(identifiers: true).map(\.text)
      case .suppress: unit.suppressions = try readSuppressions()
      }
    }
    guard ModelBuilder.requiredUnitKeys.allSatisfy({ positions[$0] != nil }) else { throw GiveUp() }
    unit.keyPositions = positions
    // What was reported about this unit's own keys names it, as in the tree
    // path (its nested units have named theirs).
    for index in firstDiagnostic..<part.diagnostics.count where part.diagnostics[index].unit == nil {
      part.diagnostics[index].unit = unit.id
    }
    // Swapped in, not assigned: an assignment here copies the unit.
    swap(&part.units[slot], &unit)
  }

  /// Reports a key no unit has, as `TreeReader.fields` words it, and passes
  /// over its value. A repeated one, or a merge key, is the tree path's.
  private mutating func passOverUnknownKey(_ earlier: inout FirstSeen) throws(GiveUp) {
    let key = try freeKey(&earlier)
    part.diagnostics.append(
      Diagnostic(
        rule: LoaderRule.invalidDocument, severity: .error,
        message: TreeReader.unknownKeyMessage(key, in: ModelBuilder.unitDescription, allowed: ModelBuilder.unitKeys),
        location: location()))
    try advance()
    guard events.kind == .mappingStart || events.kind == .sequenceStart else { return }
    try enter(events.kind)
    let outside = depth - 1
    while depth > outside {
      try advance()
      switch events.kind {
      case .mappingStart, .sequenceStart: try enter(events.kind)
      case .mappingEnd, .sequenceEnd: depth -= 1
      default: break
      }
    }
  }

  private mutating func readRelations() throws(GiveUp) -> [Relation] {
    try enter(.mappingStart)
    var relations: [Relation] = []
    var names = FirstSeen()
    while try nextKey() {
      let name = try freeKey(&names)
      let at = ref()
      try advance()
      let targets: [(text: String, at: SourceRef)] =
        events.kind == .sequenceStart ? try texts(identifiers: true) : [(try identifier(), ref())]
      relations.append(Relation(name: name, at: at, targets: targets.map { UnitReference(id: $0.text, at: $0.at) }))
    }
    return relations
  }

  private mutating func readSuppressions() throws(GiveUp) -> [Suppression] {
    try enter(.mappingStart)
    var suppressions: [Suppression] = []
    var rules = FirstSeen()
    while try nextKey() {
      let rule = try freeKey(&rules)
      let at = ref()
      try advance()
      guard events.kind == .scalar, !events.isDecorated else { throw GiveUp() }
      let reason = string()
      guard !reason.allSatisfy(\.isWhitespace) else { throw GiveUp() }
      suppressions.append(Suppression(rule: rule, reason: reason, at: at))
    }
    return suppressions
  }

  /// Schema-free data (`attributes`), typed by the YAML 1.2 core schema as
  /// `TreeReader.data` types it; `attributes` itself must be a mapping.
  private mutating func readData(topLevel: Bool = false) throws(GiveUp) -> DataValue {
    switch events.kind {
    case .scalar where !topLevel && !events.isDecorated:
      return events.isPlain ? DataValue.typedPlain(string()) : .string(string())
    case .sequenceStart where !topLevel:
      try enter(.sequenceStart)
      var values: [DataValue] = []
      while try nextItem() { values.append(try readData()) }
      return .list(values)
    case .mappingStart:
      try enter(.mappingStart)
      var pairs: [(key: String, value: DataValue)] = []
      var keys = FirstSeen()
      while try nextKey() {
        let key = try freeKey(&keys)
        try advance()
        pairs.append((key, try readData()))
      }
      return .map(pairs)
    default:
      throw GiveUp()
    }
  }

  // MARK: Values

  /// A scalar's text; an empty plain scalar (`name:`) counts as missing.
  private mutating func text() throws(GiveUp) -> String {
    guard events.kind == .scalar, !events.isDecorated, !(events.isPlain && events.value.isEmpty) else {
      throw GiveUp()
    }
    return string()
  }

  /// Non-empty text without whitespace.
  private mutating func identifier() throws(GiveUp) -> String {
    let text = try text()
    guard !text.isEmpty, !TreeReader.containsWhitespace(text) else { throw GiveUp() }
    return text
  }

  private mutating func wholeNumber(in range: ClosedRange<Int>? = nil) throws(GiveUp) -> Int {
    guard events.kind == .scalar, !events.isDecorated, events.isPlain,
      let value = TreeReader.wholeNumber(string()), range?.contains(value) ?? true
    else { throw GiveUp() }
    return value
  }

  /// A list of texts (or ids), each with where it was written.
  private mutating func texts(identifiers: Bool) throws(GiveUp) -> [(text: String, at: SourceRef)] {
    try enter(.sequenceStart)
    var texts: [(text: String, at: SourceRef)] = []
    while try nextItem() {
      texts.append((identifiers ? try identifier() : try text(), ref()))
    }
    return texts
  }

  /// The current key as text, for mappings whose keys are names the user
  /// chooses; a repeated one, or a YAML 1.1 merge key, is the tree path's to report.
  private func freeKey(_ earlier: inout FirstSeen) throws(GiveUp) -> String {
    let key = string()
    guard !(events.isPlain && key == "<<"), earlier.insert(key) else { throw GiveUp() }
    return key
  }

  private func string() -> String { String(decoding: events.value, as: UTF8.self) }

  // MARK: Events

  private mutating func advance() throws(GiveUp) {
    guard (try? events.next()) == true, events.kind != .alias else { throw GiveUp() }
  }

  private mutating func advance(expecting kind: YAMLEventCursor.Kind) throws(GiveUp) {
    try advance()
    guard events.kind == kind else { throw GiveUp() }
  }

  /// Checks that the current event opens a plain collection of `kind`, and
  /// counts it against the nesting limit.
  private mutating func enter(_ kind: YAMLEventCursor.Kind) throws(GiveUp) {
    guard events.kind == kind, !events.isDecorated, depth < YAMLParser.defaultMaxDepth else { throw GiveUp() }
    depth += 1
  }

  /// Moves to the next key of the open mapping; false (and the mapping
  /// closed) at its end. Keys are plain text.
  private mutating func nextKey() throws(GiveUp) -> Bool {
    try advance()
    if events.kind == .mappingEnd {
      depth -= 1
      return false
    }
    guard events.kind == .scalar, !events.isDecorated else { throw GiveUp() }
    return true
  }

  /// Moves to the next entry of the open list; false (and the list closed) at its end.
  private mutating func nextItem() throws(GiveUp) -> Bool {
    try advance()
    if events.kind == .sequenceEnd {
      depth -= 1
      return false
    }
    return true
  }

  /// The current key, one of `keys` (the tree path's own list) and not in
  /// `earlier`; any other, or a repeated one, is the tree path's to report.
  private func currentKey(in keys: [String], notIn earlier: inout FirstSeen) throws(GiveUp) -> String {
    guard let key = keys.first(where: { $0.utf8.elementsEqual(events.value) }), earlier.insert(key) else {
      throw GiveUp()
    }
    return key
  }

  private func ref() -> SourceRef {
    SourceRef(file: fileIndex, line: UInt32(events.line + 1), column: UInt32(events.column + 1))
  }

  private func location() -> Location {
    Location(file: part.file, line: events.line + 1, column: events.column + 1)
  }
}
