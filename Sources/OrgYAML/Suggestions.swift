import Foundation

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
  editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
}

/// The same over scalars already split, for callers that compare one text
/// with many.
public func editDistance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int = Int.max) -> Int {
  if abs(x.count - y.count) > limit { return limit + 1 }
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
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

/// Suggestions among very many candidates (every id of a million-unit model)
/// without comparing a query with each of them: a typo seldom touches both
/// ends of a word, so the closest candidate sorts next to the query either by
/// its beginning or by its end. Built once in O(n log n) over one flat byte
/// buffer (no object per candidate); each query then costs two binary
/// searches and a few edit distances.
public struct SuggestionIndex: Sendable {
  private let candidates: [String]
  private let forward: SortedBytes
  /// Each candidate's bytes in reverse, so that its end sorts first.
  private let backward: SortedBytes
  /// Neighbours compared on each side of the query, in each order.
  static let window = 8

  public init(candidates: [String]) {
    self.candidates = candidates
    forward = SortedBytes(self.candidates, reversed: false)
    backward = SortedBytes(self.candidates, reversed: true)
  }

  public func closest(to word: String) -> String? {
    let near =
      forward.neighbours(of: Array(word.utf8), window: Self.window)
      + backward.neighbours(of: Array(word.utf8.reversed()), window: Self.window)
    return closestMatch(to: word, in: near.map { candidates[Int($0)] })
  }
}

/// Strings as UTF-8 in one buffer, with their indices in byte order.
private struct SortedBytes: Sendable {
  var bytes: [UInt8] = []
  var starts: [Int] = [0]
  var order: [Int32] = []

  init(_ strings: [String], reversed: Bool) {
    for string in strings {
      if reversed { bytes.append(contentsOf: string.utf8.reversed()) } else { bytes.append(contentsOf: string.utf8) }
      starts.append(bytes.count)
    }
    var order = Array(0..<Int32(strings.count))
    bytes.withUnsafeBufferPointer { buffer in
      order.sort { Self.precedes(element($0, in: buffer), element($1, in: buffer)) }
    }
    self.order = order
  }

  func element(_ index: Int32, in buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: buffer[starts[Int(index)]..<starts[Int(index) + 1]])
  }

  /// Byte order, as `lexicographicallyPrecedes` gives it, but compared by
  /// memcmp: sorting a million ids byte by byte generically cost more than
  /// the rule that needs them.
  static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let shared = min(a.count, b.count)
    let order = shared == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, shared)
    return order != 0 ? order < 0 : a.count < b.count
  }

  func neighbours(of query: [UInt8], window: Int) -> ArraySlice<Int32> {
    bytes.withUnsafeBufferPointer { buffer in
      var (low, high) = (0, order.count)
      while low < high {
        let middle = (low + high) / 2
        if query.withUnsafeBufferPointer({ Self.precedes(element(order[middle], in: buffer), $0) }) {
          low = middle + 1
        } else {
          high = middle
        }
      }
      return order[max(0, low - window)..<min(order.count, low + window)]
    }
  }
}
