import ArgumentParser
import OrgConfig
import OrgModel
import OrgSchema

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Start a repository: a commented .orglint.yml and an example organisation.",
    discussion: """
      Writes .orglint.yml and organisation.yaml into DIRECTORY (default: here), \
      and the JSON Schemas that their first lines name into .orglint/schemas/ \
      so that editors check them as they are typed, offline. An existing file \
      is left alone unless --force is given. `orglint check` then checks the \
      example cleanly; replace it with your organisation.
      """)

  /// Where the schemas go, relative to the folder written into.
  static let schemaFolder = ".orglint/schemas"

  @Argument(help: "The folder to write into.")
  var directory = "."

  @Flag(help: "Overwrite files that already exist.")
  var force = false

  @OptionGroup var out: OutputOptions

  func run() throws {
    guard Files.kind(of: directory) == .folder else {
      printError("\(directory): error: no such folder")
      throw ExitStatus.cannotRun
    }
    let language = out.effectiveLanguage().rawValue
    let schemas = SchemaKind.allCases.map { (Files.join(Self.schemaFolder, $0.fileName), $0.json) }
    let files =
      [
        (
          Configuration.fileName,
          SchemaKind.config.modeline(schemasIn: Self.schemaFolder) + "\n"
            + StarterFiles.configuration(language: language)
        ),
        ("organisation.yaml", SchemaKind.org.modeline(schemasIn: Self.schemaFolder) + "\n" + StarterFiles.organisation),
      ].map { (Files.join(directory, $0.0), $0.1) } + schemas.map { (Files.join(directory, $0.0), $0.1) }
    // Nothing is written unless everything can be: no half-made start.
    let existing = files.map(\.0).filter { Files.kind(of: $0) != nil }
    if !force && !existing.isEmpty {
      for path in existing {
        printError("\(path): error: already exists; keep it, or run init --force to overwrite it")
      }
      throw ExitStatus.cannotRun
    }
    do {
      try FileManager.default.createDirectory(
        atPath: Files.join(directory, Self.schemaFolder), withIntermediateDirectories: true)
    } catch {
      printError("\(Files.join(directory, Self.schemaFolder)): error: cannot create the folder")
      throw ExitStatus.cannotRun
    }
    for (path, text) in files {
      try OutputWriter.write(text, to: path, what: "the file")
      print("wrote \(path)")
    }
    print(directory == "." ? "next: orglint check" : "next: orglint check \(directory)")
  }
}
