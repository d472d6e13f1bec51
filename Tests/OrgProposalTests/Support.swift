import Foundation
import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgYAML
import Testing

/// The base most tests change. Headcounts add up: region 100 = div-a 60 +
/// div-b 40; vo-1 20 = 5 direct + e-1 15; vo-2 40 = e-2 25 + e-3 15.
/// Model order: region, div-a, vo-1, vo-2, div-b, vo-3, vo-4, e-1, e-2, e-3.
let standardBase = """
  organisation: { id: reg, name: Region, root: region }
  units:
    - id: region
      name: Region
      kind: region
      headcount: 100
      units:
        - id: div-a
          name: Division A
          kind: division
          headcount: 60
          units:
            - { id: vo-1, name: VO 1, kind: vo, headcount: 20, direct_headcount: 5, roles: [beställare] }
            - { id: vo-2, name: VO 2, kind: vo, headcount: 40, description: Två }
        - id: div-b
          name: Division B
          kind: division
          headcount: 40
          manager: Eva
          units:
            - { id: vo-3, name: VO 3, kind: vo, headcount: 30, relations: { beställare: vo-1 } }
            - { id: vo-4, name: VO 4, kind: vo, headcount: 10, relations: { beställare: [vo-1, vo-2] } }
    - { id: e-1, name: E1, kind: enhet, parent: vo-1, headcount: 15 }
    - { id: e-2, name: E2, kind: enhet, parent: vo-2, headcount: 25, relations: { stöd: vo-2 } }
    - { id: e-3, name: E3, kind: enhet, parent: vo-2, headcount: 15 }
  """

/// Builds a model from one file, `org.yaml`; the file must load cleanly.
func buildModel(_ yaml: String, file: String = "org.yaml", sourceLocation: SourceLocation = #_sourceLocation) throws
  -> Model
{
  var builder = ModelBuilder()
  builder.add(try YAMLParser.parse(Array(yaml.utf8), file: file))
  let (model, diagnostics) = builder.finish()
  #expect(diagnostics.isEmpty, "\(lines(diagnostics))", sourceLocation: sourceLocation)
  return model
}

/// Reads a proposal written as `p.yaml` whose base has `fileIndex` files.
func readProposal(_ yaml: String, fileIndex: UInt32 = 1) throws -> (Proposal, [Diagnostic]) {
  let tree = try YAMLParser.parse(Array(yaml.utf8), file: "p.yaml")
  var reader = ProposalReader(tree: tree, fileIndex: fileIndex)
  let proposal = reader.read(basePath: "org.yaml")
  return (proposal, reader.diagnostics)
}

/// A proposal read and applied, with what the reader reported.
struct Applied {
  var result: AppliedProposal
  var readerDiagnostics: [Diagnostic]

  var after: Model { result.after }
  var before: Model { result.before }
  var outcomes: [ChangeOutcome] { result.outcomes }
  var diagnostics: [Diagnostic] { result.diagnostics }
}

/// Builds the base from `base`, reads `proposal` (as `p.yaml`) and applies it.
/// The reader must report nothing unless `readerMayReport`.
func apply(
  _ proposal: String, to base: String = standardBase, readerMayReport: Bool = false,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Applied {
  let model = try buildModel(base, sourceLocation: sourceLocation)
  let (read, readerDiagnostics) = try readProposal(proposal, fileIndex: UInt32(model.files.count))
  if !readerMayReport {
    #expect(readerDiagnostics.isEmpty, "\(lines(readerDiagnostics))", sourceLocation: sourceLocation)
  }
  return Applied(result: Applier.apply(read, to: model), readerDiagnostics: readerDiagnostics)
}

/// Diagnostics as one comparable line each: location, change, message and rule.
func lines(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { d in
    "\(d.location)\(d.change.map { " #\($0)" } ?? ""): \(d.message) [\(d.rule)]"
  }
}

/// A location in the proposal file.
func p(_ line: Int, _ column: Int) -> Location { Location(file: "p.yaml", line: line, column: column) }

extension Model {
  /// The unit with `id`; fails the test when there is none.
  func unit(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> OrgModel.Unit {
    let index = try #require(unit(withID: id), "no unit \(id)", sourceLocation: sourceLocation)
    return units[Int(index)]
  }

  /// The id of the unit a unit's parent resolved to; nil when it has none.
  func parentID(of id: String) -> String? {
    guard let index = unit(withID: id), let parent = parentIndex[Int(index)] else { return nil }
    return units[Int(parent)].id
  }

  /// The ids of a unit's children, in model order.
  func childIDs(of id: String) -> [String] {
    guard let index = unit(withID: id) else { return [] }
    return children(of: index).map { units[Int($0)].id }
  }

  var ids: [String] { units.map(\.id) }

  var rootID: String? { root.map { units[Int($0)].id } }

  /// A relation's target ids, and whether each names a unit.
  func targets(of id: String, _ relation: String) -> [String] {
    guard let index = unit(withID: id) else { return [] }
    return units[Int(index)].relation(relation)?.targets.map { $0.target == nil ? "\($0.id)?" : $0.id } ?? []
  }

  /// The ids of units in `indices`, sorted.
  func ids(_ indices: some Sequence<Int32>) -> [String] { indices.map { units[Int($0)].id }.sorted() }
}

/// A fresh temporary folder with files written into it.
struct TemporaryFolder: ~Copyable {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("orglint-proposal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func write(_ text: String, to relative: String) throws {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
  }

  func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}

/// The tree of a proposal text, as `p.yaml`.
func YAMLTreeFor(_ yaml: String) throws -> YAMLTree {
  try YAMLParser.parse(Array(yaml.utf8), file: "p.yaml")
}
