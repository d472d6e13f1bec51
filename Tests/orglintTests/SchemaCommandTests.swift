import Foundation
import OrgSchema
import Testing

/// `orglint schema`: the JSON Schemas for editors.
@Suite struct SchemaCommandTests {
  @Test(arguments: SchemaKind.allCases)
  func printsTheCommittedSchema(kind: SchemaKind) throws {
    let result = try CLI.run(["schema", kind.rawValue])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let committed = try String(
      contentsOf: CLI.root.appendingPathComponent("schemas/\(kind.fileName)"), encoding: .utf8)
    #expect(result.stdout == committed)
  }

  @Test func anUnknownKindIsABadArgument() throws {
    let result = try CLI.run(["schema", "organisation"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("'org', 'proposal', 'rule' or 'config'"), "\(result.stderr)")
  }

  @Test func aKindOrAFolderIsNeeded() throws {
    let none = try CLI.run(["schema"])
    #expect(none.status == 2)
    #expect(none.stderr.contains("name the kind of file: org, proposal, rule"), "\(none.stderr)")
    let both = try CLI.run(["schema", "org", "--all", "x"])
    #expect(both.status == 2)
  }

  @Test func writesOneSchemaOrAllOfThem() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("rule.json")
    let one = try CLI.run(["schema", "rule", "--output", file.path])
    #expect(one.status == 0 && one.stdout.isEmpty, "\(one.stderr)")
    #expect(try String(contentsOf: file, encoding: .utf8) == SchemaKind.rule.json)
    let all = try CLI.run(["schema", "--all", dir.path])
    #expect(all.status == 0, "\(all.stderr)")
    for kind in SchemaKind.allCases {
      #expect(try String(contentsOf: dir.appendingPathComponent(kind.fileName), encoding: .utf8) == kind.json)
    }
  }

  @Test func aSchemaThatCannotBeWrittenStopsTheRun() throws {
    let result = try CLI.run(["schema", "org", "--output", "/nonexistent-folder/org.json"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("/nonexistent-folder/org.json: error: cannot write the schema"), "\(result.stderr)")
  }

  @Test func isListedInTheHelp() throws {
    let result = try CLI.run(["--help"])
    #expect(result.stdout.contains("schema"))
  }
}
