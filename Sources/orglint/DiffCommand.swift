import ArgumentParser
import OrgDiagnostics
import OrgProposal
import OrgReport

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract:
      "Show what a proposal changes: units added, removed, merged, split, moved and renamed, relations repointed, headcounts."
  )

  @Argument(help: "The proposal file.")
  var proposal: String

  @Option(help: "Output format: text or json.")
  var format: DiffFormat = .text

  enum DiffFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

  func run() throws {
    let loaded = try ProposalInput.load(proposal)
    let diff = ProposalDiff(loaded.applied)
    let text =
      format == .json
      ? DiffFormatter.json(diff, proposal: loaded.applied.proposal)
      : DiffFormatter.text(diff, proposal: loaded.applied.proposal)
    try OutputWriter.write(text, to: nil)
    // The diff shows what could be applied; what could not is on standard error.
    if !ProposalInput.reportProblems(loaded) { throw ExitStatus.findings }
  }
}

/// The two forms of `orglint diff`.
enum DiffFormatter {
  static let headings: [ProposalDiff.Entry.Kind: String] = [
    .merged: "Merged", .split: "Split", .added: "Added", .removed: "Removed", .moved: "Moved", .renamed: "Renamed",
    .repointed: "Relations repointed", .headcount: "Headcount",
  ]

  static func text(_ diff: ProposalDiff, proposal: Proposal) -> String {
    var out = "Proposal \(proposal.id ?? proposal.file)\(proposal.title.map { ": \($0)" } ?? "")\n"
    out += "base: \(proposal.basePath) (\(diff.unitsBefore) units) → result: \(diff.unitsAfter) units\n"
    for kind in ProposalDiff.Entry.Kind.allCases {
      let entries = diff.entries.filter { $0.kind == kind }
      guard !entries.isEmpty else { continue }
      out += "\n\(headings[kind]!):\n"
      for entry in entries {
        let change = entry.change.map { " (change \($0))" } ?? ""
        out += "  \(entry.unit): \(entry.before ?? "—") → \(entry.after ?? "—")\(change)\n"
      }
    }
    let delta = diff.totalAfter - diff.totalBefore
    out += "\nTotal headcount: \(diff.totalBefore) → \(diff.totalAfter) (\(delta >= 0 ? "+" : "")\(delta))\n"
    return out
  }

  static func json(_ diff: ProposalDiff, proposal: Proposal) -> String {
    func optional(_ text: String?) -> String { text.map(JSON.string) ?? "null" }
    let entries = diff.entries.map { entry in
      "    { \"kind\": \(JSON.string(entry.kind.rawValue)), \"unit\": \(JSON.string(entry.unit)), "
        + "\"before\": \(optional(entry.before)), \"after\": \(optional(entry.after)), "
        + "\"change\": \(entry.change.map(String.init) ?? "null") }"
    }
    return """
      {
        "orglint": 1,
        "proposal": \(optional(proposal.id)),
        "base": \(JSON.string(proposal.basePath)),
        "changes": [
      \(entries.joined(separator: ",\n"))
        ],
        "units": { "before": \(diff.unitsBefore), "after": \(diff.unitsAfter) },
        "headcount": { "before": \(diff.totalBefore), "after": \(diff.totalAfter), "delta": \(diff.totalAfter - diff.totalBefore) }
      }

      """
  }
}
