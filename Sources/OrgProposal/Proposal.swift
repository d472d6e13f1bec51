import OrgDiagnostics
import OrgModel

/// A proposal file: which baseline it changes, and the changes in order.
public struct Proposal: Sendable {
  public var file: String
  public var id: String?
  public var title: String?
  /// The base as written, and the path it names (relative to the proposal).
  public var base: IDRef
  public var basePath: String
  public var effective: String?
  public var decision: String?
  public var changes: [Change]

  public init(file: String, base: IDRef, basePath: String, changes: [Change]) {
    self.file = file
    self.base = base
    self.basePath = basePath
    self.changes = changes
  }
}

/// An id (or path) as written in a proposal, with where.
public struct IDRef: Sendable, Hashable {
  public var id: String
  public var location: Location

  public init(_ id: String, _ location: Location) {
    self.id = id
    self.location = location
  }
}

/// One change of a proposal.
public struct Change: Sendable {
  /// 1-based, as findings report it.
  public var index: Int
  public var operation: Operation
  /// The operation's key (`merge:`, `transfer:`, …): where findings about
  /// the change as a whole point.
  public var location: Location
  /// `headcount_delta`: how much the change alters the total headcount on
  /// purpose; nil when not declared (which means 0).
  public var headcountDelta: Int?
  /// Where `headcount_delta` was written, when it was.
  public var headcountDeltaLocation: Location?
  public var reason: String?

  public var kind: String { operation.kind }
}

public enum Operation: Sendable {
  case merge(sources: [IDRef], into: Unit, assign: [Assignment])
  case split(source: IDRef, into: [Unit], assign: [Assignment])
  case transfer(unit: IDRef, to: IDRef, except: [IDRef])
  case dissolve(unit: IDRef, reassignTo: IDRef?)
  case create(Unit)
  case rename(unit: IDRef, name: String?, newID: IDRef?)
  case update(unit: IDRef, set: Unit, keys: [UnitKey], unset: [(key: UnitKey, location: Location)])

  public static let kinds = ["merge", "split", "transfer", "dissolve", "create", "rename", "update"]

  public var kind: String {
    switch self {
    case .merge: "merge"
    case .split: "split"
    case .transfer: "transfer"
    case .dissolve: "dissolve"
    case .create: "create"
    case .rename: "rename"
    case .update: "update"
    }
  }
}

/// `assign: { child: target }`: where a child of a merged or split unit goes.
public struct Assignment: Sendable {
  public var child: IDRef
  public var target: IDRef
}
