/// Planting faults: each one breaks exactly one rule at one known unit (a
/// reporting cycle, at two), in a place no other fault touches.
extension Plan {
  mutating func plantFaults() {
    for slot in 0..<slotCount {
      plant(slotKind(slot), in: slotEnhet(slot), number: slot / slotKinds.count + 1)
    }
    for number in stride(from: 1, through: options.faultsPerKind, by: 1) {
      let orphan = addLoose(
        PlannedUnit(id: "lost-\(number)", name: "Enhet utan plats \(number)", kind: "enhet", parent: nil))
      expect("orphan-unit", orphan)
      let first = addLoose(PlannedUnit(id: "loop-\(number)-a", name: "Slinga A", kind: "enhet", parent: nil))
      let second = addLoose(PlannedUnit(id: "loop-\(number)-b", name: "Slinga B", kind: "enhet", parent: first))
      units[Int(first)].parent = second
      expect("reporting-cycle", first)
      expect("reporting-cycle", second)
    }
  }

  mutating func expect(_ rule: String, _ unit: Int32) {
    expected.append(.init(rule: rule, unit: units[Int(unit)].id))
  }

  mutating func addLoose(_ unit: PlannedUnit) -> Int32 {
    var loose = unit
    loose.isLoose = true
    return add(loose)
  }

  /// Plants one fault in `enhet`, whose first two children are sektioner.
  mutating func plant(_ kind: String, in enhet: Int32, number: Int) {
    let children = units[Int(enhet)].children
    let (first, second) = (children[0], children[1])
    let enhetID = units[Int(enhet)].id
    func extra(_ name: String, kind unitKind: String) -> PlannedUnit {
      PlannedUnit(id: "\(enhetID)-x", name: name, kind: unitKind, parent: enhet)
    }
    switch kind {
    case "duplicate-id":
      units[Int(second)].id = units[Int(first)].id
      expect(kind, second)
    case "duplicate-sibling-name":
      units[Int(second)].name = units[Int(first)].name
      expect(kind, second)
    case "similar-sibling-names":
      // "Sektin 1" beside "Sektion 1": one letter apart, two from the rest.
      units[Int(second)].name = "Sektin" + units[Int(first)].name.dropFirst("Sektion".count)
      expect(kind, second)
    case "headcount-sum":
      units[Int(enhet)].overstatesDirectHeadcount = true
      expect(kind, enhet)
    case "invalid-document":
      units[Int(first)].headcountKey = "headcont"
      expect(kind, first)
    case "unknown-reference":
      units[Int(first)].relations = "{samverkar_med: \(enhetID)-saknas}"
      expect(kind, first)
    case "span-of-control":
      expect(kind, enhet)
    case "unused-suppression":
      units[Int(enhet)].suppress = "{span-of-control: enheten växer under året}"
      expect(kind, enhet)
    case "bestallare-has-utforare":
      var unit = extra("Beställarfunktion", kind: "funktion")
      unit.roles = "[beställare]"
      expect(kind, add(unit))
    case "utforare-has-bestallare":
      var unit = extra("Utförare utan avtal", kind: "enhet")
      unit.roles = "[utförare]"
      expect(kind, add(unit))
    case "division-has-vo":
      expect(kind, add(extra("Division utan VO", kind: "division")))
    default:  // vo-reports-to-one-division
      expect(kind, add(extra("VO under en enhet", kind: "vo")))
    }
  }

  /// Headcounts that add up: sektioner and staff get a number, every other
  /// unit the sum of its children plus a few people placed directly in it.
  /// Children come after their parent, so one backward pass sums them all.
  mutating func assignHeadcounts() {
    for index in units.indices.reversed() where units[index].kind == "sektion" || units[index].kind == "stab" {
      units[index].headcount = 5 + random.next(below: 36)
    }
    for index in units.indices.reversed() where units[index].headcount == nil {
      let unit = units[index]
      guard !unit.isLoose, !unit.children.isEmpty else { continue }
      var sum = 0
      var counted = 0
      for child in unit.children where units[Int(child)].headcountKey == "headcount" {
        guard let headcount = units[Int(child)].headcount else { continue }
        sum += headcount
        counted += 1
      }
      guard counted > 0 else { continue }
      if unit.kind == "enhet" { units[index].directHeadcount = random.next(below: 3) }
      units[index].headcount = sum + units[index].directHeadcount
      if unit.overstatesDirectHeadcount { units[index].directHeadcount += 1 }
    }
  }
}
