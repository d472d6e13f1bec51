/// The first of each text seen, with a number remembered for it (a unit's
/// index, say): a short list searched in order while there are few, as in
/// most mappings and sibling groups, and a dictionary once there are more
/// than `TreeReader.smallMapping`, so that a huge number stays linear
/// (hashing each of a few costs more than comparing them). Texts compare as
/// Swift compares strings, canonically, in the list and in the dictionary
/// alike. Not generic: across modules a generic one would not be
/// specialised, and it runs for each key of each unit.
package struct FirstSeen {
  private var few: [(text: String, value: Int32)] = []
  private var many: [String: Int32] = [:]

  package init(expecting count: Int = 0) { few.reserveCapacity(min(count, TreeReader.smallMapping)) }

  /// The value first remembered with `text`; when there is none yet, `value`
  /// is remembered and nil returned.
  package mutating func first(with text: String, orRemember value: Int32) -> Int32? {
    if many.isEmpty {
      if let entry = few.first(where: { $0.text == text }) { return entry.value }
      guard few.count == TreeReader.smallMapping else {
        few.append((text, value))
        return nil
      }
      many = Dictionary(uniqueKeysWithValues: few.map { ($0.text, $0.value) })
      few = []
    }
    if let first = many[text] { return first }
    many[text] = value
    return nil
  }

  /// False when `text` has been seen before.
  package mutating func insert(_ text: String) -> Bool { first(with: text, orRemember: 0) == nil }
}
