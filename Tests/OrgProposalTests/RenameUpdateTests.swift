import OrgDiagnostics
import OrgModel
import OrgProposal
import Testing

@Suite struct RenameTests {
  @Test func aNewName() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - rename: vo-2
          name: VO Två
      """)
    #expect(applied.diagnostics.isEmpty)
    #expect(try applied.after.unit("vo-2").name == "VO Två")
    #expect(try applied.after.unit("vo-2").formerly.isEmpty)
    #expect(applied.after.ids == applied.before.ids)
    #expect(applied.after.ids(applied.outcomes[0].touched) == ["vo-2"])
  }

  @Test func aNewIDEveryReferenceFollows() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - rename: vo-2
          id: vo-two
          name: VO Två
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.unit(withID: "vo-2") == nil)
    let renamed = try after.unit("vo-two")
    #expect(renamed.name == "VO Två")
    #expect(renamed.formerly == ["vo-2"])
    #expect(renamed.headcount == 40)
    #expect(after.ids == ["region", "div-a", "vo-1", "vo-two", "div-b", "vo-3", "vo-4", "e-1", "e-2", "e-3"])
    #expect(try after.unit("e-2").parent?.id == "vo-two")
    #expect(try after.unit("e-3").parent?.id == "vo-two")
    #expect(after.childIDs(of: "vo-two") == ["e-2", "e-3"])
    #expect(after.targets(of: "vo-4", "beställare") == ["vo-1", "vo-two"])
    #expect(after.targets(of: "e-2", "stöd") == ["vo-two"])
    #expect(applied.outcomes[0].totalAfter == applied.outcomes[0].totalBefore)
    #expect(applied.result.baseIndex == (0..<10).map { Int32($0) })
  }

  @Test func renamingTheRootMovesOrganisationRoot() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - rename: region
          id: regionen
      """)
    #expect(applied.diagnostics.isEmpty)
    #expect(applied.after.header?.root?.id == "regionen")
    #expect(applied.after.rootID == "regionen")
    #expect(try applied.after.unit("div-a").parent?.id == "regionen")
    #expect(applied.after.parentID(of: "div-b") == "regionen")
  }

  @Test func aTakenIDIsRefused() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - rename: vo-2
          id: vo-3
          name: X
      """)
    #expect(lines(applied.diagnostics) == ["p.yaml:4:9 #1: id 'vo-3' is already used by a unit [invalid-change]"])
    #expect(!applied.outcomes[0].applied)
    #expect(try applied.after.unit("vo-2").name == "VO 2")  // nothing of the change is applied
    #expect(try applied.after.unit("vo-3").name == "VO 3")
  }
}

@Suite struct UpdateTests {
  @Test func setAndUnset() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - update: vo-3
          set: { headcount: 35, roles: [utförare], relations: { beställare: [vo-2, div-a] }, manager: Anna, name: VO Tre }
          headcount_delta: 5
          reason: fem nya tjänster
        - update: div-b
          set: { headcount: 45, kind: förvaltning }
          unset: [manager]
          headcount_delta: 0
          reason: följer VO 3
        - update: vo-2
          unset: [description, headcount]
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    let vo3 = try after.unit("vo-3")
    #expect(vo3.headcount == 35)
    #expect(vo3.roles == ["utförare"])
    #expect(vo3.manager == "Anna")
    #expect(vo3.name == "VO Tre")
    #expect(vo3.kind == "vo")
    #expect(after.targets(of: "vo-3", "beställare") == ["vo-2", "div-a"])
    let divB = try after.unit("div-b")
    #expect(divB.headcount == 45)
    #expect(divB.kind == "förvaltning")
    #expect(divB.manager == nil)
    let vo2 = try after.unit("vo-2")
    #expect(vo2.description == nil)
    #expect(vo2.headcount == nil)
    #expect(vo2.name == "VO 2")
    let changes = applied.result.proposal.changes
    #expect(changes.map(\.headcountDelta) == [5, 0, nil])
    #expect(changes.map(\.reason) == ["fem nya tjänster", "följer VO 3", nil])
    // Under the region's 100 the total does not move, whatever the units below say.
    #expect(applied.outcomes.map(\.totalAfter) == [100, 100, 100])
    #expect(applied.outcomes.map { after.ids($0.touched) } == [["vo-3"], ["div-b"], ["vo-2"]])
  }

  @Test func idParentAndUnitsCannotBeSet() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - update: vo-3
          set: { id: vo-33, headcount: 31 }
        - update: vo-3
          set: { parent: div-a }
          unset: [parent, name, headcont]
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:4:10 #1: an update cannot change 'id'; use rename [invalid-document]",
        "p.yaml:6:10 #2: an update cannot change 'parent'; use transfer [invalid-document]",
        "p.yaml:7:13 #2: an update cannot change 'parent'; use transfer [invalid-document]",
        "p.yaml:7:21 #2: 'name' is required and cannot be unset [invalid-document]",
        "p.yaml:7:27 #2: 'headcont' is not a unit key; did you mean 'headcount'? [invalid-document]",
      ])
    #expect(diagnostics.allSatisfy { $0.severity == .error && $0.change != nil })
    // The rest of each change still applies; the refused keys do not.
    let applied = Applier.apply(proposal, to: try buildModel(standardBase))
    #expect(applied.diagnostics.isEmpty)
    #expect(applied.after.unit(withID: "vo-33") == nil)
    #expect(try applied.after.unit("vo-3").headcount == 31)
    #expect(applied.after.parentID(of: "vo-3") == "div-b")
  }

  @Test func anUnknownUnit() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - update: vo-33
          set: { headcount: 1 }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:13 #1: update 'vo-33' names no unit; did you mean 'vo-3'? [unknown-reference]"
      ])
    #expect(!applied.outcomes[0].applied)
  }
}
