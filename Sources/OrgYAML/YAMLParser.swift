import OrgDiagnostics

/// A file that is not well-formed YAML, at the place libyaml (or the depth
/// limit) stopped.
public struct YAMLSyntaxError: Error, Sendable {
  public var message: String
  public var location: Location

  public var diagnostic: Diagnostic {
    Diagnostic(rule: LoaderRule.yamlSyntax, severity: .error, message: message, location: location)
  }
}

public enum YAMLParser {
  /// Deep enough for any organisation (each nesting level of units costs two),
  /// shallow enough that libyaml, whose cost per token grows with depth, stays fast.
  public static let defaultMaxDepth = 512

  /// The largest file read: the tree addresses its text with 32-bit offsets.
  public static let maxFileSize = 1 << 30

  /// Parses `bytes` into a located tree. `file` is the name every location carries.
  public static func parse(_ bytes: [UInt8], file: String, maxDepth: Int = defaultMaxDepth) throws(YAMLSyntaxError)
    -> YAMLTree
  {
    guard bytes.count <= maxFileSize else {
      throw YAMLSyntaxError(
        message:
          "the file has \(bytes.count) bytes, more than the \(maxFileSize) orglint reads; split it into several files",
        location: Location(file: file, line: 1, column: 1))
    }
    var builder = TreeBuilder(tree: YAMLTree(file: file, expectedBytes: bytes.count), maxDepth: maxDepth)
    do throws(EventReaderError) {
      try EventReader.withCursor(bytes) { (events: consuming YAMLEventCursor) throws(EventReaderError) in
        while try events.next() { try builder.add(events) }
      }
    } catch {
      var message = error.message
      // UTF-16 or UTF-32 without a byte-order mark reads as text full of NULs.
      if bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0) {
        message += " (the file looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8)"
      }
      throw YAMLSyntaxError(
        message: message, location: Location(file: file, line: error.line + 1, column: error.column + 1))
    }
    return builder.tree
  }
}

/// Turns the event stream into the arena of `YAMLTree`.
private struct TreeBuilder {
  var tree: YAMLTree
  let maxDepth: Int
  /// Open collections: arena index and number of children so far.
  var open: [(index: Int32, children: Int32)] = []
  /// Anchors of finished nodes only, so that an alias can never point at one
  /// of its own ancestors (which would make the tree a cycle).
  var anchors: [String: Int32] = [:]
  /// Anchors of collections still open, registered when they close.
  var pendingAnchors: [Int32: String] = [:]

  mutating func add(_ event: borrowing YAMLEventCursor) throws(EventReaderError) {
    switch event.kind {
    case .documentStart:
      anchors.removeAll(keepingCapacity: true)
    case .documentEnd:
      break
    case .scalar:
      let index = append(.scalar, event)
      tree.first[Int(index)] = Int32(tree.scalarBytes.count)
      tree.second[Int(index)] = Int32(event.value.count)
      tree.scalarBytes.append(contentsOf: event.value)
      tree.plain[Int(index)] = event.isPlain
      register(anchor: event.anchor, for: index)
    case .alias:
      let name = String(decoding: event.anchor, as: UTF8.self)
      guard let target = anchors[name] else {
        throw EventReaderError(
          message: "alias *\(name) refers to no anchor defined before it", line: event.line, column: event.column)
      }
      let index = append(.alias, event)
      tree.first[Int(index)] = target
    case .sequenceStart, .mappingStart:
      guard open.count < maxDepth else {
        throw EventReaderError(
          message: "nesting deeper than \(maxDepth) levels", line: event.line, column: event.column)
      }
      let index = append(event.kind == .sequenceStart ? .sequence : .mapping, event)
      open.append((index, 0))
      if event.anchor.count > 0 {
        pendingAnchors[index] = String(decoding: event.anchor, as: UTF8.self)
      }
    case .sequenceEnd, .mappingEnd:
      let (index, children) = open.removeLast()
      tree.first[Int(index)] = Int32(tree.kinds.count)
      tree.second[Int(index)] = children
      if let name = pendingAnchors.removeValue(forKey: index) {
        anchors[name] = index
      }
    }
  }

  /// Appends a node as the next child of the innermost open collection.
  mutating func append(_ kind: YAMLTree.Kind, _ event: borrowing YAMLEventCursor) -> Int32 {
    let index = Int32(tree.kinds.count)
    tree.kinds.append(kind)
    tree.plain.append(false)
    tree.lines.append(UInt32(event.line))
    tree.columns.append(UInt32(event.column))
    tree.first.append(0)
    tree.second.append(0)
    if event.tag.count > 0 {
      tree.tags[index] = String(decoding: event.tag, as: UTF8.self)
    }
    if open.isEmpty {
      tree.documents.append(NodeID(index: index))
    } else {
      open[open.count - 1].children += 1
    }
    return index
  }

  mutating func register(anchor: UnsafeBufferPointer<UInt8>, for index: Int32) {
    if anchor.count > 0 {
      anchors[String(decoding: anchor, as: UTF8.self)] = index
    }
  }
}
