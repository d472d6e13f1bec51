import OrgDiagnostics
import OrgModel
import OrgProposal
import Testing

@Suite struct TransferTests {
  @Test func theUnitMovesWithItsChildren() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          to: div-b
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.ids == applied.before.ids)
    #expect(after.parentID(of: "vo-2") == "div-b")
    #expect(try after.unit("vo-2").parent?.id == "div-b")
    #expect(after.childIDs(of: "div-b") == ["vo-2", "vo-3", "vo-4"])
    #expect(after.childIDs(of: "div-a") == ["vo-1"])
    #expect(after.childIDs(of: "vo-2") == ["e-2", "e-3"])
    let outcome = applied.outcomes[0]
    #expect(outcome.applied)
    #expect(outcome.removed.isEmpty)
    #expect(after.ids(outcome.touched) == ["div-a", "div-b", "vo-2"])
    #expect(outcome.totalBefore == 100 && outcome.totalAfter == 100)
    #expect(applied.result.baseIndex == (0..<10).map { Int32($0) })
    #expect(applied.result.createdBy.isEmpty)
  }

  @Test func exceptedChildrenStayWithTheOldParent() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          to: div-b
          except: [e-3]
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    #expect(applied.after.childIDs(of: "vo-2") == ["e-2"])
    #expect(applied.after.parentID(of: "e-3") == "div-a")
    #expect(try applied.after.unit("e-3").parent?.id == "div-a")
    #expect(applied.after.childIDs(of: "div-a") == ["vo-1", "e-3"])
    #expect(applied.after.ids(applied.outcomes[0].touched) == ["div-a", "div-b", "e-3", "vo-2"])
  }

  @Test func underItselfOrADescendantIsRefusedAtTo() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          to: vo-2
        - transfer: div-a
          to: e-2
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:4:9 #1: 'vo-2' cannot be moved under itself [invalid-change]",
        "p.yaml:6:9 #2: 'div-a' cannot be moved under 'e-2', which lies inside it [invalid-change]",
      ])
    #expect(applied.outcomes.map(\.applied) == [false, false])
    #expect(applied.after.parentID(of: "vo-2") == "div-a")
    #expect(applied.after.parentID(of: "div-a") == "region")
  }

  @Test func exceptNamingANonChild() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          to: div-b
          except: [e-2, e-1]
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:5:19 #1: 'e-1' is not a child of 'vo-2', so it cannot stay behind [invalid-change]"
      ])
    #expect(applied.after.parentID(of: "vo-2") == "div-a")
  }

  @Test func aMisspelledExceptIsAnUnknownReferenceWithASuggestion() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          to: div-b
          except: [e-33]
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:5:14 #1: except 'e-33' names no unit; did you mean 'e-3'? [unknown-reference]"
      ])
    #expect(applied.diagnostics[0].severity == .error)
    #expect(!applied.outcomes[0].applied)
    #expect(applied.after.parentID(of: "vo-2") == "div-a")
  }

  @Test func unknownUnitAndTarget() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-5x
          to: div-b
        - transfer: vo-2
          to: div-c
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:15 #1: transfer 'vo-5x' names no unit [unknown-reference]",
        "p.yaml:6:9 #2: to 'div-c' names no unit; did you mean 'div-a'? [unknown-reference]",
      ])
    #expect(applied.outcomes.map(\.applied) == [false, false])
  }
}

