import OrgYAML
import Testing

@Suite struct SuggestionIndexTests {
  /// Many ids that share long prefixes, like a region's.
  let ids =
    (1...40).flatMap { division in (1...25).map { "r3-div\(division)-vo\($0)" } } + [
      "regiondirektor", "region", "regionstab", "ä-enhet", "a", "",
    ]

  @Test func aTypoAnywhereFindsTheClosestId() {
    let index = SuggestionIndex(candidates: ids)
    #expect(index.closest(to: "r3-div17-vo21x") == "r3-div17-vo21")  // at the end
    #expect(index.closest(to: "x3-div17-vo21") == "r3-div17-vo21")  // at the start
    #expect(index.closest(to: "regiondirektör") == "regiondirektor")
    #expect(index.closest(to: "a-enhet") == "ä-enhet")
    #expect(index.closest(to: "completely-different-name") == nil)
  }

  @Test func itAgreesWithComparingEveryCandidate() {
    let index = SuggestionIndex(candidates: ids)
    for query in ["r3-div9-vo9", "r3-div40-vo2", "regionstb", "regio", "r3-dv1-vo1", "vo5"] {
      #expect(index.closest(to: query) == closestMatch(to: query, in: ids), "\(query)")
    }
  }
}
