import ArgumentParser
import OrgModel
import OrgSchema

struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of a kind of file, for editors (yaml-language-server).",
    discussion: """
      Kinds:
      \(SchemaKind.allCases.map { "  \($0.rawValue + String(repeating: " ", count: max(0, 10 - $0.rawValue.count)))\($0.summary)" }
        .joined(separator: "\n"))

      Put '# yaml-language-server: $schema=PATH' as the first line of a YAML file, or map \
      the schema to file names in the editor's settings (docs/integrations.md), and the \
      editor checks and completes what is typed. --all DIR writes every kind's schema into \
      DIR, as the repository's schemas/ folder holds them.
      """)

  @Argument(help: ArgumentHelp("The kind of file.", valueName: "kind"))
  var kind: SchemaKind?

  @Option(
    help: ArgumentHelp("Write the schema to this file (whole or not at all) instead of stdout.", valueName: "file"))
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Write every kind's schema into this folder, as \(SchemaKind.allCases.map(\.fileName).joined(separator: ", ")).",
      valueName: "dir"))
  var all: String?

  func validate() throws {
    switch (kind, all) {
    case (nil, nil):
      throw ValidationError(
        "name the kind of file: \(SchemaKind.allCases.map(\.rawValue).joined(separator: ", ")) (or --all DIR)")
    case (.some, .some): throw ValidationError("give a kind or --all DIR, not both")
    case (nil, .some) where output != nil: throw ValidationError("--output goes with a kind; --all names a folder")
    default: break
    }
  }

  func run() throws {
    if let kind {
      try OutputWriter.write(kind.json, to: output, what: "the schema")
      return
    }
    guard let all else { return }
    for kind in SchemaKind.allCases {
      try OutputWriter.write(kind.json, to: Files.join(all, kind.fileName), what: "the schema")
    }
  }
}

extension SchemaKind: ExpressibleByArgument {}
