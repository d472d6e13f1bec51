import OrgYAML
import Testing

@Suite struct SuggestionTests {
  /// Many ids that share long prefixes, like a region's.
  let ids =
    (1...40).flatMap { division in (1...25).map { "r3-div\(division)-vo\($0)" } } + [
      "regiondirektor", "region", "regionstab", "ä-enhet", "a", "", "region",
    ]

  @Test func aTypoAnywhereFindsTheClosestId() {
    let words = ["r3-div17-vo21x", "x3-div17-vo21", "regiondirektör", "a-enhet", "completely-different-name"]
    #expect(
      closestMatches(to: words, among: ids) == ["r3-div17-vo21", "r3-div17-vo21", "regiondirektor", "ä-enhet", nil])
  }

  @Test func itAgreesWithComparingEveryCandidate() {
    let words = ["r3-div9-vo9", "r3-div40-vo2", "regionstb", "regio", "r3-dv1-vo1", "vo5", "regio"]
    #expect(closestMatches(to: words, among: ids) == words.map { closestMatch(to: $0, in: ids) })
  }

  /// The candidates a word is compared with are the `window` just below and
  /// just above it in byte order, and in the order of reversed bytes: what
  /// sorting every candidate (as orglint once did) gives, here for random
  /// ids and random typos of them, many words at once, neighbours shared.
  /// Ids with a long common beginning or end are told apart past the first
  /// 16 bytes, which most comparisons look at alone.
  @Test(arguments: [("", ""), ("r031-d1-v1-e6-s", ""), ("", "-sektion-norrbotten"), ("region-norrbotten-", "-enhet")])
  func itFindsWhatSortingEveryCandidateFinds(prefix: String, suffix: String) {
    var state: UInt64 = 2026  // a linear congruential generator: the same cases every run
    func random(_ count: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33) % count
    }
    let alphabet = Array("abcdefgh-0123åä")
    func randomID() -> String {
      prefix + String((0...random(12)).map { _ in alphabet[random(alphabet.count)] }) + suffix
    }
    let candidates = (0..<3_000).map { _ in randomID() }
    let words = (0..<300).map { index -> String in
      guard index.isMultiple(of: 2) else { return randomID() }
      var word = Array(candidates[random(candidates.count)])
      word[random(word.count)] = alphabet[random(alphabet.count)]
      return String(word)
    }
    let orders = [false, true].map { reversed in
      candidates.map { (text: $0, key: reversed ? Array($0.utf8.reversed()) : Array($0.utf8)) }
        .sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
    func sortedNeighbours(of word: String) -> [String] {
      zip(orders, [Array(word.utf8), Array(word.utf8.reversed())]).flatMap { sorted, key in
        let low = sorted.firstIndex { !$0.key.lexicographicallyPrecedes(key) } ?? sorted.count
        return sorted[max(0, low - 8)..<min(sorted.count, low + 8)].map(\.text)
      }
    }
    let expected = words.map { closestMatch(to: $0, in: sortedNeighbours(of: $0)) }
    #expect(closestMatches(to: words, among: candidates) == expected)
  }

  @Test func noWordsOrNoCandidatesGiveNoHints() {
    #expect(closestMatches(to: [], among: ids) == [])
    #expect(closestMatches(to: ["region"], among: []) == [nil])
  }

  /// Candidates handed over one by one: where there is none (an incomplete
  /// unit), nothing is suggested from that place.
  @Test func candidatesGivenOneByOneSkipTheMissing() {
    let places: [String?] = ["regionen", nil, "regon-x", "division"]
    #expect(
      closestMatches(to: ["region", "divisio"], amongCount: places.count) { places[$0] } == ["regionen", "division"])
    #expect(closestMatches(to: ["regon-x"], amongCount: 2) { places[$0] } == [nil])
  }
}
