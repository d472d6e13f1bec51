import Foundation
import OrgDiagnostics
import OrgModel
import OrgSynthetic
import OrgYAML
import Testing

/// The streaming reader is a fast path beside the tree path: for every file
/// it accepts it must give the same units, header and findings, field for
/// field; every file with something else to report must go to the tree path.
struct StreamingReaderTests {
  /// Both paths' reading of `text`: the streamed part (nil when the reader
  /// gave up) and the tree path's part (nil when the file is not YAML). The
  /// streamed part must not depend on whether libyaml ran on another thread.
  func readBothWays(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (
    streamed: ModelPart?, tree: ModelPart?
  ) {
    let bytes = Array(text.utf8)
    let streamed = StreamingReader.part(of: bytes, file: "org.yaml", fileIndex: 0)
    let pipelined = StreamingReader.part(of: bytes, file: "org.yaml", fileIndex: 0, pipelined: true)
    #expect(pipelined?.contents == streamed?.contents, sourceLocation: sourceLocation)
    let tree = (try? YAMLParser.parse(bytes, file: "org.yaml")).map { ModelBuilder.part(of: $0, fileIndex: 0) }
    return (streamed, tree)
  }

  func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let (streamed, tree) = readBothWays(text, sourceLocation: sourceLocation)
    guard let streamed, let tree else {
      Issue.record("the streaming reader gave up on a file it should read", sourceLocation: sourceLocation)
      return
    }
    #expect(streamed.contents == tree.contents, sourceLocation: sourceLocation)
  }

  /// Every key a unit can have, in both forms and in every YAML style.
  static let everyKey = """
    orglint: 1
    organisation: {id: region-x, name: "Region X", as_of: 2024-02-29, root: rf}
    units:
      - id: rf
        name: Regionfullmäktige
        kind: region
        headcount: +1200
        direct_headcount: 0
        manager: 'Anna Berg'
        description: |
          Högsta beslutande organ.
        attributes:
          länskod: "25"
          aktiv: true
          andel: 0.5
          tom:
          lista: [1, two, {tre: 3}]
          karta: {a: ~, "b c": [x]}
        suppress: {span-of-control: "en region har många nämnder"}
        units:
          - {id: hr, name: HR, kind: stab, roles: [beställare], relations: {utförare: [hr-service]}}
          - id: div
            name: Division Nära
            kind: division
            parent: rf
            formerly: [div-gammal, "div-äldre"]
            units: []
      - id: hr-service
        "name": HR-service
        kind: vo
        parent: div
        roles: [utförare, "stöd"]
        relations:
          beställare: hr
          samverkar_med: []
      - id: e\u{0301}nhet
        name: Enhet
        kind: enhet
        parent: hr-service
    """

  @Test func everyKeyInEveryStyleIsReadAsTheTreePathReadsIt() {
    expectSame(Self.everyKey)
  }

  @Test func theContractExampleIsReadAsTheTreePathReadsIt() {
    expectSame(contractExample)
  }

  @Test func aTypoedKeyIsReportedAsTheTreePathReportsIt() {
    // The unknown key's value, however nested, is passed over; a typo after
    // the nested units is reported too, and each names its own unit.
    expectSame(
      """
      units:
        - id: a
          name: A
          kind: region
          headcont: 12
          units:
            - id: b
              name: B
              kind: enhet
              roels: [x, {y: [z]}]
          manger: Ann
      """)
  }

  @Test func aFileOfManyBatchesIsReadAsTheTreePathReadsIt() {
    var text = "orglint: 1\nunits:\n  - {id: root, name: Root, kind: region}\n"
    for index in 0..<5_000 {
      text += "  - {id: u\(index), name: \"Enhet \(index)\", kind: enhet, parent: root, headcount: \(index),"
      text += " relations: {beställare: [u\(index / 2)]}, attributes: {nr: \(index)}}\n"
    }
    expectSame(text)
  }

