import OrgDiagnostics

/// A node of a `YAMLTree`: an index into its arena.
public struct NodeID: Hashable, Sendable {
  let index: Int32
}

/// A parsed YAML file in which every node keeps its line and column.
///
/// Nodes live in one arena in document order (pre-order), struct-of-arrays, so a
/// million-unit file costs a few flat arrays instead of millions of objects. A
/// collection's children follow it directly; `end` marks where its subtree
/// stops, so walking the children is linear and needs no child lists. Aliases
/// stay references to their anchor's node: nothing is ever copied, which is
/// what keeps a "billion laughs" file cheap.
public struct YAMLTree: Sendable {
  public enum Kind: UInt8, Sendable { case scalar, sequence, mapping, alias }

  /// The file name as the user gave it; every location carries it.
  public let file: String
  /// One root per document in the stream.
  public internal(set) var documents: [NodeID] = []

  var kinds: [Kind] = []
  var plain: [Bool] = []
  var lines: [UInt32] = []
  var columns: [UInt32] = []
  /// Scalar: offset into `scalarBytes`. Collection: index after its subtree.
  /// Alias: index of the anchored node.
  var first: [Int32] = []
  /// Scalar: byte length. Collection: number of children (keys and values).
  var second: [Int32] = []
  var scalarBytes: [UInt8] = []
  /// Explicit tags are rare, so they live beside the arena.
  var tags: [Int32: String] = [:]

  init(file: String) { self.file = file }

  /// An empty tree with room for a file of `expectedBytes`: a node takes at
  /// least two bytes of YAML. Untouched capacity costs address space, not
  /// memory, and growing a large arena by copying costs time.
  init(file: String, expectedBytes: Int) {
    self.file = file
    let nodes = expectedBytes / 2 + 1
    kinds.reserveCapacity(nodes)
    plain.reserveCapacity(nodes)
    lines.reserveCapacity(nodes)
    columns.reserveCapacity(nodes)
    first.reserveCapacity(nodes)
    second.reserveCapacity(nodes)
    scalarBytes.reserveCapacity(expectedBytes)
  }

  public var nodeCount: Int { kinds.count }

  public func kind(_ node: NodeID) -> Kind { kinds[Int(node.index)] }

  public func location(_ node: NodeID) -> Location {
    Location(file: file, line: Int(lines[Int(node.index)]) + 1, column: Int(columns[Int(node.index)]) + 1)
  }

  /// The explicit tag (`!include`, `!!str`), if the node was written with one.
  public func tag(_ node: NodeID) -> String? { tags[node.index] }

  /// True for a scalar written without quotes (`12`, not `"12"`).
  public func isPlain(_ node: NodeID) -> Bool { plain[Int(node.index)] }

  /// The text of a scalar ("" for anything else).
  public func text(_ node: NodeID) -> String {
    let i = Int(node.index)
    guard kinds[i] == .scalar else { return "" }
    let start = Int(first[i])
    return scalarBytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + Int(second[i])]), as: UTF8.self)
    }
  }

  /// True when two scalars have the same text, as Swift compares strings
  /// (canonically equivalent: "ä" precomposed or not). Nearly every pair of
  /// keys differs at an ASCII byte, and then they differ as text too: an
  /// ASCII character is a starter with no decomposition, so no combining
  /// mark can make the two equivalent. Only other pairs become strings.
  func sameText(_ a: NodeID, _ b: NodeID) -> Bool {
    let (i, j) = (Int(a.index), Int(b.index))
    guard kinds[i] == .scalar, kinds[j] == .scalar else { return false }
    let (leftStart, leftCount) = (Int(first[i]), Int(second[i]))
    let (rightStart, rightCount) = (Int(first[j]), Int(second[j]))
    let decided: Bool? = scalarBytes.withUnsafeBufferPointer { bytes in
      let shared = min(leftCount, rightCount)
      var k = 0
      while k < shared && bytes[leftStart + k] == bytes[rightStart + k] { k += 1 }
      if k == shared { return leftCount == rightCount ? true : nil }
      return bytes[leftStart + k] < 0x80 && bytes[rightStart + k] < 0x80 ? false : nil
    }
    return decided ?? (text(a) == text(b))
  }

  /// The node an alias refers to (the node itself for anything else).
  public func resolved(_ node: NodeID) -> NodeID {
    kinds[Int(node.index)] == .alias ? NodeID(index: first[Int(node.index)]) : node
  }

  /// Number of entries of a sequence, or of pairs of a mapping.
  public func count(_ node: NodeID) -> Int {
    switch kind(node) {
    case .sequence: Int(second[Int(node.index)])
    case .mapping: Int(second[Int(node.index)]) / 2
    default: 0
    }
  }

  /// The entries of a sequence (empty for anything else).
  public func items(_ node: NodeID) -> Children { Children(tree: self, node: node) }

  /// The key/value pairs of a mapping, in document order.
  public func pairs(_ node: NodeID) -> Pairs { Pairs(children: Children(tree: self, node: node)) }

  func subtreeEnd(_ index: Int32) -> Int32 {
    switch kinds[Int(index)] {
    case .sequence, .mapping: first[Int(index)]
    default: index + 1
    }
  }

  public struct Children: Sequence, Sendable {
    let tree: YAMLTree
    let node: NodeID

    public func makeIterator() -> Iterator {
      let isCollection = tree.kind(node) == .sequence || tree.kind(node) == .mapping
      return Iterator(
        tree: tree, position: node.index + 1, end: isCollection ? tree.first[Int(node.index)] : node.index + 1)
    }

    public struct Iterator: IteratorProtocol {
      let tree: YAMLTree
      var position: Int32
      let end: Int32

      public mutating func next() -> NodeID? {
        guard position < end else { return nil }
        let current = position
        position = tree.subtreeEnd(current)
        return NodeID(index: current)
      }
    }
  }

  public struct Pairs: Sequence, Sendable {
    let children: Children

    public func makeIterator() -> Iterator { Iterator(inner: children.makeIterator()) }

    public struct Iterator: IteratorProtocol {
      var inner: Children.Iterator

      public mutating func next() -> (key: NodeID, value: NodeID)? {
        guard let key = inner.next(), let value = inner.next() else { return nil }
        return (key, value)
      }
    }
  }
}
