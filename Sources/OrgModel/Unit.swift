import OrgDiagnostics
import OrgYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A compact source position (12 bytes instead of a `Location`'s 32), so that a
/// million units can keep several each. `Model.location(_:)` expands it.
public struct SourceRef: Hashable, Sendable {
  public var file: UInt32
  public var line: UInt32
  public var column: UInt32

  public init(file: UInt32, line: UInt32, column: UInt32) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// A reference by id to another unit, where it was written, and (once the
/// model is resolved) the index of the unit it names, or nil when none does.
public struct UnitReference: Sendable {
  public var id: String
  public var at: SourceRef
  public var target: Int32?

  public init(id: String, at: SourceRef, target: Int32? = nil) {
    self.id = id
    self.at = at
    self.target = target
  }
}

public struct Relation: Sendable {
  public var name: String
  public var at: SourceRef
  public var targets: [UnitReference]

  public init(name: String, at: SourceRef, targets: [UnitReference]) {
    self.name = name
    self.at = at
    self.targets = targets
  }
}

public struct Suppression: Sendable {
  public var rule: String
  public var reason: String
  public var at: SourceRef
}

/// One unit of an organisation, as its file describes it.
public struct Unit: Sendable {
  public var id: String
  public var name: String
  public var kind: String
  /// The parent as written (`parent:`) or implied by nesting.
  public var parent: UnitReference?
  public var roles: [String] = []
  public var relations: [Relation] = []
  public var headcount: Int?
  public var directHeadcount: Int?
  public var attributes: DataValue?
  public var manager: String?
  public var description: String?
  public var formerly: [String] = []
  public var suppressions: [Suppression] = []
  /// True when the id, name or kind could not be read: the unit stays in the
  /// model so its children keep their parent, but rules pass it over.
  public var isIncomplete = false

  /// Where the unit's mapping starts, and where some of its keys were written,
  /// so that a finding about one key points at it.
  public var at: SourceRef
  public var keyPositions = KeyPositions()

  public init(id: String, name: String, kind: String, at: SourceRef) {
    self.id = id
    self.name = name
    self.kind = kind
    self.at = at
  }

  /// A unit that holds no string or list of its own, to fill a place: made
  /// anew each time, which costs less than copying one (a copy passes over
  /// every field of the unit).
  static var placeholder: Unit { Unit(id: "", name: "", kind: "", at: SourceRef(file: 0, line: 0, column: 0)) }

  public func position(of key: UnitKey) -> SourceRef { keyPositions[key] ?? at }

  public func relation(_ name: String) -> Relation? { relations.first { $0.name == name } }
}

/// Where a unit's keys were written. A handful of entries searched in order:
/// one small allocation and no hashing, which a dictionary per unit would
/// cost a million times over.
public struct KeyPositions: Sendable {
  private var entries: [(key: UnitKey, at: SourceRef)] = []

  public init() {}

  /// Room for `capacity` keys up front: one allocation per unit, not one
  /// each time the list grows.
  public init(capacity: Int) { entries.reserveCapacity(capacity) }

  public subscript(key: UnitKey) -> SourceRef? {
    get { entries.first { $0.key == key }?.at }
    set {
      if let index = entries.firstIndex(where: { $0.key == key }) {
        if let newValue { entries[index].at = newValue } else { entries.remove(at: index) }
      } else if let newValue {
        entries.append((key, newValue))
      }
    }
  }

  public var keys: [UnitKey] { entries.map(\.key) }
}

/// The keys a unit may have (contract section 1).
public enum UnitKey: String, CaseIterable, Sendable {
  case id, name, kind, parent, units, headcount
  case directHeadcount = "direct_headcount"
  case roles, relations, attributes, manager, formerly, description, suppress

  /// The key a unit's file names, as `init(rawValue:)` finds it but with
  /// one hash instead of comparing the name with every case in turn: it
  /// runs for every key of every unit.
  public static let named = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

  /// The key spelled by `bytes`, found without making a string: the
  /// streaming reader meets one on nearly every line of a file.
  package init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    for entry in Self.spellings where entry.bytes.count == bytes.count {
      // No key is empty, so both buffers have an address.
      if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }) == 0 {
        self = entry.key
        return
      }
    }
    return nil
  }

  private static let spellings = allCases.map { (bytes: Array($0.rawValue.utf8), key: $0) }
}
