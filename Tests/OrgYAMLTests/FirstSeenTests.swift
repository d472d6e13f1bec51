import Testing

@testable import OrgYAML

@Suite struct FirstSeenTests {
  /// The same answers in the short list and after it has become a
  /// dictionary, with texts compared canonically in both.
  @Test func remembersTheFirstValueOfEachTextBeforeAndAfterItGrows() {
    var seen = FirstSeen(expecting: 3)
    let count = 3 * TreeReader.smallMapping
    for index in 0..<count {
      let new = seen.first(with: "key-\(index)", orRemember: Int32(index))
      let again = seen.first(with: "key-\(index / 2)", orRemember: -1)
      #expect(new == nil)
      #expect(again == Int32(index / 2))
    }
    let first = seen.first(with: "key-0", orRemember: 99)
    let last = seen.first(with: "key-\(count - 1)", orRemember: 99)
    #expect(first == 0)
    #expect(last == Int32(count - 1))
  }

  @Test func comparesTextsCanonicallyInTheListAndInTheDictionary() {
    for size in [0, TreeReader.smallMapping + 1] {
      var seen = FirstSeen()
      for index in 0..<size { _ = seen.insert("k\(index)") }
      let composed = seen.insert("\u{E4}-enhet")
      let decomposed = seen.insert("a\u{308}-enhet")
      #expect(composed)
      #expect(!decomposed)
    }
  }
}
