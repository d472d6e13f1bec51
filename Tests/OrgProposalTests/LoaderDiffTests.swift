import OrgDiagnostics
import OrgModel
import OrgProposal
import Testing

@Suite struct ProposalLoaderTests {
  let region = """
    organisation: { id: o, name: O, root: region }
    units:
      - { id: region, name: Region, kind: region, units: [{ id: vo-2, name: VO 2, kind: vo }, { id: vo-3, name: VO 3, kind: vo }] }
    """

  /// Loads, failing the test with the reason when the proposal cannot be loaded.
  func load(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadedProposal {
    do {
      return try ProposalLoader.load(path)
    } catch {
      Issue.record("cannot load \(path): \(error)", sourceLocation: sourceLocation)
      throw error
    }
  }

  /// The failure loading `path` gives; fails the test when it loads.
  func failure(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> ProposalLoadFailure? {
    do {
      _ = try ProposalLoader.load(path)
      Issue.record("\(path) loaded", sourceLocation: sourceLocation)
      return nil
    } catch {
      return error
    }
  }

  @Test func aDirectoryBase() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "organisation: { id: o, name: O, root: region }\nunits: [{ id: region, name: R, kind: region }]\n",
      to: "org/a.yaml")
    try folder.write("units: [{ id: vo-1, name: VO 1, kind: vo, parent: region }]\n", to: "org/b.yml")
    try folder.write("proposal: { id: p, base: org/ }\nchanges:\n  - rename: vo-1\n    name: Ett\n", to: "p.yaml")
    let loaded = try load(folder.path("p.yaml"))
    #expect(loaded.proposalDiagnostics.isEmpty)
    #expect(loaded.baseDiagnostics.isEmpty)
    #expect(!loaded.hasSyntaxError)
    #expect(loaded.applied.proposal.basePath == folder.path + "/org")
    #expect(loaded.applied.before.files == [folder.path + "/org/a.yaml", folder.path + "/org/b.yml"])
    #expect(loaded.applied.after.files == loaded.applied.before.files + [folder.path("p.yaml")])
    #expect(loaded.applied.after.parentID(of: "vo-1") == "region")
    #expect(try loaded.applied.after.unit("vo-1").name == "Ett")
  }

