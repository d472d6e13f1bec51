/// The organisation being generated: units in an array, linked by index,
/// then faults planted, headcounts summed and the files written.
struct Plan {
  typealias Shape = SyntheticOrganisation

  let options: SyntheticOrganisation.Options
  var units: [PlannedUnit] = []
  var regions: [Int32] = []
  var enheter: [Int32] = []
  var expected: [SyntheticOrganisation.ExpectedFinding] = []
  var random = SplitMix64(seed: 2021)

  static let divisionNames = [
    "Nära", "Länssjukvård", "Psykiatri", "Diagnostik", "Regionservice", "Folkhälsa", "Kultur och utbildning",
    "Tandvård",
  ]
  static let voNames = [
    "Akut", "Kirurgi", "Medicin", "Ortopedi", "Barn och ungdom", "Kvinnosjukvård", "Rehabilitering", "Geriatrik",
  ]
  static let enhetNames = [
    "Vårdavdelning", "Mottagning", "Dagvård", "Operation", "Jourverksamhet", "Administration", "Bemanning",
    "Utveckling",
  ]
  static let firstNames = ["Anna", "Lars", "Maria", "Erik", "Karin", "Johan", "Eva", "Per", "Lena", "Nils"]
  static let lastNames = ["Lindqvist", "Andersson", "Berg", "Nilsson", "Holm", "Sundberg", "Öberg", "Lundin"]
  static let towns = ["Luleå", "Kiruna", "Piteå", "Boden", "Umeå", "Östersund", "Sundsvall", "Gävle"]

  /// Extra units each fault kind adds beside the skeleton.
  static let extraUnits = [
    "orphan-unit": 1, "reporting-cycle": 2, "bestallare-has-utforare": 1, "division-has-vo": 1,
    "utforare-has-bestallare": 1, "vo-reports-to-one-division": 1,
  ]
  /// Fault kinds planted outside any enhet.
  static let looseKinds: Set = ["orphan-unit", "reporting-cycle"]

  init(_ options: SyntheticOrganisation.Options) throws(SyntheticOrganisation.GenerationError) {
    self.options = options
    guard options.units >= 1000, options.units <= 10_000_000 else {
      throw .init(description: "units must be between 1,000 and 10,000,000")
    }
    guard options.faultsPerKind >= 0 else { throw .init(description: "faults must be 0 or more") }
    let regionCount = max(1, (options.units - 1 + Shape.unitsPerRegion - 1) / Shape.unitsPerRegion)
    guard options.files >= 1, options.files <= regionCount else {
      throw .init(description: "\(options.units) units make \(regionCount) regions: give 1 to \(regionCount) files")
    }
    let groupCount = (regionCount + Shape.maxChildren - 1) / Shape.maxChildren
    units.reserveCapacity(options.units)
    let root = add(PlannedUnit(id: "sverige", name: "Sveriges regioner", kind: "nation", parent: nil))
    if groupCount > Shape.maxChildren {
      units[0].suppress = "{span-of-control: the national view groups every sjukvårdsregion under one root}"
    }
    let groups = (0..<groupCount).map { g in
      add(PlannedUnit(id: "sjr-\(g + 1)", name: "Sjukvårdsregion \(g + 1)", kind: "sjukvårdsregion", parent: root))
    }
    for r in 0..<regionCount {
      addRegion(r, in: groups[r / Shape.maxChildren])
    }
    try distributeSektioner()
  }

  @discardableResult
  mutating func add(_ unit: PlannedUnit) -> Int32 {
    let index = Int32(units.count)
    units.append(unit)
    if let parent = unit.parent { units[Int(parent)].children.append(index) }
    return index
  }

