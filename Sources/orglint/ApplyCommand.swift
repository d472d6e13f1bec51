import ArgumentParser
import OrgDiagnostics
import OrgModel
import OrgProposal

struct ApplyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Apply a proposal to its base and write the resulting organisation as org YAML.",
    discussion: """
      The result reads back with `orglint check`. When a change cannot be applied as written, \
      nothing is written: the problems go to standard error and the exit status is 1.
      """)

  @Argument(help: "The proposal file.")
  var proposal: String

  @Option(
    help: ArgumentHelp(
      "Write the organisation to this file (whole or not at all) instead of stdout.", valueName: "file"))
  var output: String?

  func run() throws {
    let loaded = try ProposalInput.load(proposal)
    guard ProposalInput.reportProblems(loaded) else {
      printError("orglint: nothing written: the proposal cannot be applied as written")
      throw ExitStatus.findings
    }
    try OutputWriter.write(ModelWriter().write(loaded.applied.after), to: output, what: "the organisation")
  }
}

/// Loading a proposal for `apply` and `diff`: what stops it goes to
/// standard error, located, with exit status 2.
enum ProposalInput {
  /// Prints, located, what keeps the proposal from being applied as written
  /// (errors in the file, changes that cannot be applied); true when nothing does.
  static func reportProblems(_ loaded: LoadedProposal) -> Bool {
    let problems = loaded.proposalDiagnostics + loaded.applied.diagnostics
    for problem in problems.sorted(by: Diagnostic.reportOrder) {
      let change = problem.change.map { " (change \($0))" } ?? ""
      printError("\(problem.location): \(problem.severity.rawValue): \(problem.message) [\(problem.rule)]\(change)")
    }
    return problems.isEmpty
  }

  static func load(_ path: String) throws -> LoadedProposal {
    do {
      let loaded = try ProposalLoader.load(path)
      if loaded.hasSyntaxError {
        for diagnostic in loaded.baseDiagnostics where diagnostic.rule == LoaderRule.yamlSyntax {
          printError("\(diagnostic.location): error: \(diagnostic.message) [\(diagnostic.rule)]")
        }
        throw ExitStatus.cannotRun
      }
      return loaded
    } catch let failure as ProposalLoadFailure {
      switch failure {
      case .syntax(let diagnostic):
        printError("\(diagnostic.location): error: \(diagnostic.message) [\(diagnostic.rule)]")
      case .cannotLoad(let message, let location):
        printError("\(location): error: \(message)")
      }
      throw ExitStatus.cannotRun
    }
  }
}
