import ArgumentParser

@main
struct Orglint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "orglint",
    abstract: "Checks YAML descriptions of organisations against declarative rules.",
    discussion: """
      Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; \
      2 the run could not be done (bad arguments, unreadable path, malformed YAML, \
      invalid rule, configuration or baseline file).
      """,
    version: "0.1.0",
    subcommands: [
      CheckCommand.self, ApplyCommand.self, DiffCommand.self, GraphCommand.self, RulesCommand.self, SchemaCommand.self,
      InitCommand.self,
    ]
  )

  /// Runs like ArgumentParser's own `main`, except that a usage error exits
  /// with the contract's status 2 (bad arguments) instead of 64.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let status as ExitCode {
      exit(withError: status)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }  // --help, --version
      printError(fullMessage(for: error))
      exit(withError: ExitStatus.cannotRun)
    }
  }
}

/// The exit statuses of the contract.
enum ExitStatus {
  static let findings = ExitCode(1)
  static let cannotRun = ExitCode(2)
}