  @Test func filesWithoutUnitsOrHeaderAreReadToo() {
    expectSame("orglint: 1\n")
    expectSame("organisation: {id: x}\n")
    expectSame("units: []\n")
  }

  /// Each file has something the tree path reports or resolves, so the
  /// streaming reader must leave it to the tree path.
  @Test(arguments: [
    "units:\n  - &a {id: a, name: A, kind: k}\n",
    "units:\n  - {id: a, name: A, kind: k, relations: {x: &r b}}\n  - {id: c, name: C, kind: k, parent: *r}\n",
    "units:\n  - {id: !!str a, name: A, kind: k}\n",
    "units:\n  - {id: a, name: A, kind: k}\n---\nunits: []\n",
    "units:\n  - {id: a, name: A, kind: k, name: B}\n",
    "units:\n  - {id: a, kind: k}\n",
    "units:\n  - {id: '', name: A, kind: k}\n",
    "units:\n  - {id: a b, name: A, kind: k}\n",
    "units:\n  - {id: a, name:, kind: k}\n",
    "units:\n  - {id: a, name: A, kind: k, headcount: '12'}\n",
    "units:\n  - {id: a, name: A, kind: k, headcount: -1}\n",
    "units:\n  - {id: a, name: A, kind: k, headcount: 1.5}\n",
    "units:\n  - {id: a, name: A, kind: k, <<: {x: 1}}\n",
    "units:\n  - {name: A, units: [{id: b, name: B, kind: k}], id: a, kind: k}\n",
    "units:\n  - {id: a, name: A, kind: k, units: [{id: b, name: B, kind: k, parent: c}]}\n",
    "units:\n  - {id: a, name: A, kind: k, roles: utförare}\n",
    "units:\n  - {id: a, name: A, kind: k, relations: {x: {y: z}}}\n",
    "units:\n  - {id: a, name: A, kind: k, relations: {x: b, x: c}}\n",
    "units:\n  - {id: a, name: A, kind: k, suppress: {span-of-control: ' '}}\n",
    "units:\n  - {id: a, name: A, kind: k, attributes: [x]}\n",
    "units:\n  - {id: a, name: A, kind: k, typo: 1, typo: 2}\n",
    "units:\n  - [a]\n",
    "units: {}\n",
    "x-anchors: 1\nunits: []\n",
    "proposal: {id: p}\n",
    "orglint: 2\n",
    "organisation: {id: x, as_of: 2023-02-29}\n",
    "organisation: {id: x, owner: y}\n",
    "units: [\n",
    "",
    "# only a comment\n",
  ])
  func givesUpWhereTheTreePathHasSomethingToSay(_ text: String) {
    #expect(readBothWays(text).streamed == nil)
  }

  @Test func nestingDeeperThanTheTreePathAllowsIsLeftToIt() {
    let depth = YAMLParser.defaultMaxDepth / 2 + 1
    var text = "units:\n"
    for level in 0..<depth {
      let indent = String(repeating: "  ", count: 2 * level)
      text += "\(indent)  - id: u\(level)\n\(indent)    name: U\n\(indent)    kind: k\n\(indent)    units:\n"
    }
    #expect(readBothWays(text).streamed == nil)
    #expect(readBothWays(text).tree == nil)  // the tree path reports the depth
  }

