#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// "Did you mean …?" hints: the closest candidate by edit distance.

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a likely typo.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
  let limit = max(1, word.count / 3)
  var best: (String, Int)?
  for candidate in candidates {
    let distance = editDistance(word, candidate, limit: limit)
    let better = distance < (best?.1 ?? Int.max) || (distance == best?.1 && candidate < best!.0)
    if distance <= limit, better {
      best = (candidate, distance)
    }
  }
  return best?.0
}

/// Levenshtein distance over Unicode scalars; stops early once every path
/// exceeds `limit` (returning `limit + 1`).
public func editDistance(_ a: String, _ b: String, limit: Int = Int.max) -> Int {
  Array(a.unicodeScalars).withUnsafeBufferPointer { x in
    Array(b.unicodeScalars).withUnsafeBufferPointer { y in editDistance(x, y, limit: limit) }
  }
}

/// The same over scalars already split, for callers that compare one text
/// with many.
public func editDistance(
  _ x: UnsafeBufferPointer<Unicode.Scalar>, _ y: UnsafeBufferPointer<Unicode.Scalar>, limit: Int = Int.max
) -> Int {
  if abs(x.count - y.count) > limit { return limit + 1 }
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  // The two rows live on the stack: sibling names are compared pairwise,
  // and two heap arrays a pair cost more than the comparison.
  return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (y.count + 1)) { rows in
    var previous = UnsafeMutableBufferPointer(rebasing: rows[0...y.count])
    var current = UnsafeMutableBufferPointer(rebasing: rows[(y.count + 1)...])
    for j in 0...y.count { previous[j] = j }
    for i in 1...x.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...y.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}

/// "Did you mean" hints for a few words among very many candidates (every id
/// of a million-unit model), without comparing each word with each
/// candidate: a typo seldom touches both ends of a word, so the closest
/// candidate sorts next to the word either by its beginning or by its end.
/// Only the words are sorted; one pass over the candidates puts each in the
/// gap between two sorted words where it belongs and keeps, per gap, the few
/// nearest each edge. Each word is then compared by edit distance with the
/// `window` candidates just below it and just above it, in either order.
/// Linear in the candidates; a million ids once cost two sorts.
public func closestMatches(to words: [String], among candidates: [String]) -> [String?] {
  closestMatches(to: words, amongCount: candidates.count) { candidates[$0] }
}

/// The same over the candidates `candidate(0..<count)` gives (nil: none
/// there), read once each: a million ids need not be gathered into an
/// array first.
public func closestMatches(to words: [String], amongCount count: Int, _ candidate: (Int) -> String?) -> [String?] {
  guard !words.isEmpty else { return [] }
  var texts = FlatTexts(capacity: count + words.count)
  for index in 0..<count {
    if let text = candidate(index) { texts.append(text) }
  }
  let candidateCount = texts.count
  for word in words { texts.append(word) }
  let forward = Neighbours(texts, candidates: candidateCount, reversed: false)
  let backward = Neighbours(texts, candidates: candidateCount, reversed: true)
  return words.indices.map { word in
    closestMatch(to: words[word], in: (forward.near(word) + backward.near(word)).map { texts[Int($0)] })
  }
}

/// Texts as UTF-8 in one buffer, so that comparing two costs no string
/// operation (a small string has no bytes to point at).
private struct FlatTexts {
  var bytes: [UInt8] = []
  var starts: [Int] = [0]

  init(capacity: Int) { starts.reserveCapacity(capacity + 1) }

  mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    starts.append(bytes.count)
  }

  var count: Int { starts.count - 1 }

  subscript(index: Int) -> String { String(decoding: bytes[starts[index]..<starts[index + 1]], as: UTF8.self) }
}

/// For each word (the texts after the candidates), the candidates next to
/// it in byte order (of the reversed bytes, for `reversed`).
private struct Neighbours {
  static let window = 8

  /// Each word's place among the sorted words.
  private var place: [Int]
  /// Gap g holds the candidates at or above sorted word g - 1 and below
  /// sorted word g: its `window` lowest (ascending) and highest (descending).
  private var lowest: [[Int32]]
  private var highest: [[Int32]]

  init(_ texts: FlatTexts, candidates: Int, reversed: Bool) {
    let wordCount = texts.count - candidates
    place = Array(repeating: 0, count: wordCount)
    lowest = Array(repeating: [], count: wordCount + 1)
    highest = Array(repeating: [], count: wordCount + 1)
    texts.bytes.withUnsafeBufferPointer { buffer in
      func precedes(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (texts.starts[a], texts.starts[b])
        return Self.precedes(
          UnsafeBufferPointer(rebasing: buffer[x..<texts.starts[a + 1]]),
          UnsafeBufferPointer(rebasing: buffer[y..<texts.starts[b + 1]]), reversed: reversed)
      }
      let sortedWords = (candidates..<texts.count).sorted(by: precedes)
      for (position, word) in sortedWords.enumerated() { place[word - candidates] = position }
      for candidate in 0..<candidates {
        // The number of sorted words at or below the candidate.
        var (low, high) = (0, sortedWords.count)
        while low < high {
          let middle = (low + high) / 2
          if precedes(candidate, sortedWords[middle]) { high = middle } else { low = middle + 1 }
        }
        Self.keep(candidate, in: &lowest[low]) { precedes($0, $1) }
        Self.keep(candidate, in: &highest[low]) { precedes($1, $0) }
      }
    }
  }

  /// Up to `window` candidates below the word and as many at or above it.
  func near(_ word: Int) -> [Int32] {
    var below: [Int32] = []
    var gap = place[word]
    while below.count < Self.window && gap >= 0 {
      below += highest[gap].prefix(Self.window - below.count)
      gap -= 1
    }
    var above: [Int32] = []
    gap = place[word] + 1
    while above.count < Self.window && gap < lowest.count {
      above += lowest[gap].prefix(Self.window - above.count)
      gap += 1
    }
    return below + above
  }

  /// Keeps `candidate` in `list` when it is among the `window` first in the
  /// order `before`; the list stays in that order.
  private static func keep(_ candidate: Int, in list: inout [Int32], before: (Int, Int) -> Bool) {
    guard list.count < window || before(candidate, Int(list[list.count - 1])) else { return }
    var index = list.count
    while index > 0 && before(candidate, Int(list[index - 1])) { index -= 1 }
    list.insert(Int32(candidate), at: index)
    if list.count > window { list.removeLast() }
  }

  /// Byte order (of the reversed bytes, for `reversed`); a prefix comes first.
  private static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, reversed: Bool)
    -> Bool
  {
    let shared = min(a.count, b.count)
    if reversed {
      var offset = 1
      while offset <= shared {
        let (x, y) = (a[a.count - offset], b[b.count - offset])
        if x != y { return x < y }
        offset += 1
      }
    } else if shared > 0 {
      let order = memcmp(a.baseAddress!, b.baseAddress!, shared)
      if order != 0 { return order < 0 }
    }
    return a.count < b.count
  }
}