@Suite struct DissolveTests {
  @Test func childrenGoToReassignTo() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: vo-2
          reassign_to: vo-1
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.unit(withID: "vo-2") == nil)
    #expect(after.childIDs(of: "vo-1") == ["e-1", "e-2", "e-3"])
    #expect(try after.unit("e-2").parent?.id == "vo-1")
    #expect(after.targets(of: "vo-4", "beställare") == ["vo-1", "vo-2?"])
    let outcome = applied.outcomes[0]
    #expect(outcome.removed == ["vo-2"])
    #expect(after.ids(outcome.touched) == ["div-a", "e-2", "e-3", "vo-1"])
    #expect(outcome.totalBefore == 100 && outcome.totalAfter == 100)
    #expect(applied.result.baseIndex == [0, 1, 2, 4, 5, 6, 7, 8, 9])
  }

  @Test func withoutReassignTheChildrenAreOrphaned() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: vo-2
      """)
    #expect(applied.diagnostics.isEmpty)
    #expect(try applied.after.unit("e-2").parent == nil)
    #expect(try applied.after.unit("e-3").parent == nil)
    #expect(applied.after.parentID(of: "e-2") == nil)
    #expect(applied.after.childIDs(of: "div-a") == ["vo-1"])
    #expect(applied.after.rootID == "region")
  }

  @Test func theRootCannotBeDissolved() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: region
      """)
    #expect(lines(applied.diagnostics) == ["p.yaml:3:15 #1: the root 'region' cannot be dissolved [invalid-change]"])
    #expect(applied.after.ids == applied.before.ids)
  }

  @Test func withoutOrganisationRootTheFirstParentlessUnitIsTheRoot() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: top
      """,
      to: """
        units:
          - { id: top, name: Top, kind: region, units: [{ id: a, name: A, kind: enhet }] }
        """)
    #expect(lines(applied.diagnostics) == ["p.yaml:3:15 #1: the root 'top' cannot be dissolved [invalid-change]"])
  }

  @Test func aRootThatNamesNoUnitLeavesTheFirstParentlessUnitTheRoot() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: top
        - split: top
          into: [{ id: t1, name: T1, kind: region }, { id: t2, name: T2, kind: region }]
      """,
      to: """
        organisation: { id: o, name: O, root: topp }
        units:
          - { id: top, name: Top, kind: region, units: [{ id: a, name: A, kind: enhet }] }
        """)
    #expect(applied.before.rootID == "top")
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:15 #1: the root 'top' cannot be dissolved [invalid-change]",
        "p.yaml:4:12 #2: the root 'top' cannot be split [invalid-change]",
      ])
    #expect(applied.after.ids == ["top", "a"])
  }

  @Test func reassignToInsideTheDissolvedUnit() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - dissolve: div-a
          reassign_to: e-2
        - dissolve: vo-1
          reassign_to: vo-1
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:4:18 #1: the children of 'div-a' cannot go to 'e-2', which is dissolved with it [invalid-change]",
        "p.yaml:6:18 #2: the children of 'vo-1' cannot go to 'vo-1', which is dissolved with it [invalid-change]",
      ])
    #expect(applied.after.ids == applied.before.ids)
  }
}

@Suite struct CreateTests {
  @Test func aNewUnitUnderItsParent() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - create: { id: e-4, name: E4, kind: enhet, parent: vo-2, headcount: 0, relations: { stöd: vo-1 } }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.ids.last == "e-4")
    #expect(after.parentID(of: "e-4") == "vo-2")
    #expect(after.childIDs(of: "vo-2") == ["e-2", "e-3", "e-4"])
    #expect(after.targets(of: "e-4", "stöd") == ["vo-1"])
    let created = try after.unit("e-4")
    #expect(created.name == "E4" && created.kind == "enhet" && created.headcount == 0)
    #expect(after.location(created.at) == p(3, 13))
    #expect(applied.result.createdBy == [10: 1])
    #expect(applied.result.baseIndex.last == .some(nil))
    #expect(after.ids(applied.outcomes[0].touched) == ["e-4", "vo-2"])
  }

  @Test func anUsedIDIsRefused() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - create: { id: vo-1, name: Dubbel, kind: vo, parent: div-b }
      """)
    #expect(lines(applied.diagnostics) == ["p.yaml:3:13 #1: id 'vo-1' is already used by a unit [invalid-change]"])
    #expect(applied.after.ids == applied.before.ids)
    #expect(try applied.after.unit("vo-1").name == "VO 1")
  }

  @Test func anUnknownParentIsAnUnknownReferenceAndNothingIsCreated() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - create: { id: e-9, name: E9, kind: enhet, parent: vo-9 }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:55 #1: parent 'vo-9' names no unit; did you mean 'vo-1'? [unknown-reference]"
      ])
    #expect(!applied.outcomes[0].applied)
    #expect(applied.after.unit(withID: "e-9") == nil)
    #expect(applied.result.createdBy.isEmpty)
  }
}
