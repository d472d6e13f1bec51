import ArgumentParser

@main
struct Orglint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orglint",
    abstract: "Checks YAML descriptions of organisations against declarative rules.",
    discussion: """
      Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; \
      2 the run could not be done (bad arguments, unreadable path, malformed YAML, \
      invalid rule file).
      """,
    version: "0.1.0",
    subcommands: [CheckCommand.self, RulesCommand.self]
  )
}

/// The exit statuses of the contract.
enum ExitStatus {
  static let findings = ExitCode(1)
  static let cannotRun = ExitCode(2)
}