  @Test func aFileBaseRelativeToTheProposal() throws {
    let folder = try TemporaryFolder()
    try folder.write(region, to: "region/org.yaml")
    try folder.write(
      "proposal: { id: p, base: ../region/org.yaml }\nchanges:\n  - dissolve: vo-2\n  - dissolve: nix\n",
      to: "proposals/p.yaml")
    let loaded = try load(folder.path("proposals/p.yaml"))
    #expect(loaded.applied.proposal.basePath == folder.path + "/region/org.yaml")
    #expect(loaded.applied.before.files == [folder.path + "/region/org.yaml"])
    #expect(loaded.applied.after.ids == ["region", "vo-3"])
    // Findings of a change point into the proposal file as the user named it.
    #expect(
      lines(loaded.applied.diagnostics) == [
        "\(folder.path("proposals/p.yaml")):4:15 #2: dissolve 'nix' names no unit [unknown-reference]"
      ])
  }

  @Test func aChainOfProposals() throws {
    let folder = try TemporaryFolder()
    try folder.write(region, to: "org.yaml")
    try folder.write(
      "proposal: { id: p1, base: org.yaml }\nchanges:\n  - rename: vo-2\n    id: vo-two\n", to: "p1.yaml")
    try folder.write(
      "proposal: { id: p2, base: p1.yaml }\nchanges:\n  - merge: [vo-two, vo-3]\n    into: { id: vo-23, name: VO 23, kind: vo }\n",
      to: "p2.yaml")
    let loaded = try load(folder.path("p2.yaml"))
    #expect(loaded.applied.diagnostics.isEmpty, "\(lines(loaded.applied.diagnostics))")
    // The base is the first proposal's result.
    #expect(loaded.applied.before.ids == ["region", "vo-two", "vo-3"])
    #expect(loaded.applied.before.files == [folder.path("org.yaml"), folder.path("p1.yaml")])
    #expect(loaded.applied.after.files == [folder.path("org.yaml"), folder.path("p1.yaml"), folder.path("p2.yaml")])
    #expect(loaded.applied.after.ids == ["region", "vo-23"])
    #expect(try loaded.applied.after.unit("vo-23").formerly == ["vo-two", "vo-3"])
    let merged = try loaded.applied.after.unit("vo-23")
    #expect(loaded.applied.after.location(merged.at).file == folder.path("p2.yaml"))
  }

  @Test func aProposalThatIsItsOwnBase() throws {
    let folder = try TemporaryFolder()
    try folder.write("proposal: { id: p, base: p.yaml }\nchanges: []\n", to: "p.yaml")
    try folder.write("proposal: { id: q, base: ./sub/../q.yaml }\nchanges: []\n", to: "q.yaml")
    for (name, column) in [("p.yaml", 26), ("q.yaml", 26)] {
      guard case .cannotLoad(let message, let location) = failure(folder.path(name)) else {
        Issue.record("\(name) was not refused as its own base")
        continue
      }
      #expect(message.contains("leads back to this proposal"), "\(message)")
      #expect(location == Location(file: folder.path(name), line: 1, column: column))
    }
  }

  @Test func aCycleOfTwoProposals() throws {
    let folder = try TemporaryFolder()
    try folder.write("proposal: { id: a, base: b.yaml }\nchanges: []\n", to: "a.yaml")
    try folder.write("proposal: { id: b, base: a.yaml }\nchanges: []\n", to: "b.yaml")
    guard case .cannotLoad(let message, let location) = failure(folder.path("a.yaml")) else {
      Issue.record("the cycle was not refused")
      return
    }
    #expect(message == "the base 'b.yaml' leads back to this proposal; a proposal cannot be its own base")
    #expect(location == Location(file: folder.path("a.yaml"), line: 1, column: 26))
  }

  @Test func aMissingBase() throws {
    let folder = try TemporaryFolder()
    try folder.write("proposal: { id: p, base: nope.yaml }\nchanges: []\n", to: "p.yaml")
    guard case .cannotLoad(let message, let location) = failure(folder.path("p.yaml")) else {
      Issue.record("a missing base was not refused")
      return
    }
    #expect(message == "the base 'nope.yaml' does not exist (looked for \(folder.path("nope.yaml")))")
    #expect(location == Location(file: folder.path("p.yaml"), line: 1, column: 26))
  }

  @Test func aBaseWithNoUnitAndAProposalWithNoBase() throws {
    let folder = try TemporaryFolder()
    try folder.write("organisation: { id: o, name: O }\n", to: "empty.yaml")
    try folder.write("proposal: { id: p, base: empty.yaml }\nchanges: []\n", to: "p.yaml")
    try folder.write("proposal: { id: q }\nchanges: []\n", to: "q.yaml")
    guard case .cannotLoad(let message, let location) = failure(folder.path("p.yaml")) else {
      Issue.record("an empty base was not refused")
      return
    }
    #expect(message == "the base 'empty.yaml' holds no unit")
    #expect(location == Location(file: folder.path("p.yaml"), line: 1, column: 26))
    guard case .cannotLoad(let noBase, let noBaseLocation) = failure(folder.path("q.yaml")) else {
      Issue.record("a proposal without base was not refused")
      return
    }
    #expect(noBase == "a proposal needs 'base', the organisation it changes (a file or directory)")
    #expect(noBaseLocation == Location(file: folder.path("q.yaml"), line: 1, column: 11))
  }

  @Test func aProposalThatIsNotWellFormedYAML() throws {
    let folder = try TemporaryFolder()
    try folder.write(region, to: "org.yaml")
    try folder.write("proposal: { id: p, base: org.yaml\nchanges: [\n", to: "p.yaml")
    guard case .syntax(let diagnostic) = failure(folder.path("p.yaml")) else {
      Issue.record("bad YAML was not a syntax failure")
      return
    }
    #expect(diagnostic.rule == "yaml-syntax")
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.file == folder.path("p.yaml"))
  }

  @Test func aBaseThatIsNotWellFormedYAMLIsReportedWithTheProposal() throws {
    let folder = try TemporaryFolder()
    try folder.write("units: [\n", to: "org.yaml")
    try folder.write("proposal: { id: p, base: org.yaml }\nchanges: []\n", to: "p.yaml")
    let loaded = try load(folder.path("p.yaml"))
    #expect(loaded.hasSyntaxError)
    #expect(loaded.baseDiagnostics.map(\.rule) == ["yaml-syntax"])
    #expect(loaded.baseDiagnostics.first?.location.file == folder.path("org.yaml"))
  }

  @Test func theProposalsOwnProblemsAreKept() throws {
    let folder = try TemporaryFolder()
    try folder.write(region, to: "org.yaml")
    try folder.write("proposal: { id: p, base: org.yaml }\nchanges:\n  - transfr: vo-2\n", to: "p.yaml")
    let loaded = try load(folder.path("p.yaml"))
    #expect(loaded.proposalDiagnostics.map(\.rule) == ["invalid-document"])
    #expect(loaded.proposalDiagnostics.first?.location == Location(file: folder.path("p.yaml"), line: 3, column: 5))
    #expect(loaded.applied.proposal.changes.isEmpty)
  }
}

