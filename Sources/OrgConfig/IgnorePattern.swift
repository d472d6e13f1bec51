/// A path pattern of `ignore:`, read the way `.gitignore` reads them: `*`
/// and `?` stay within one path segment, `**` spans any number of folders,
/// a pattern with no `/` (but a trailing one) matches a file or folder name
/// at any depth, and a trailing `/` matches folders only.
public struct IgnorePattern: Sendable, Equatable {
  public let text: String
  private let segments: [Substring]
  private let anchored: Bool
  private let foldersOnly: Bool

  /// Nil for a pattern that could match nothing sensible (empty, or "/").
  public init?(_ text: String) {
    self.text = text
    var body = Substring(text)
    foldersOnly = body.hasSuffix("/")
    while body.hasSuffix("/") { body.removeLast() }
    if body.hasPrefix("./") { body.removeFirst(2) }
    anchored = body.contains("/")
    while body.hasPrefix("/") { body.removeFirst() }
    segments = body.split(separator: "/")
    guard !segments.isEmpty else { return nil }
  }

  /// Whether the pattern leaves out `path`, a file's path relative to the
  /// configuration's folder. A matched folder leaves out all below it.
  public func matches(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    // A match must end at a folder when only folders count: before the last part.
    let ends = foldersOnly ? parts.count - 1 : parts.count
    guard ends > 0 else { return false }
    if !anchored {
      return parts[..<ends].contains { Self.matches(segments[0], $0) }
    }
    return (1...ends).contains { matchesPrefix(segments[...], parts[..<$0]) }
  }

  /// Whether the pattern's segments match exactly the given path segments.
  private func matchesPrefix(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == "**" {
      // Zero or more folders.
      return (path.startIndex...path.endIndex).contains { matchesPrefix(pattern.dropFirst(), path[$0...]) }
    }
    guard let segment = path.first, Self.matches(first, segment) else { return false }
    return matchesPrefix(pattern.dropFirst(), path.dropFirst())
  }

  /// `*` and `?` wildcards within one segment.
  static func matches(_ pattern: Substring, _ name: Substring) -> Bool {
    let pattern = Array(pattern)
    let name = Array(name)
    // Classic wildcard matching with one backtrack point: linear in practice.
    var (p, n) = (0, 0)
    var star: Int?
    var resume = 0
    while n < name.count {
      if p < pattern.count && (pattern[p] == "?" || pattern[p] == name[n]) {
        p += 1
        n += 1
      } else if p < pattern.count && pattern[p] == "*" {
        star = p
        resume = n
        p += 1
      } else if let star {
        p = star + 1
        resume += 1
        n = resume
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
