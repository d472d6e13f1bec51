import OrgSynthetic
import Testing

@testable import OrgModel

/// The id index of `Model.resolve`, held to a plain dictionary on a model
/// large enough to be resolved in several slices side by side.
@Suite struct IDIndexTests {
  @Test func resolvesLikeADictionaryOfFirstOccurrences() {
    let count = 100_000
    var model = Model()
    model.files = ["org.yaml"]
    var random = SplitMix64(seed: 7)
    for position in 0..<count {
      // 40,000 distinct ids: most occur two or three times.
      var unit = Unit(
        id: "u-\(random.next(below: 40_000))", name: "U", kind: "k",
        at: SourceRef(file: 0, line: UInt32(position + 1), column: 1))
      if position > 0, random.next(below: 4) > 0 {
        // Now and then an id that no unit has.
        let parent = random.next(below: 10) == 0 ? "missing-\(position)" : "u-\(random.next(below: 40_000))"
        unit.parent = UnitReference(id: parent, at: unit.at)
      }
      unit.relations = [
        Relation(
          name: "beställare", at: unit.at,
          targets: [UnitReference(id: "u-\(random.next(below: 45_000))", at: unit.at)])
      ]
      model.units.append(unit)
    }
    model.resolve()

    var first: [String: Int32] = [:]
    var repeats: [(unit: Int32, first: Int32)] = []
    for position in model.units.indices {
      let id = model.units[position].id
      if let earlier = first[id] { repeats.append((Int32(position), earlier)) } else { first[id] = Int32(position) }
    }
    #expect(model.repeatedIDs.map(\.unit) == repeats.map(\.unit))
    #expect(model.repeatedIDs.map(\.first) == repeats.map(\.first))
    #expect(!repeats.isEmpty)
    for position in model.units.indices {
      let unit = model.units[position]
      #expect(model.unit(withID: unit.id) == first[unit.id])
      #expect(model.parentIndex[position] == unit.parent.flatMap { first[$0.id] })
      #expect(unit.parent?.target == unit.parent.flatMap { first[$0.id] })
      let target = unit.relations[0].targets[0]
      #expect(target.target == first[target.id])
    }
    #expect(model.unit(withID: "missing-1") == nil)
  }

  @Test func anEmptyModelHasNoUnitWithAnyID() {
    var model = Model()
    model.resolve()
    #expect(model.unit(withID: "a") == nil)
    #expect(model.repeatedIDs.isEmpty)
  }
}
