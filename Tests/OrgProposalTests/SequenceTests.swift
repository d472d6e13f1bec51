import OrgDiagnostics
import OrgModel
import OrgProposal
import Testing

@Suite struct ChangeSequenceTests {
  @Test func aMergeThenATransferOfTheMergedUnit() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-12, name: VO 12, kind: vo }
        - transfer: vo-12
          to: div-b
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    #expect(applied.after.parentID(of: "vo-12") == "div-b")
    #expect(applied.after.childIDs(of: "div-a").isEmpty)
    #expect(applied.after.childIDs(of: "div-b") == ["vo-3", "vo-4", "vo-12"])
    #expect(applied.after.childIDs(of: "vo-12") == ["e-1", "e-2", "e-3"])
    #expect(applied.outcomes.map(\.applied) == [true, true])
    #expect(applied.after.ids(applied.outcomes[1].touched) == ["div-a", "div-b", "vo-12"])
    // The merged unit is still the first change's creation.
    #expect(applied.result.createdBy == [8: 1])
    #expect(applied.outcomes.map(\.totalAfter) == [100, 100])
  }

  @Test func aRenamedUnitIsKnownByItsNewIDOnly() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - rename: vo-2
          id: vo-two
        - transfer: vo-two
          to: div-b
        - update: vo-2
          set: { headcount: 1 }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:7:13 #3: update 'vo-2' names no unit: it was renamed to 'vo-two' by change 1 [unknown-reference]"
      ])
    #expect(applied.outcomes.map(\.applied) == [true, true, false])
    #expect(applied.after.parentID(of: "vo-two") == "div-b")
    #expect(try applied.after.unit("vo-two").headcount == 40)
  }

  @Test func aFailingChangeDoesNotStopTheOthers() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: region
        - transfer: vo-2
          to: e-2
        - create: { id: e-4, name: E4, kind: enhet, parent: vo-1 }
        - rename: nowhere
          name: X
        - dissolve: vo-4
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:15 #1: the root 'region' cannot be dissolved [invalid-change]",
        "p.yaml:5:9 #2: 'vo-2' cannot be moved under 'e-2', which lies inside it [invalid-change]",
        "p.yaml:7:13 #4: rename 'nowhere' names no unit [unknown-reference]",
      ])
    #expect(applied.diagnostics.map(\.change) == [1, 2, 4])
    #expect(applied.outcomes.map(\.applied) == [false, false, true, false, true])
    #expect(applied.after.parentID(of: "e-4") == "vo-1")
    #expect(applied.after.unit(withID: "vo-4") == nil)
    #expect(applied.outcomes[4].removed == ["vo-4"])
    #expect(applied.result.createdBy.values.sorted() == [3])
  }

  @Test func aUnitCreatedByOneChangeIsUsedByTheNext() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - create: { id: div-c, name: Division C, kind: division, parent: region }
        - transfer: vo-3
          to: div-c
        - dissolve: div-b
          reassign_to: div-c
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    #expect(applied.after.childIDs(of: "div-c") == ["vo-3", "vo-4"])
    #expect(applied.after.unit(withID: "div-b") == nil)
    #expect(applied.after.childIDs(of: "region") == ["div-a", "div-c"])
  }
}

@Suite struct TotalHeadcountTests {
  /// A base whose top gives no headcount: the divisions' figures are the total.
  let looseTop = """
    units:
      - id: top
        name: Top
        kind: region
        units:
          - id: div
            name: Div
            kind: division
            headcount: 60
            direct_headcount: 10
            units:
              - { id: a, name: A, kind: vo, headcount: 20 }
              - { id: b, name: B, kind: vo, headcount: 30 }
          - { id: other, name: Other, kind: division, headcount: 40, units: [{ id: c, name: C, kind: vo, headcount: 40 }] }
    """

  @Test func mergeTransferAndRenameConserveTheTotal() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [a, b]
          into: { id: ab, name: AB, kind: vo }
        - transfer: ab
          to: other
        - rename: div
          id: div-1
        - merge: [div-1, other]
          into: { id: div-all, name: All, kind: division }
      """, to: looseTop)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    #expect(applied.outcomes.map(\.totalBefore) == [100, 100, 100, 100])
    #expect(applied.outcomes.map(\.totalAfter) == [100, 100, 100, 100])
    #expect(applied.outcomes[3].sourcesHeadcount == 100)
    #expect(try applied.after.unit("div-all").headcount == 100)
    // div-1 placed 10 directly; other places nobody directly and has a child.
    #expect(try applied.after.unit("div-all").directHeadcount == 10)
  }

  @Test func dissolvingWithoutReassignUnderAParentWithoutHeadcountChangesTheTotal() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: div
        - dissolve: other
          reassign_to: top
      """, to: looseTop)
    #expect(applied.diagnostics.isEmpty)
    // div's 10 direct people leave with it; a and b count on their own.
    #expect(applied.outcomes[0].totalBefore == 100)
    #expect(applied.outcomes[0].totalAfter == 90)
    // other's child moves to top, which gives no headcount: still counted.
    #expect(applied.outcomes[1].totalAfter == 90)
  }

  @Test func aTransferOutOfACountedUnitAddsToTheTotal() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: a
          to: top
      """, to: looseTop)
    #expect(applied.outcomes[0].totalAfter == 120)  // a now counts on its own; div still says 60
  }
}
