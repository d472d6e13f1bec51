import OrgDiagnostics
import OrgModel
import OrgProposal
import Testing

@Suite struct ProposalReaderTests {
  @Test func theContractExampleReadsCompletely() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      orglint: 1
      proposal:
        id: rs-1398-2021
        title: VO Service går samman med VO Digitalisering och medicinsk teknik
        base: ../region/
        effective: 2022-01-01
        decision: RS 1398-2021
      changes:
        - merge: [vo-service, vo-dmt]
          into: { id: vo-service-dmt, name: VO Service och DMT, kind: vo }
        - transfer: it-teleservice
          to: regionstyrelsen
          except: [teleservice]
        - dissolve: vo-x
          reassign_to: vo-y
        - split: vo-a
          into: [ {id: vo-a1, name: A1, kind: vo}, {id: vo-a2, name: A2, kind: vo} ]
          assign: { enhet-1: vo-a1, enhet-2: vo-a2 }
        - create: { id: new-unit, name: Ny enhet, kind: enhet, parent: vo-y }
        - rename: vo-y
          name: VO Nytt namn
        - update: vo-y
          set: { headcount: 120 }
          unset: [manager]
      """)
    #expect(diagnostics.isEmpty, "\(lines(diagnostics))")
    #expect(proposal.id == "rs-1398-2021")
    #expect(proposal.title == "VO Service går samman med VO Digitalisering och medicinsk teknik")
    #expect(proposal.base == IDRef("../region/", p(5, 9)))
    #expect(proposal.basePath == "org.yaml")
    #expect(proposal.effective == "2022-01-01")
    #expect(proposal.decision == "RS 1398-2021")
    #expect(proposal.file == "p.yaml")
    #expect(proposal.changes.map(\.kind) == ["merge", "transfer", "dissolve", "split", "create", "rename", "update"])
    #expect(proposal.changes.map(\.index) == Array(1...7))
    #expect(proposal.changes.map(\.location) == [p(9, 5), p(11, 5), p(14, 5), p(16, 5), p(19, 5), p(20, 5), p(22, 5)])
    guard case .merge(let sources, let into, let assign) = proposal.changes[0].operation else {
      Issue.record("not a merge")
      return
    }
    #expect(sources == [IDRef("vo-service", p(9, 13)), IDRef("vo-dmt", p(9, 25))])
    #expect(into.id == "vo-service-dmt" && into.name == "VO Service och DMT" && into.headcount == nil)
    #expect(assign.isEmpty)
    guard case .transfer(let unit, let to, let except) = proposal.changes[1].operation else {
      Issue.record("not a transfer")
      return
    }
    #expect(unit == IDRef("it-teleservice", p(11, 15)))
    #expect(to == IDRef("regionstyrelsen", p(12, 9)))
    #expect(except == [IDRef("teleservice", p(13, 14))])
    guard case .split(_, let parts, let assigned) = proposal.changes[3].operation else {
      Issue.record("not a split")
      return
    }
    #expect(parts.map(\.id) == ["vo-a1", "vo-a2"])
    #expect(assigned.map(\.child.id) == ["enhet-1", "enhet-2"])
    #expect(assigned.map(\.target.id) == ["vo-a1", "vo-a2"])
    #expect(assigned.map(\.child.location) == [p(18, 15), p(18, 31)])
    guard case .update(_, let set, let keys, let unset) = proposal.changes[6].operation else {
      Issue.record("not an update")
      return
    }
    #expect(set.headcount == 120)
    #expect(keys == [.headcount])
    #expect(unset.map(\.key) == [.manager])
    #expect(unset.map(\.location) == [p(24, 13)])
  }

  @Test func aChangeWithNoOperationSuggestsTheKind() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfr: vo-2
          to: div-b
        - to: div-b
          transfr: vo-2
        - reason: no idea
          headcount_delta: 3
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:3:5 #1: change 1 has no operation; did you mean 'transfer'? (one of merge, split, transfer, dissolve, create, rename, update) [invalid-document]",
        "p.yaml:5:5 #2: change 2 has no operation; did you mean 'transfer'? (one of merge, split, transfer, dissolve, create, rename, update) [invalid-document]",
        "p.yaml:7:5 #3: change 3 has no operation (one of merge, split, transfer, dissolve, create, rename, update) [invalid-document]",
      ])
    #expect(proposal.changes.isEmpty)
  }

  @Test func twoOperationsInOneChange() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          dissolve: vo-1
          to: div-b
        - rename: vo-1
          name: Ett
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:3:5 #1: change 1 has 2 operations (transfer, dissolve); write one change for each [invalid-document]"
      ])
    // The other changes keep their place in the numbering.
    #expect(proposal.changes.map(\.index) == [2])
    #expect(proposal.changes.map(\.kind) == ["rename"])
  }

  @Test func unknownKeysInAChange() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
          to: div-b
          excpet: [e-3]
        - dissolve: vo-1
          into: vo-2
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:5:5 #1: unknown key 'excpet' in a transfer change; did you mean 'except'? [invalid-document]",
        "p.yaml:7:5 #2: unknown key 'into' in a dissolve change [invalid-document]",
      ])
    // The change is still read from the keys it knows.
    #expect(proposal.changes.map(\.kind) == ["transfer", "dissolve"])
  }

  @Test func missingRequiredFields() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - transfer: vo-2
        - merge: [vo-1, vo-2]
        - split: vo-2
        - merge: [vo-1]
          into: { id: x, name: X }
        - rename: vo-1
        - update: vo-1
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:3:15 #1: a transfer change needs 'to' [invalid-document]",
        "p.yaml:4:12 #2: a merge change needs 'into' [invalid-document]",
        "p.yaml:5:12 #3: a split change needs 'into' [invalid-document]",
        "p.yaml:7:11 #4: unit 'x' is missing the required key 'kind' [invalid-document]",
        "p.yaml:8:13 #5: a rename needs a new 'name', a new 'id', or both [invalid-document]",
        "p.yaml:9:13 #6: an update needs 'set', 'unset' or both [invalid-document]",
      ])
    #expect(proposal.changes.map(\.index) == [5, 6])
  }

  @Test func aMergeOfOneUnitAndASplitIntoOne() throws {
    let (_, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - merge: [vo-1]
          into: { id: x, name: X, kind: vo }
        - split: vo-1
          into: [{ id: y, name: Y, kind: vo }]
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:3:12 #1: a merge needs at least two units [invalid-document]",
        "p.yaml:6:11 #2: a split needs at least two units in 'into' [invalid-document]",
      ])
  }

  @Test func headcountDeltaNeedsAReason() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      changes:
        - update: vo-1
          set: { headcount: 25 }
          headcount_delta: 5
        - update: vo-2
          set: { headcount: 41 }
          headcount_delta: many
          reason: x
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:5:5 #1: headcount_delta needs a reason: say why the headcount changes [invalid-document]",
        "p.yaml:8:22 #2: headcount_delta must be a whole number, found many [invalid-document]",
      ])
    // A change whose headcount_delta cannot be read is left out (not applied).
    #expect(proposal.changes.map(\.headcountDelta) == [5])
    #expect(proposal.changes.map(\.index) == [1])
  }

  @Test func changesMissing() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      proposal: { id: p, base: org.yaml }
      """)
    #expect(
      lines(diagnostics) == ["p.yaml:1:1: a proposal needs 'changes', the list of what it changes [invalid-document]"])
    #expect(proposal.changes.isEmpty)
  }

  @Test func headerProblems() throws {
    let (proposal, diagnostics) = try readProposal(
      """
      orglint: 2
      proposal: { id: p, titles: T }
      changes: []
      """)
    #expect(
      lines(diagnostics) == [
        "p.yaml:1:10: format version 2 is not supported; this orglint reads version 1 [invalid-document]",
        "p.yaml:2:20: unknown key 'titles' in proposal; did you mean 'title'? [invalid-document]",
        "p.yaml:2:11: a proposal needs 'base', the organisation it changes (a file or directory) [invalid-document]",
      ])
    #expect(proposal.changes.isEmpty)
    #expect(
      ProposalReader.baseReference(in: try YAMLTreeFor("proposal: { base: ../x.yaml }")) == IDRef("../x.yaml", p(1, 19))
    )
    #expect(ProposalReader.baseReference(in: try YAMLTreeFor("proposal: { id: p }")) == nil)
  }
}
