import OrgDiagnostics
import OrgModel
import OrgProposal
import Testing

@Suite struct MergeTests {
  @Test func sourcesDisappearAndIntoTakesTheirPlace() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-12, name: VO 12, kind: vo }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.ids == ["region", "div-a", "div-b", "vo-3", "vo-4", "e-1", "e-2", "e-3", "vo-12"])
    #expect(after.unit(withID: "vo-1") == nil)
    #expect(after.unit(withID: "vo-2") == nil)
    // Under the sources' common parent; their children move to it.
    #expect(after.parentID(of: "vo-12") == "div-a")
    #expect(after.childIDs(of: "div-a") == ["vo-12"])
    #expect(after.childIDs(of: "vo-12") == ["e-1", "e-2", "e-3"])
    #expect(try after.unit("e-1").parent?.id == "vo-12")
    let merged = try after.unit("vo-12")
    #expect(merged.name == "VO 12")
    #expect(merged.kind == "vo")
    #expect(merged.headcount == 60)  // the sum of the sources'
    #expect(merged.directHeadcount == 5)  // vo-1's direct people; vo-2 places nobody directly
    #expect(merged.formerly == ["vo-1", "vo-2"])
    // Relations that pointed at a source point at the merged unit, once.
    #expect(after.targets(of: "vo-3", "beställare") == ["vo-12"])
    #expect(after.targets(of: "vo-4", "beställare") == ["vo-12"])
    #expect(after.targets(of: "e-2", "stöd") == ["vo-12"])

    let outcome = try #require(applied.outcomes.first)
    #expect(applied.outcomes.count == 1)
    #expect(outcome.applied)
    #expect(outcome.change.index == 1)
    #expect(outcome.removed == ["vo-1", "vo-2"])
    #expect(outcome.sourcesHeadcount == 60)
    #expect(outcome.intoHeadcount == 60)
    #expect(outcome.totalBefore == 100)
    #expect(outcome.totalAfter == 100)
    #expect(after.ids(outcome.touched) == ["div-a", "e-1", "e-2", "e-3", "vo-12", "vo-3", "vo-4"])
    #expect(applied.result.baseIndex == [0, 1, 4, 5, 6, 7, 8, 9, nil])
    #expect(applied.result.createdBy == [8: 1])
    #expect(applied.before.ids.count == 10)
    // The merged unit is written in the proposal file, which the result lists after the base.
    #expect(after.files == ["org.yaml", "p.yaml"])
    #expect(after.location(merged.at) == p(4, 11))
  }

  @Test func intoMayKeepASourcesIdWhichIsNotItsOwnFormerId() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-1, name: VO 1 och 2, kind: vo }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let merged = try applied.after.unit("vo-1")
    #expect(merged.name == "VO 1 och 2")
    #expect(merged.formerly == ["vo-2"])
  }

  @Test func intoParentAssignAndAGivenHeadcount() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-3]
          into: { id: vo-13, name: VO 13, kind: vo, parent: div-b, headcount: 50 }
          assign: { e-1: vo-4 }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.parentID(of: "vo-13") == "div-b")
    #expect(after.childIDs(of: "div-b") == ["vo-4", "vo-13"])
    #expect(after.childIDs(of: "div-a") == ["vo-2"])
    #expect(after.parentID(of: "e-1") == "vo-4")
    #expect(after.childIDs(of: "vo-13").isEmpty)
    let merged = try after.unit("vo-13")
    #expect(merged.headcount == 50)
    // vo-1 places 5 directly; vo-3 is a leaf, so all its 30 are direct.
    #expect(merged.directHeadcount == 35)
    #expect(after.targets(of: "vo-4", "beställare") == ["vo-13", "vo-2"])
    let outcome = try #require(applied.outcomes.first)
    #expect(outcome.sourcesHeadcount == 50)
    #expect(outcome.intoHeadcount == 50)
    #expect(outcome.totalAfter == outcome.totalBefore)
  }

  @Test func intoHeadcountThatDiffersIsKeptAndReported() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-3, vo-4]
          into: { id: vo-34, name: VO 34, kind: vo, headcount: 45 }
      """)
    #expect(applied.diagnostics.isEmpty)
    #expect(try applied.after.unit("vo-34").headcount == 45)
    #expect(applied.outcomes[0].sourcesHeadcount == 40)
    #expect(applied.outcomes[0].intoHeadcount == 45)
    // Under a parent that gives a headcount, the total does not move: the
    // transition rule compares the merge's own figures.
    #expect(applied.outcomes[0].totalAfter == 100)
  }

  @Test func intoMayReuseASourceID() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-1, name: VO 1 och 2, kind: vo }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let index = try #require(applied.after.unit(withID: "vo-1"))
    #expect(applied.result.baseIndex[Int(index)] == nil)
    #expect(applied.after.units[Int(index)].name == "VO 1 och 2")
    #expect(applied.after.childIDs(of: "vo-1") == ["e-1", "e-2", "e-3"])
    #expect(applied.after.targets(of: "vo-4", "beställare") == ["vo-1"])
  }

  @Test func aUnitListedTwiceIsMergedWithItself() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-1]
          into: { id: vo-x, name: X, kind: vo }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:19 #1: 'vo-1' is merged with itself: it is listed twice [invalid-change]"
      ])
    #expect(applied.diagnostics[0].severity == .error)
    #expect(!applied.outcomes[0].applied)
    #expect(applied.after.ids == applied.before.ids)
    #expect(applied.after.unit(withID: "vo-x") == nil)
  }

  @Test func sourcesWithDifferentParentsNeedIntoParent() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-3]
          into: { id: vo-13, name: VO 13, kind: vo }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:5 #1: the merged units have different parents; say where the result goes with into.parent [invalid-change]"
      ])
    #expect(!applied.outcomes[0].applied)
    #expect(applied.outcomes[0].removed.isEmpty)
    #expect(applied.after.unit(withID: "vo-13") == nil)
    #expect(applied.after.parentID(of: "vo-1") == "div-a")
    #expect(applied.after.parentID(of: "vo-3") == "div-b")
  }

  @Test func intoIDAlreadyUsed() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-3, name: X, kind: vo }
      """)
    #expect(lines(applied.diagnostics) == ["p.yaml:4:11 #1: id 'vo-3' is already used by a unit [invalid-change]"])
    #expect(!applied.outcomes[0].applied)
    #expect(applied.after.ids == applied.before.ids)
  }

  @Test func intoParentInsideASourceIsRefused() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-12, name: X, kind: vo, parent: e-2 }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:4:51 #1: into.parent 'e-2' lies inside a unit being merged [invalid-change]"
      ])
    #expect(applied.after.ids == applied.before.ids)
  }

  @Test func anUnknownSourceIsAnUnknownReference() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-22]
          into: { id: vo-12, name: X, kind: vo }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:19 #1: merge 'vo-22' names no unit; did you mean 'vo-2'? [unknown-reference]"
      ])
    #expect(!applied.outcomes[0].applied)
    #expect(applied.after.unit(withID: "vo-12") == nil)
  }

  @Test func assignNamingANonChild() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1, vo-2]
          into: { id: vo-12, name: X, kind: vo }
          assign: { e-1: vo-3, vo-4: vo-12 }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:5:26 #1: 'vo-4' is not a child of the units this change replaces [invalid-change]"
      ])
    #expect(applied.after.unit(withID: "vo-12") == nil)
  }

  @Test func mergingTheRootKeepsTheHeaderPointingAtTheResult() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [a, b]
          into: { id: ab, name: AB, kind: region }
      """,
      to: """
        organisation: { id: o, name: O, root: a }
        units:
          - { id: a, name: A, kind: region, units: [{ id: a1, name: A1, kind: enhet }] }
          - { id: b, name: B, kind: region }
        """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    #expect(applied.after.header?.root?.id == "ab")
    #expect(applied.after.rootID == "ab")
    #expect(applied.after.parentIndex[Int(try #require(applied.after.unit(withID: "ab")))] == nil)
    #expect(applied.after.childIDs(of: "ab") == ["a1"])
    // Neither gives a headcount: there is nothing to sum.
    #expect(applied.outcomes[0].sourcesHeadcount == nil)
    #expect(try applied.after.unit("ab").headcount == nil)
  }
}

@Suite struct SplitTests {
  @Test func childrenGoWhereAssignSaysTheRestAreOrphaned() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - split: vo-2
          into: [{ id: vo-2a, name: VO 2a, kind: vo }, { id: vo-2b, name: VO 2b, kind: vo, parent: div-b }]
          assign: { e-2: vo-2a }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    let after = applied.after
    #expect(after.unit(withID: "vo-2") == nil)
    #expect(after.ids == ["region", "div-a", "vo-1", "div-b", "vo-3", "vo-4", "e-1", "e-2", "e-3", "vo-2a", "vo-2b"])
    #expect(after.parentID(of: "vo-2a") == "div-a")  // the source's parent
    #expect(after.parentID(of: "vo-2b") == "div-b")  // its own
    #expect(after.parentID(of: "e-2") == "vo-2a")
    #expect(try after.unit("e-2").parent?.id == "vo-2a")
    // e-3 was not assigned: orphaned.
    #expect(try after.unit("e-3").parent == nil)
    #expect(after.parentID(of: "e-3") == nil)
    // Relations to the source are left dangling.
    #expect(after.targets(of: "vo-4", "beställare") == ["vo-1", "vo-2?"])
    #expect(after.targets(of: "e-2", "stöd") == ["vo-2?"])

    let outcome = applied.outcomes[0]
    #expect(outcome.applied)
    #expect(outcome.removed == ["vo-2"])
    #expect(after.ids(outcome.touched) == ["div-a", "div-b", "e-2", "e-3", "vo-2a", "vo-2b"])
    #expect(applied.result.createdBy == [9: 1, 10: 1])
    #expect(applied.result.baseIndex == [0, 1, 2, 4, 5, 6, 7, 8, 9, nil, nil])
    // e-3's 15 people now hang nowhere, outside every unit that counts them.
    #expect(outcome.totalBefore == 100)
    #expect(outcome.totalAfter == 115)
  }

  @Test func assignToAnExistingUnit() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - split: vo-2
          into: [{ id: vo-2, name: VO 2 ny, kind: vo }, { id: vo-2b, name: VO 2b, kind: vo }]
          assign: { e-2: vo-2b, e-3: vo-4 }
      """)
    #expect(applied.diagnostics.isEmpty, "\(lines(applied.diagnostics))")
    #expect(applied.after.parentID(of: "e-2") == "vo-2b")
    #expect(applied.after.parentID(of: "e-3") == "vo-4")
    // The source's id is free for one of the new units, which relations then name.
    #expect(try applied.after.unit("vo-2").name == "VO 2 ny")
    #expect(applied.after.targets(of: "vo-4", "beställare") == ["vo-1", "vo-2"])
  }

  @Test func theRootCannotBeSplit() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - split: region
          into: [{ id: r1, name: R1, kind: region }, { id: r2, name: R2, kind: region }]
      """)
    #expect(lines(applied.diagnostics) == ["p.yaml:3:12 #1: the root 'region' cannot be split [invalid-change]"])
    #expect(!applied.outcomes[0].applied)
    #expect(applied.after.ids == applied.before.ids)
  }

  @Test func assignNamingANonChildPointsAtTheChild() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - split: vo-2
          into: [{ id: vo-2a, name: A, kind: vo }, { id: vo-2b, name: B, kind: vo }]
          assign: { e-2: vo-2a, e-1: vo-2b }
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:5:27 #1: 'e-1' is not a child of the units this change replaces [invalid-change]"
      ])
    #expect(applied.diagnostics[0].change == 1)
    #expect(applied.after.ids == applied.before.ids)
  }

  @Test func intoIDsAlreadyUsed() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - split: vo-2
          into: [{ id: vo-2a, name: A, kind: vo }, { id: vo-3, name: B, kind: vo }, { id: vo-2a, name: C, kind: vo }]
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:4:46 #1: id 'vo-3' is already used by a unit [invalid-change]",
        "p.yaml:4:79 #1: 'vo-2a' is named twice in 'into' [invalid-change]",
      ])
    #expect(applied.after.ids == applied.before.ids)
  }

  @Test func anUnknownSourceIsNotApplied() throws {
    let applied = try apply(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - split: vo-9
          into: [{ id: a, name: A, kind: vo }, { id: b, name: B, kind: vo }]
      """)
    #expect(
      lines(applied.diagnostics) == [
        "p.yaml:3:12 #1: split 'vo-9' names no unit; did you mean 'vo-1'? [unknown-reference]"
      ]
    )
    #expect(applied.after.unit(withID: "a") == nil)
  }
}
