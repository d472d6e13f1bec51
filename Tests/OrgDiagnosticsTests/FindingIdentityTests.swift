import Dispatch
import OrgDiagnostics
import Testing

@Suite struct FindingIdentityTests {
  private func finding(line: Int, unit: String? = "div-a", message: String = "m") -> Diagnostic {
    Diagnostic(
      rule: "headcount-sum", severity: .error, message: message,
      location: Location(file: "org.yaml", line: line, column: 3), unit: unit)
  }

  @Test func movedLinesKeepTheIdentity() {
    #expect(finding(line: 3).identity == finding(line: 300).identity)
  }

  @Test func anotherUnitOrMessageIsAnotherFinding() {
    #expect(finding(line: 3).identity != finding(line: 3, unit: "div-b").identity)
    #expect(finding(line: 3).identity != finding(line: 3, unit: nil).identity)
    #expect(finding(line: 3).identity != finding(line: 3, message: "other").identity)
  }

  @Test func stableHashIsFNV1a() {
    // Reference values of 64-bit FNV-1a.
    #expect(stableHash("") == "cbf29ce484222325")
    #expect(stableHash("a") == "af63dc4c8601ec8c")
    #expect(stableHash("foobar") == "85944171f73967e8")
  }
}

@Suite struct ParallelMapTests {
  @Test func resultsKeepTheInputOrder() {
    let input = Array(0..<1000)
    #expect(parallelMap(input) { $0 * 2 } == input.map { $0 * 2 })
    #expect(parallelMap([Int]()) { $0 }.isEmpty)
  }
}

@Suite struct BackgroundTests {
  @Test func theValueIsTheWorksOnceItIsDone() {
    // The work waits for the caller to get on with its own, so the value
    // cannot be there by accident before it is asked for.
    let started = DispatchSemaphore(value: 0)
    let background = Background { () -> [Int] in
      started.signal()
      return (0..<100_000).map { $0 % 7 }
    }
    started.wait()
    let mine = (0..<100_000).map { $0 % 7 }
    #expect(background.value() == mine)
  }
}