  mutating func addRegion(_ r: Int, in group: Int32) {
    let regionID = "r" + String(r + 1).leftPadded(to: 3)
    let region = add(PlannedUnit(id: regionID, name: "Region \(r + 1)", kind: "region", parent: group))
    units[Int(region)].attributes = "{länskod: \"\(String(r % 99 + 1).leftPadded(to: 2))\"}"
    regions.append(region)
    let staff = (1...2).map { s in
      var unit = PlannedUnit(
        id: "\(regionID)-bestallare-\(s)", name: "Beställarenhet \(s)", kind: "stab", parent: region)
      unit.roles = "[beställare]"
      unit.manager = managerName()
      return add(unit)
    }
    var voNumber = 0
    for d in 0..<Shape.divisionsPerRegion {
      let divisionID = "\(regionID)-d\(d + 1)"
      let division = add(
        PlannedUnit(id: divisionID, name: "Division \(Self.divisionNames[d])", kind: "division", parent: region))
      units[Int(division)].manager = managerName()
      for v in 0..<Shape.vosPerDivision {
        var vo = PlannedUnit(id: "\(divisionID)-v\(v + 1)", name: "VO \(Self.voNames[v])", kind: "vo", parent: division)
        vo.roles = "[utförare]"
        vo.relations = "{beställare: \(units[Int(staff[voNumber % 2])].id)}"
        vo.manager = managerName()
        voNumber += 1
        let voIndex = add(vo)
        for e in 0..<Shape.enheterPerVO {
          var enhet = PlannedUnit(
            id: "\(vo.id)-e\(e + 1)", name: Self.enhetNames[e], kind: "enhet", parent: voIndex)
          enhet.manager = managerName()
          enhet.attributes =
            "{kostnadsställe: \"\(10_000 + random.next(below: 90_000))\", ort: \(Self.towns[random.next(below: 8)])}"
          enheter.append(add(enhet))
        }
      }
    }
  }

  mutating func managerName() -> String {
    "\(Self.firstNames[random.next(below: Self.firstNames.count)]) \(Self.lastNames[random.next(below: Self.lastNames.count)])"
  }

  /// Fault slots: one enhet per fault that needs one, spread evenly.
  var slotKinds: [String] { SyntheticOrganisation.faultKinds.filter { !Self.looseKinds.contains($0) } }
  var slotCount: Int { slotKinds.count * options.faultsPerKind }
  func slotEnhet(_ slot: Int) -> Int32 { enheter[slot * enheter.count / slotCount] }
  func slotKind(_ slot: Int) -> String { slotKinds[slot % slotKinds.count] }

  /// Gives every enhet its sektioner so that the model has exactly the
  /// requested number of units once the faults are planted.
  mutating func distributeSektioner() throws(SyntheticOrganisation.GenerationError) {
    let extras = SyntheticOrganisation.faultKinds.reduce(0) { $0 + (Self.extraUnits[$1] ?? 0) } * options.faultsPerKind
    guard slotCount <= enheter.count else {
      throw .init(
        description:
          "\(options.units) units have room for at most \(enheter.count / slotKinds.count) faults of each kind")
    }
    var fixed = [Int32: Int]()
    for slot in 0..<slotCount {
      fixed[slotEnhet(slot)] = slotKind(slot) == "span-of-control" ? Shape.maxChildren + 1 : 2
    }
    let free = enheter.count - fixed.count
    let remaining = options.units - units.count - extras - fixed.values.reduce(0, +)
    guard remaining >= 0, remaining <= free * Shape.maxChildren else {
      throw .init(description: "\(options.units) units are too few for \(options.faultsPerKind) faults of each kind")
    }
    var given = 0
    for enhet in enheter {
      let count = fixed[enhet] ?? (remaining / free + (given < remaining % free ? 1 : 0))
      if fixed[enhet] == nil { given += 1 }
      for s in 0..<count {
        var sektion = PlannedUnit(
          id: "\(units[Int(enhet)].id)-s\(s + 1)", name: "Sektion \(s + 1)", kind: "sektion", parent: enhet)
        sektion.manager = managerName()
        add(sektion)
      }
    }
  }
}

extension String {
  func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