@Suite struct ProposalDiffTests {
  let base = """
    organisation: { id: o, name: O, root: r }
    units:
      - id: r
        name: R
        kind: region
        headcount: 60
        units:
          - { id: a, name: A, kind: vo, headcount: 10 }
          - { id: b, name: B, kind: vo, headcount: 20 }
          - { id: c, name: C, kind: vo, headcount: 30, units: [{ id: c1, name: C1, kind: enhet, headcount: 30 }] }
          - { id: d, name: D, kind: vo }
          - { id: u, name: U, kind: enhet, relations: { stöd: [a, d] } }
          - { id: f, name: F, kind: enhet }
          - { id: g, name: G, kind: enhet }
    """

  func render(_ entry: ProposalDiff.Entry) -> String {
    "\(entry.kind) \(entry.unit): \(entry.before ?? "-") → \(entry.after ?? "-") #\(entry.change.map(String.init) ?? "-")"
  }

  @Test func everyKindOfEntryWithItsChange() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [a, b]
          into: { id: ab, name: AB, kind: vo }
        - split: c
          into: [{ id: c-1, name: C1, kind: vo, headcount: 10 }, { id: c-2, name: C2, kind: vo, headcount: 20 }]
          assign: { c1: c-2 }
        - create: { id: e, name: E, kind: stab, parent: r }
        - dissolve: d
        - transfer: g
          to: ab
        - rename: f
          id: f2
          name: F2
        - update: r
          set: { headcount: 61 }
          headcount_delta: 1
          reason: en ny tjänst
      """, to: base)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let diff = ProposalDiff(applied.result)
    #expect(
      diff.entries.map(render) == [
        "headcount r: 60 → 61 #7",
        "moved c1: c → c-2 #2",
        "repointed u: stöd: a, d → stöd: ab, d #1",
        "renamed f2: f \"F\" → f2 \"F2\" #6",
        "moved g: r → ab #5",
        "merged ab: a, b → ab #1",
        "split c: c → c-1, c-2 #2",
        "added e: - → E #3",
        "removed d: D → - #4",
        "headcount ab: - → 30 #1",
        "headcount c-1: - → 10 #2",
        "headcount c-2: - → 20 #2",
        "headcount a: 10 → - #1",
        "headcount b: 20 → - #1",
        "headcount c: 30 → - #2",
      ])
    #expect(diff.totalBefore == 60)
    #expect(diff.totalAfter == 61)
    #expect(diff.unitsBefore == 9)
    #expect(diff.unitsAfter == 9)
  }

  @Test func aRenamedIDIsNotARepointedRelation() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - rename: a
          id: a2
      """, to: base)
    let diff = ProposalDiff(applied.result)
    #expect(diff.entries.map(render) == ["renamed a2: a \"A\" → a2 \"A\" #1"])
    #expect(diff.totalBefore == 60 && diff.totalAfter == 60)
  }

  @Test func nothingChangedNothingToTell() throws {
    let applied = try apply("proposal: { id: p, base: org.yaml }\nchanges: []\n", to: base)
    let diff = ProposalDiff(applied.result)
    #expect(diff.entries.isEmpty)
    #expect(diff.totalBefore == 0 && diff.totalAfter == 0)  // no change: no figures
    #expect(diff.unitsBefore == 9 && diff.unitsAfter == 9)
  }
}
