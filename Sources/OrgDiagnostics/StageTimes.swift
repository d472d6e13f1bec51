/// Wall-clock seconds spent in each stage of a run (read, model, rules,
/// output), for `check --timings` and the benchmark.
public struct StageTimes: Sendable {
  public private(set) var stages: [(name: String, seconds: Double)] = []

  public init() {}

  /// Runs `body` and adds its duration to the stage `name`.
  public mutating func measure<Result, Failure: Error>(_ name: String, _ body: () throws(Failure) -> Result)
    throws(Failure) -> Result
  {
    let start = ContinuousClock.now
    defer { add(name, start.duration(to: .now)) }
    return try body()
  }

  public mutating func add(_ name: String, _ duration: Duration) {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    if let index = stages.firstIndex(where: { $0.name == name }) {
      stages[index].seconds += seconds
    } else {
      stages.append((name, seconds))
    }
  }

  public mutating func add(_ other: StageTimes) {
    for stage in other.stages { add(stage.name, .seconds(stage.seconds)) }
  }
}