  /// Random edits of a valid file (lines deleted, repeated or swapped,
  /// characters replaced by YAML's punctuation): whatever the streaming
  /// reader accepts, the tree path reads the same way; whatever it gives up
  /// on, the tree path takes. Both outcomes must occur for the test to mean
  /// anything.
  @Test func randomEditsEitherReadTheSameOrGoToTheTreePath() {
    var generator = SplitMix64(seed: 20_261_123)  // the same edits every run
    func random(_ count: Int) -> Int { generator.next(below: count) }
    let lines = Self.everyKey.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let punctuation = Array(":-&*!'\"[]{},#|> \tx0")
    var (accepted, givenUp) = (0, 0)
    for _ in 0..<600 {
      var edited = lines
      for _ in 0...random(2) {
        let line = random(edited.count)
        switch random(4) {
        case 0: edited.remove(at: line)
        case 1: edited.insert(edited[line], at: line)
        case 2: edited.swapAt(line, random(edited.count))
        default:
          var characters = Array(edited[line])
          guard !characters.isEmpty else { continue }
          characters[random(characters.count)] = punctuation[random(punctuation.count)]
          edited[line] = String(characters)
        }
      }
      let text = edited.joined(separator: "\n")
      let (streamed, tree) = readBothWays(text)
      guard let streamed else {
        givenUp += 1
        continue
      }
      accepted += 1
      guard let tree else {
        Issue.record("read a file the tree path finds malformed:\n\(text)")
        continue
      }
      #expect(streamed.contents == tree.contents, "\(text)")
    }
    #expect(accepted > 50)
    #expect(givenUp > 50)
  }

  @Test func theLoaderNamesEachFileByItsPlaceAmongAllTheFilesGiven() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = [
      ("a.yaml", "units: [\n"),  // malformed: the tree path's syntax error
      ("b.yaml", "proposal: {id: p}\n"),
      ("c.yaml", "units:\n  - {id: c, name: C, kind: k, headcont: 1}\n"),  // streamed, with a typo
      ("d.yaml", "units:\n  - {id: d, name: D, kind: k, parent: c, roles: x}\n"),  // the tree path's
    ].map { (folder.appendingPathComponent($0.0).path, $0.1) }
    for (path, text) in files { try text.write(toFile: path, atomically: true, encoding: .utf8) }

    let loaded = try ModelLoader.load(files.map(\.0))
    #expect(loaded.hasSyntaxError)
    #expect(loaded.proposals == [files[1].0])
    let model = loaded.model
    #expect(model.units.map(\.id) == ["c", "d"])
    #expect(model.units.map { model.location($0.at).file } == [files[2].0, files[3].0])
    #expect(model.parentIndex[1] == 0)
    #expect(
      loaded.diagnostics.map { "\(($0.location.file as NSString).lastPathComponent):\($0.location.line) \($0.rule)" }
        .sorted() == ["a.yaml:2 yaml-syntax", "c.yaml:2 invalid-document", "d.yaml:2 invalid-document"])
  }
}

/// Parts added together (as the loader adds a model's files) give the model
/// that adding them one by one gives: every nested unit's parent index moved
/// by the units of the files before it.
@Test func partsAddedTogetherGiveTheModelOfPartsAddedOneByOne() throws {
  let texts = (0..<5).map { file in
    "units:\n"
      + (0..<40).map {
        "  - {id: f\(file)-\($0), name: U, kind: k, units: [{id: f\(file)-\($0)-c, name: C, kind: k}]}\n"
      }.joined()
  }
  let parts = try texts.enumerated().map { index, text in
    ModelBuilder.part(of: try YAMLParser.parse(Array(text.utf8), file: "f\(index).yaml"), fileIndex: UInt32(index))
  }
  var together = ModelBuilder()
  together.add(parts)
  var oneByOne = ModelBuilder()
  for part in parts { oneByOne.add(part) }
  let (model, _) = together.finish()
  #expect(model.units.count == 400)
  #expect(model.units.indices.allSatisfy { model.units[$0].id.hasSuffix("-c") == (model.parentIndex[$0] != nil) })
  #expect(
    model.units.indices.allSatisfy { index in
      model.parentIndex[index].map { model.units[index].id == model.units[Int($0)].id + "-c" } ?? true
    })
  var expected = "", actual = ""
  dump(oneByOne.finish().0.units, to: &expected)
  dump(model.units, to: &actual)
  #expect(actual == expected)
}
