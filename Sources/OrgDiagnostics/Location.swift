/// A place in a source file, as people and editors count it: 1-based line and
/// column, columns counting Unicode scalars (as libyaml does).
public struct Location: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (a: Location, b: Location) -> Bool {
    if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
    if a.line != b.line { return a.line < b.line }
    return a.column < b.column
  }
}
