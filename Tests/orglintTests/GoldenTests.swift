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

  static let proposals = [
    ("merge-vo-service-dmt/proposal", Int32(0)), ("merge-vo-service-dmt/proposal-with-mistakes", 1),
    ("transfer-it-teleservice/proposal", 0), ("transfer-it-teleservice/proposal-with-mistakes", 1),
    ("split-vo/proposal", 0), ("split-vo/proposal-with-mistakes", 1),
  ]

  /// `check` and `diff` of each bundled proposal; `apply` of the clean ones.
  @Test(arguments: proposals)
  func proposalMatchesGoldenOutput(proposal: String, status: Int32) throws {
    let path = "examples/\(proposal).yaml"
    var runs: [(suffix: String, arguments: [String], status: Int32)] = [
      ("check.text", ["check", path], status), ("check.json", ["check", path, "--format", "json"], status),
      ("diff.text", ["diff", path], status), ("diff.json", ["diff", path, "--format", "json"], status),
    ]
    if status == 0 { runs.append(("apply.yaml", ["apply", path], 0)) }
    for run in runs {
      let result = try CLI.run(run.arguments)
      #expect(result.status == run.status, "\(proposal) \(run.suffix): \(result.stderr)")
      let name = proposal.replacingOccurrences(of: "/", with: "--")
      let golden = CLI.root.appendingPathComponent("Tests/orglintTests/Golden/\(name).\(run.suffix)")
      if ProcessInfo.processInfo.environment["ORGLINT_UPDATE_GOLDEN"] != nil {
        try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
      }
      let expected = try String(contentsOf: golden, encoding: .utf8)
      #expect(result.stdout == expected, "\(name).\(run.suffix) differs from its golden file")
    }
  }

  /// What `apply` writes reads back, and checking it finds nothing, as
  /// checking the clean proposal finds nothing.
  @Test(arguments: proposals.filter { $0.1 == 0 }.map(\.0))
  func appliedProposalChecksClean(proposal: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let output = dir.appendingPathComponent("result.yaml").path
    #expect(try CLI.run(["apply", "examples/\(proposal).yaml", "--output", output]).status == 0)
    let check = try CLI.run(["check", output])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(check.stdout.hasPrefix("No findings in 1 file"))
  }

  @Test func outputIsByteIdenticalFromRunToRun() throws {
    let first = try CLI.run(["check", "examples", "--format", "json"])
    let second = try CLI.run(["check", "examples", "--format", "json"])
    #expect(first.stdout == second.stdout)
    #expect(first.stdout.contains("\"rule\": \"duplicate-id\""))
  }

  /// The CI formats of one bundled example each, and SARIF of a proposal
  /// (whose findings carry their change and point into the base).
  static let ciFormats = [
    ("examples/norrbotten-2021-with-mistakes", "norrbotten-2021-with-mistakes.sarif", "sarif"),
    ("examples/norrbotten-2021-with-mistakes", "norrbotten-2021-with-mistakes.junit.xml", "junit"),
    ("examples/norrbotten-2021-with-mistakes", "norrbotten-2021-with-mistakes.github", "github"),
    (
      "examples/transfer-it-teleservice/proposal-with-mistakes.yaml",
      "transfer-it-teleservice--proposal-with-mistakes.check.sarif", "sarif"
    ),
  ]

  @Test(arguments: ciFormats)
  func ciFormatMatchesGoldenOutput(path: String, name: String, format: String) throws {
    let result = try CLI.run(["check", path, "--format", format])
    #expect(result.status == 1, "\(name): \(result.stderr)")
    #expect(result.stderr.isEmpty)
    let golden = CLI.root.appendingPathComponent("Tests/orglintTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["ORGLINT_UPDATE_GOLDEN"] != nil {
      try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(result.stdout == expected, "\(name) differs from its golden file")
  }

  @Test(arguments: ["sarif", "junit", "github"])
  func ciFormatIsByteIdenticalFromRunToRun(format: String) throws {
    let first = try CLI.run(["check", "examples", "--format", format])
    let second = try CLI.run(["check", "examples", "--format", format])
    #expect(first.status == 1)
    #expect(first.stdout.contains("duplicate-id"))
    #expect(first.stdout == second.stdout)
  }
}
