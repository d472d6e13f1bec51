import Foundation
import Testing

/// The bundled examples, checked in both formats, give exactly the output
/// kept in Golden/. After an intended change, regenerate with
/// `ORGLINT_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite struct GoldenTests {
  static let examples = [
    ("norrbotten-2021", Int32(0)), ("norrbotten-2021-with-mistakes", 1), ("lansteknik-2018", 0),
    ("lansteknik-2018-with-mistakes", 1),
  ]

  @Test(arguments: examples)
  func exampleMatchesGoldenOutput(example: String, status: Int32) throws {
    for format in ["text", "json"] {
      let result = try CLI.run(["check", "examples/\(example)", "--format", format])
      #expect(result.status == status, "\(example) \(format): \(result.stderr)")
      #expect(result.stderr.isEmpty)
      let golden = CLI.root.appendingPathComponent("Tests/orglintTests/Golden/\(example).\(format)")
      if ProcessInfo.processInfo.environment["ORGLINT_UPDATE_GOLDEN"] != nil {
        try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
      }
      let expected = try String(contentsOf: golden, encoding: .utf8)
      #expect(result.stdout == expected, "\(example).\(format) differs from its golden file")
    }
  }

  @Test func outputIsByteIdenticalFromRunToRun() throws {
    let first = try CLI.run(["check", "examples", "--format", "json"])
    let second = try CLI.run(["check", "examples", "--format", "json"])
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.contains("\"rule\": \"duplicate-id\""))
  }
}
