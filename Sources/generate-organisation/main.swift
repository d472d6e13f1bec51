import ArgumentParser
import Foundation
import OrgSynthetic

/// Writes a synthetic region-like organisation, and the findings its planted
/// faults must give, for benchmarks (`make bench`) and for trying orglint out.
struct GenerateOrganisation: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-organisation",
    abstract: "Write a synthetic region-like organisation of N units, optionally with planted faults.",
    discussion: """
      The folder receives the organisation file(s) and expected-findings.json: \
      the rule and unit of every finding the planted faults must give.
      """)

  @Option(help: "Units in the model (1,000 to 10,000,000), planted ones included.")
  var units: Int

  @Option(help: "nested (units inside their parent) or flat (every unit names its parent).")
  var layout: SyntheticOrganisation.Layout = .nested

  @Option(help: "Number of files the model is split into (by region).")
  var files = 1

  @Option(help: "Faults planted for each rule a model can break.")
  var faults = 0

  @Option(help: "Folder to write into (created when missing).")
  var output: String

  func run() throws {
    let organisation: SyntheticOrganisation
    do {
      organisation = try SyntheticOrganisation(
        .init(units: units, layout: layout, files: files, faultsPerKind: faults))
    } catch {
      throw ValidationError(error.description)
    }
    let folder = URL(fileURLWithPath: output)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for file in organisation.files {
      try Data(file.bytes).write(to: folder.appendingPathComponent(file.name), options: .atomic)
    }
    let findings = organisation.expected.map { "    {\"rule\": \"\($0.rule)\", \"unit\": \"\($0.unit)\"}" }
    let expected = """
      {
        "units": \(units),
        "files": \(organisation.files.count),
        "findings": [
      \(findings.joined(separator: ",\n"))
        ]
      }

      """
    try Data(expected.utf8).write(to: folder.appendingPathComponent("expected-findings.json"), options: .atomic)
  }
}

extension SyntheticOrganisation.Layout: ExpressibleByArgument {}

GenerateOrganisation.main()
