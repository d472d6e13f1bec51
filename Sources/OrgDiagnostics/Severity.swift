/// How serious a finding is. Ordered so that `error > warning > info`.
public enum Severity: String, CaseIterable, Comparable, Sendable {
  case info, warning, error

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  /// Error, warning, info: the order reports and option lists give them in.
  public static let mostSevereFirst: [Severity] = [.error, .warning, .info]
}
