/// Generates region-like organisations of any size for benchmarks and tests:
/// a national root, sjukvårdsregioner, regions with two beställare staff
/// functions and divisions, VOs (utförare, each paired with a beställare),
/// enheter and sektioner, with headcounts that add up. Optionally it plants a
/// known number of faults for each built-in rule that a model can break, and
/// lists the findings they must give — no more, no fewer.
///
/// The output is deterministic for given options (a fixed pseudo-random
/// sequence), so a benchmark's files are the same on every machine.
public struct SyntheticOrganisation: Sendable {
  public enum Layout: String, Sendable, CaseIterable {
    /// Units written inside their parent's `units:` list.
    case nested
    /// Every unit at the top level, naming its `parent:`.
    case flat
  }

  public struct Options: Sendable {
    /// Units in the model, planted ones included.
    public var units: Int
    public var layout: Layout
    /// Files the model is split into (by region).
    public var files: Int
    /// Faults planted for each fault kind.
    public var faultsPerKind: Int

    public init(units: Int, layout: Layout = .nested, files: Int = 1, faultsPerKind: Int = 0) {
      self.units = units
      self.layout = layout
      self.files = files
      self.faultsPerKind = faultsPerKind
    }
  }

  public struct File: Sendable {
    public var name: String
    public var bytes: [UInt8]
  }

  /// A finding the planted faults must give: the rule and the unit it names.
  public struct ExpectedFinding: Hashable, Comparable, Sendable {
    public var rule: String
    public var unit: String

    public init(rule: String, unit: String) {
      self.rule = rule
      self.unit = unit
    }

    public static func < (a: Self, b: Self) -> Bool { (a.rule, a.unit) < (b.rule, b.unit) }
  }

  public struct GenerationError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The faults that can be planted, named by the rule that must find them.
  /// (yaml-syntax stops a run, and headcount-conserved and invalid-change
  /// need a proposal: they are not planted in a model.)
  public static let faultKinds = [
    "bestallare-has-utforare", "division-has-vo", "duplicate-id", "duplicate-sibling-name", "headcount-sum",
    "invalid-document", "orphan-unit", "reporting-cycle", "similar-sibling-names", "span-of-control",
    "unknown-reference", "unused-suppression", "utforare-has-bestallare", "vo-reports-to-one-division",
  ]

  public let files: [File]
  /// Sorted by rule, then unit.
  public let expected: [ExpectedFinding]

  public init(_ options: Options) throws(GenerationError) {
    var plan = try Plan(options)
    plan.plantFaults()
    plan.assignHeadcounts()
    files = plan.write()
    expected = plan.expected.sorted()
  }

  // The shape of one region: two staff functions and divisions × VOs × enheter.
  static let divisionsPerRegion = 8
  static let vosPerDivision = 8
  static let enheterPerVO = 8
  static let unitsPerRegionSkeleton = 1 + 2 + divisionsPerRegion * (1 + vosPerDivision * (1 + enheterPerVO))
  /// Sektioner per enhet on average at full size: a region is ~4,200 units.
  static let sektionerPerEnhet = 7
  static let maxChildren = 12
  static let unitsPerRegion =
    unitsPerRegionSkeleton + divisionsPerRegion * vosPerDivision * enheterPerVO * sektionerPerEnhet
}

/// One unit while the organisation is being planned.
struct PlannedUnit {
  var id: String
  var name: String
  var kind: String
  var parent: Int32?
  var children: [Int32] = []
  var roles: String? = nil
  var relations: String? = nil
  var headcount: Int? = nil
  var directHeadcount = 0
  var manager: String? = nil
  var attributes: String? = nil
  var suppress: String? = nil
  /// The key written for `headcount` (a misspelling plants invalid-document).
  var headcountKey = "headcount"
  /// Declares one person more placed directly than its headcount holds
  /// (a planted headcount-sum fault).
  var overstatesDirectHeadcount = false
  /// Written at the top level of the last file, outside the hierarchy.
  var isLoose = false

  init(id: String, name: String, kind: String, parent: Int32?) {
    self.id = id
    self.name = name
    self.kind = kind
    self.parent = parent
  }
}

/// SplitMix64: a small, fast, seeded generator. The same seed gives the same
/// organisation, and the same random cases in the tests, on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound`.
  public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
