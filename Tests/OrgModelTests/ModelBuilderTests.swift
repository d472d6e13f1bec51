import OrgDiagnostics
import OrgModel
import OrgYAML
import Testing

/// The example of contract section 1.
let contractExample = """
  orglint: 1
  organisation:
    id: region-norrbotten
    name: Region Norrbotten
    as_of: 2020-02-29
    root: regionfullmaktige
  units:
    - id: regionfullmaktige
      name: Regionfullmäktige
      kind: region
      units:
        - id: div-regionservice
          name: Division Regionservice
          kind: division
          headcount: 800
          units:
            - id: hr-service
              name: HR-service
              kind: vo
              roles: [utförare]
              relations:
                beställare: hr
    - id: hr
      name: HR
      kind: funktion
      parent: regionfullmaktige
      roles: [beställare]
  """

@Suite struct ModelBuilderStructureTests {
  @Test func nestedAndFlatForms() throws {
    let (model, diagnostics) = try build(contractExample)
    #expect(diagnostics.isEmpty, "\(lines(diagnostics))")
    #expect(model.files == ["org.yaml"])
    #expect(model.units.map(\.id) == ["regionfullmaktige", "div-regionservice", "hr-service", "hr"])
    #expect(model.units.map(\.name) == ["Regionfullmäktige", "Division Regionservice", "HR-service", "HR"])
    #expect(model.units.map(\.kind) == ["region", "division", "vo", "funktion"])
    #expect(model.units.map { model.location($0.at) } == [at(8, 5), at(12, 9), at(17, 13), at(23, 5)])
    #expect(model.units.allSatisfy { !$0.isIncomplete })

    #expect(model.parentIndex == [nil, 0, 1, 0])
    #expect(model.parentID(of: "div-regionservice") == "regionfullmaktige")
    #expect(model.parentID(of: "hr-service") == "div-regionservice")
    #expect(model.parentID(of: "hr") == "regionfullmaktige")
    #expect(model.childIDs(of: "regionfullmaktige") == ["div-regionservice", "hr"])
    #expect(model.childIDs(of: "div-regionservice") == ["hr-service"])
    #expect(model.childIDs(of: "hr").isEmpty)
    #expect(model.rootID == "regionfullmaktige")

    // A parent implied by nesting points at the parent's mapping; a written one at its value.
    let division = try model.unit("div-regionservice")
    #expect(division.parent?.id == "regionfullmaktige")
    #expect(division.parent.map { model.location($0.at) } == at(8, 5))
    #expect(division.parent?.target == 0)
    #expect(division.headcount == 800)
    let hr = try model.unit("hr")
    #expect(hr.parent.map { model.location($0.at) } == at(26, 13))
    #expect(hr.roles == ["beställare"])

    let service = try model.unit("hr-service")
    #expect(service.roles == ["utförare"])
    #expect(service.relations.count == 1)
    let relation = try #require(service.relation("beställare"))
    #expect(relation.name == "beställare")
    #expect(model.location(relation.at) == at(22, 15))
    #expect(relation.targets.map(\.id) == ["hr"])
    #expect(relation.targets.map(\.target) == [3])
    #expect(relation.targets.map { model.location($0.at) } == [at(22, 27)])
    #expect(service.relation("utförare") == nil)
  }

  @Test func header() throws {
    let (model, diagnostics) = try build(contractExample)
    #expect(diagnostics.isEmpty)
    let header = try #require(model.header)
    #expect(header.id == "region-norrbotten")
    #expect(header.name == "Region Norrbotten")
    #expect(header.asOf == "2020-02-29")
    #expect(model.location(header.at) == at(3, 3))
    #expect(header.root?.id == "regionfullmaktige")
    #expect(header.root?.target == 0)
    #expect(header.root.map { model.location($0.at) } == at(6, 9))
  }

  @Test func headerErrors() throws {
    let (model, diagnostics) = try build(
      """
      organisation:
        id: r
        as_of: 2021-02-29
        as-of: 2021-01-01
        name: R
      """)
    // Keys are checked before values; reports sort diagnostics by location later.
    #expect(
      lines(diagnostics) == [
        "org.yaml:4:3: error: unknown key 'as-of' in organisation; did you mean 'as_of'? [invalid-document]",
        "org.yaml:3:10: error: organisation.as_of must be a date written YYYY-MM-DD, found \"2021-02-29\" [invalid-document]",
      ])
    #expect(model.header?.id == "r")
    #expect(model.header?.name == "R")
    #expect(model.header?.asOf == nil)
    #expect(model.header?.root == nil)
    #expect(model.units.isEmpty)
  }

  @Test func headerThatIsNotAMapping() throws {
    let (model, diagnostics) = try build("organisation: x\nunits: []\n")
    #expect(
      lines(diagnostics) == ["org.yaml:1:15: error: organisation must be a mapping, found x [invalid-document]"])
    #expect(model.header == nil)
  }

  @Test func parentGivenAndEqualToNestingIsAccepted() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: a
          name: A
          kind: k
          units:
            - id: b
              name: B
              kind: k
              parent: a
      """)
    #expect(diagnostics.isEmpty)
    let b = try model.unit("b")
    #expect(model.parentID(of: "b") == "a")
    #expect(b.parent.map { model.location($0.at) } == at(9, 17))
  }

  @Test func parentConflictingWithNestingIsReportedAtTheParentValue() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: a
          name: A
          kind: k
          units:
            - id: b
              name: B
              kind: k
              parent: c
        - id: c
          name: C
          kind: k
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:9:17: error: parent 'c' differs from 'a', the unit this one is nested in [invalid-document]"
      ])
    #expect(model.parentID(of: "b") == "a")  // nesting wins
    #expect(model.childIDs(of: "c").isEmpty)
  }

  @Test func rootIsTheFirstParentlessUnitWithoutAHeader() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - {id: b, name: B, kind: k, parent: a}
        - {id: dangling, name: D, kind: k, parent: nowhere}
        - {id: a, name: A, kind: k}
        - {id: z, name: Z, kind: k}
      """)
    #expect(diagnostics.isEmpty)
    #expect(model.header == nil)
    #expect(model.rootID == "a")
    // A parent that names no unit resolves to nothing but is kept as written.
    let dangling = try model.unit("dangling")
    #expect(dangling.parent?.id == "nowhere")
    #expect(dangling.parent?.target == nil)
    #expect(model.parentIndex[1] == nil)
    #expect(model.parentIndex[0] == 2)
  }

  @Test func rootFromTheHeaderEvenWhenOtherUnitsComeFirst() throws {
    let (model, _) = try build(
      """
      organisation: {id: o, name: O, root: b}
      units:
        - {id: a, name: A, kind: k}
        - {id: b, name: B, kind: k}
      """)
    #expect(model.rootID == "b")
    #expect(model.header?.root?.target == 1)
  }

  @Test func rootNamingNoUnitFallsBackToTheFirstParentlessUnit() throws {
    let (model, diagnostics) = try build(
      """
      organisation: {id: o, name: O, root: missing}
      units:
        - {id: a, name: A, kind: k, parent: b}
        - {id: b, name: B, kind: k}
      """)
    #expect(diagnostics.isEmpty)  // an unknown root is a rule's finding, not the loader's
    #expect(model.header?.root?.id == "missing")
    #expect(model.header?.root?.target == nil)
    #expect(model.rootID == "b")
  }

  @Test func unitWithIDReturnsTheFirstOfDuplicates() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - {id: a, name: First, kind: k}
        - {id: a, name: Second, kind: k}
        - {id: c, name: C, kind: k, parent: a}
      """)
    #expect(diagnostics.isEmpty)  // duplicate ids are the duplicate-id rule's finding
    #expect(model.unit(withID: "a") == 0)
    #expect(try model.unit("a").name == "First")
    #expect(model.parentIndex[2] == 0)
    #expect(Array(model.children(of: 0)) == [2])
    #expect(Array(model.children(of: 1)).isEmpty)
    #expect(model.unit(withID: "nope") == nil)
  }

  @Test func nestedChildrenStayWithTheDuplicateTheyAreWrittenIn() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - { id: d, name: First, kind: division, units: [{ id: a, name: A, kind: vo }] }
        - { id: d, name: Second, kind: division, units: [{ id: b, name: B, kind: vo }] }
        - { id: c, name: C, kind: vo, parent: d }
      """)
    #expect(diagnostics.isEmpty)
    let b = try #require(model.unit(withID: "b"))
    let second = try #require(model.parentIndex[Int(b)])
    #expect(model.units[Int(second)].name == "Second")
    #expect(model.children(of: 0).map { model.units[Int($0)].id } == ["a", "c"])
    #expect(model.children(of: second).map { model.units[Int($0)].id } == ["b"])
  }

  @Test func findingsAboutAUnitsKeysNameTheUnit() throws {
    let (_, diagnostics) = try build(
      """
      units:
        - id: a
          name: A
          kind: region
          headcont: 3
          units:
            - { id: b, name: B, kind: enhet, headcount: "2" }
        - { name: No id, kind: enhet }
      """)
    #expect(diagnostics.map(\.unit) == ["a", "b", nil])
    #expect(diagnostics.map(\.location.line) == [5, 7, 8])
  }

  @Test func childrenAreInModelOrder() throws {
    let (model, _) = try build(
      """
      units:
        - {id: x, name: X, kind: k, parent: top}
        - id: top
          name: Top
          kind: k
          units:
            - {id: nested, name: N, kind: k}
        - {id: y, name: Y, kind: k, parent: top}
      """)
    #expect(model.units.map(\.id) == ["x", "top", "nested", "y"])
    #expect(model.childIDs(of: "top") == ["x", "nested", "y"])
    #expect(model.rootID == "top")
  }
}

@Suite struct ModelBuilderFileTests {
  let one = """
    units:
      - id: child
        name: Child
        kind: enhet
        parent: top
        relations:
          peer: [top, ghost]
      - id: loose
        name: Loose
        kind: enhet
    """
  let two = """
    units:
      - id: top
        name: Top
        kind: region
        relations:
          samverkar: child
    """

  @Test func unitsReferenceUnitsInOtherFiles() throws {
    let (model, diagnostics) = try build([("one.yaml", one), ("two.yaml", two)])
    #expect(diagnostics.isEmpty)
    #expect(model.files == ["one.yaml", "two.yaml"])
    #expect(model.units.map(\.id) == ["child", "loose", "top"])
    #expect(model.parentID(of: "child") == "top")
    #expect(model.childIDs(of: "top") == ["child"])
    let child = try model.unit("child")
    #expect(child.at.file == 0)
    #expect(model.location(child.at) == at(2, 5, file: "one.yaml"))
    #expect(child.parent.map { model.location($0.at) } == at(5, 13, file: "one.yaml"))
    #expect(model.location(try model.unit("top").at) == at(2, 5, file: "two.yaml"))
    let peer = try #require(child.relation("peer"))
    #expect(peer.targets.map(\.id) == ["top", "ghost"])
    #expect(peer.targets.map(\.target) == [2, nil])
    let back = try #require(try model.unit("top").relation("samverkar"))
    #expect(back.targets.map(\.target) == [0])
    #expect(back.targets.map { model.location($0.at) } == [at(6, 18, file: "two.yaml")])
  }

  @Test func fileOrderDecidesTheRoot() throws {
    let (forward, _) = try build([("one.yaml", one), ("two.yaml", two)])
    #expect(forward.rootID == "loose")
    let (backward, diagnostics) = try build([("two.yaml", two), ("one.yaml", one)])
    #expect(diagnostics.isEmpty)
    #expect(backward.files == ["two.yaml", "one.yaml"])
    #expect(backward.units.map(\.id) == ["top", "child", "loose"])
    #expect(backward.rootID == "top")
    #expect(try backward.unit("child").at.file == 1)
    #expect(backward.parentID(of: "child") == "top")
    #expect(try backward.unit("top").relation("samverkar")?.targets.map(\.target) == [1])
  }

  @Test func organisationHeaderTwiceAcrossFiles() throws {
    let (model, diagnostics) = try build([
      ("a.yaml", "organisation:\n  id: r\n  name: R\nunits: []\n"),
      ("b.yaml", "orglint: 1\norganisation:\n  id: r2\n"),
    ])
    #expect(
      lines(diagnostics) == [
        "b.yaml:2:1: error: a model has one 'organisation'; it is already described at a.yaml:2:3 [invalid-document]"
      ])
    #expect(model.header?.id == "r")
    #expect(model.header.map { model.location($0.at) } == at(2, 3, file: "a.yaml"))
  }

  @Test func organisationTwiceInOneFileIsADuplicateKey() throws {
    let (model, diagnostics) = try build("organisation: {id: a}\norganisation: {id: b}\n")
    #expect(
      lines(diagnostics) == [
        "org.yaml:2:1: error: duplicate key 'organisation' in an organisation file (top level) (first given at line 1) [invalid-document]"
      ])
    #expect(model.header?.id == "a")
  }

  @Test func formatVersion() throws {
    let (_, good) = try build("orglint: 1\nunits: []\n")
    #expect(good.isEmpty)
    let (_, two) = try build("orglint: 2\nunits: []\n")
    #expect(
      lines(two) == [
        "org.yaml:1:10: error: format version 2 is not supported; this orglint reads version 1 [invalid-document]"
      ])
    let (_, quoted) = try build("orglint: \"1\"\n")
    #expect(
      lines(quoted) == [
        "org.yaml:1:10: error: orglint (the format version) must be a whole number, found the text \"1\" [invalid-document]"
      ])
  }

  @Test func emptyAndCommentOnlyFilesAddNothing() throws {
    let (model, diagnostics) = try build([
      ("a.yaml", ""), ("b.yaml", "# just a comment\n"), ("c.yaml", "---\n"), ("d.yaml", two),
    ])
    #expect(diagnostics.isEmpty)
    #expect(model.files == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"])
    #expect(model.units.map(\.id) == ["top"])
    #expect(model.location(model.units[0].at) == at(2, 5, file: "d.yaml"))
  }

  @Test func aSecondDocumentIsReportedAndNotRead() throws {
    let (model, diagnostics) = try build(
      "units:\n  - {id: a, name: A, kind: k}\n---\nunits:\n  - {id: b, name: B, kind: k}\n")
    #expect(
      lines(diagnostics) == [
        "org.yaml:4:1: error: an organisation file holds one YAML document; this is a second one [invalid-document]"
      ])
    #expect(model.units.map(\.id) == ["a"])
  }

  @Test func proposalFilesAreDetected() throws {
    func isProposal(_ text: String) throws -> Bool {
      ModelBuilder.isProposal(try YAMLParser.parse(Array(text.utf8), file: "p.yaml"))
    }
    #expect(try isProposal("orglint: 1\nproposal:\n  id: rs-1\n  base: ../region/\nchanges: []\n"))
    #expect(try isProposal("{proposal: x}"))
    #expect(try !isProposal(contractExample))
    #expect(try !isProposal("- proposal\n"))
    #expect(try !isProposal("proposal"))
    #expect(try !isProposal(""))
    #expect(try !isProposal("units: []\n---\nproposal: {}\n"))
    #expect(try !isProposal("units:\n  - proposal: x\n"))
  }
}

@Suite struct ModelBuilderUnitKeyTests {
  @Test func everyUnitKeyIsRead() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: top
          name: Top
          kind: region
        - id: u
          name: Unit U
          kind: vo
          parent: top
          headcount: 120
          direct_headcount: 5
          roles: [utförare, beställare]
          relations:
            beställare: hr
            samverkar: [it, hr]
          attributes:
            budget: 1500000
            site: Luleå
            open: true
            code: "0012"
          manager: Anna Svensson
          formerly: [old-u, older-u]
          description: Does things
          suppress:
            headcount-sum: figures are approximate ("drygt")
        - id: hr
          name: HR
          kind: funktion
          parent: top
      """)
    #expect(diagnostics.isEmpty, "\(lines(diagnostics))")
    let u = try model.unit("u")
    #expect(u.name == "Unit U")
    #expect(u.kind == "vo")
    #expect(model.parentID(of: "u") == "top")
    #expect(u.headcount == 120)
    #expect(u.directHeadcount == 5)
    #expect(u.roles == ["utförare", "beställare"])
    #expect(u.relations.map(\.name) == ["beställare", "samverkar"])
    #expect(u.relations.map { $0.targets.map(\.id) } == [["hr"], ["it", "hr"]])
    #expect(u.relations.map { $0.targets.map(\.target) } == [[2], [nil, 2]])
    #expect(u.relations.map { model.location($0.at) } == [at(13, 7), at(14, 7)])
    #expect(u.relation("samverkar")?.targets.map { model.location($0.at) } == [at(14, 19), at(14, 23)])
    #expect(u.relation("beställare")?.targets.map { model.location($0.at) } == [at(13, 19)])
    #expect(
      u.attributes
        == .map([
          ("budget", .int(1_500_000)), ("site", .string("Luleå")), ("open", .bool(true)), ("code", .string("0012")),
        ]))
    #expect(u.manager == "Anna Svensson")
    #expect(u.formerly == ["old-u", "older-u"])
    #expect(u.description == "Does things")
    #expect(u.suppressions.map(\.rule) == ["headcount-sum"])
    #expect(u.suppressions.map(\.reason) == [#"figures are approximate ("drygt")"#])
    #expect(u.suppressions.map { model.location($0.at) } == [at(24, 7)])
    #expect(!u.isIncomplete)

    #expect(Set(u.keyPositions.keys) == Set(UnitKey.allCases).subtracting([.units]))
    #expect(model.location(u.position(of: .id)) == at(5, 5))
    #expect(model.location(u.position(of: .headcount)) == at(9, 5))
    #expect(model.location(u.position(of: .suppress)) == at(23, 5))
    #expect(model.location(u.position(of: .units)) == model.location(u.at))  // not given: the unit itself

    let top = try model.unit("top")
    #expect(top.headcount == nil)
    #expect(top.directHeadcount == nil)
    #expect(top.roles.isEmpty)
    #expect(top.relations.isEmpty)
    #expect(top.attributes == nil)
    #expect(top.manager == nil)
    #expect(top.description == nil)
    #expect(top.formerly.isEmpty)
    #expect(top.suppressions.isEmpty)
  }

  @Test func suppressionNeedsAReason() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: u
          name: U
          kind: k
          suppress:
            headcount-sum:
            orphan-unit: "  "
            duplicate-id: ok really
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:6:21: error: suppressing 'headcount-sum' needs a reason, e.g. headcount-sum: figures are approximate [invalid-document]",
        "org.yaml:7:20: error: suppressing 'orphan-unit' needs a reason, e.g. orphan-unit: figures are approximate [invalid-document]",
      ])
    let u = try model.unit("u")
    #expect(u.suppressions.map(\.rule) == ["duplicate-id"])
    #expect(u.suppressions.map(\.reason) == ["ok really"])
  }

  @Test func missingRequiredKeys() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - name: Only name
        - id: x
          kind: k
        - {}
        - id: y
          name: Y
          kind: k
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:2:5: error: a unit is missing the required keys 'id', 'kind' [invalid-document]",
        "org.yaml:3:5: error: unit 'x' is missing the required key 'name' [invalid-document]",
        "org.yaml:5:5: error: a unit is missing the required keys 'id', 'name', 'kind' [invalid-document]",
      ])
    #expect(model.units.count == 4)
    #expect(model.units.map(\.isIncomplete) == [true, true, true, false])
    #expect(model.units[1].id == "x")
    #expect(model.units[0].id.hasPrefix("#incomplete@"))
    #expect(model.units[2].id.hasPrefix("#incomplete@"))
    #expect(model.units[0].id != model.units[2].id)
    #expect(model.units.map { model.location($0.at) } == [at(2, 5), at(3, 5), at(5, 5), at(6, 5)])
  }

  @Test func unknownKeysWithSuggestions() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: a
          name: A
          kind: k
          headcont: 3
          colour: red
          parnet: b
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:5:5: error: unknown key 'headcont' in a unit; did you mean 'headcount'? [invalid-document]",
        "org.yaml:6:5: error: unknown key 'colour' in a unit [invalid-document]",
        "org.yaml:7:5: error: unknown key 'parnet' in a unit; did you mean 'parent'? [invalid-document]",
      ])
    let a = try model.unit("a")
    #expect(a.headcount == nil)
    #expect(a.parent == nil)
    #expect(!a.isIncomplete)
  }

  @Test func unknownTopLevelKey() throws {
    let (model, diagnostics) = try build("unit:\n  - {id: a, name: A, kind: k}\n")
    #expect(
      lines(diagnostics) == [
        "org.yaml:1:1: error: unknown key 'unit' in an organisation file (top level); did you mean 'units'? [invalid-document]"
      ])
    #expect(model.units.isEmpty)
  }

  @Test func duplicateKeyInAUnit() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: a
          name: A
          kind: k
          name: B
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:5:5: error: duplicate key 'name' in a unit (first given at line 3) [invalid-document]"
      ])
    #expect(try model.unit("a").name == "A")
  }

  @Test func wrongTypes() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: a
          name: [A]
          kind: k
          headcount: "120"
          direct_headcount: 1.5
          roles: utförare
          relations: [b]
          attributes: x
          units: x
          manager: {m: 1}
          formerly: [old a, old-b]
        - id: b c
          name: B
          kind: k
          headcount: -5
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:3:11: error: name must be text, found a list [invalid-document]",
        "org.yaml:5:16: error: headcount must be a whole number, found the text \"120\" [invalid-document]",
        "org.yaml:6:23: error: direct_headcount must be a whole number, found 1.5 [invalid-document]",
        "org.yaml:7:12: error: roles must be a list, found utförare [invalid-document]",
        "org.yaml:8:16: error: relations must be a mapping, found a list [invalid-document]",
        "org.yaml:9:17: error: attributes must be a mapping, found x [invalid-document]",
        "org.yaml:10:12: error: units must be a list, found x [invalid-document]",
        "org.yaml:11:14: error: manager must be text, found a mapping [invalid-document]",
        "org.yaml:12:16: error: an entry of formerly must be a non-empty id without whitespace, found \"old a\" [invalid-document]",
        "org.yaml:13:9: error: id must be a non-empty id without whitespace, found \"b c\" [invalid-document]",
        "org.yaml:16:16: error: headcount must be at least 0, found -5 [invalid-document]",
      ])
    #expect(model.units.count == 2)
    let a = model.units[0]
    #expect(a.id == "a")
    #expect(a.isIncomplete)  // its name could not be read
    #expect(a.headcount == nil)
    #expect(a.directHeadcount == nil)
    #expect(a.roles.isEmpty)
    #expect(a.relations.isEmpty)
    #expect(a.attributes == nil)
    #expect(a.manager == nil)
    #expect(a.formerly == ["old-b"])
    #expect(model.units[1].isIncomplete)
    #expect(model.units[1].headcount == nil)
  }

  @Test func wrongTypesAtTheTopLevel() throws {
    let (_, list) = try build("- id: a\n")
    #expect(
      lines(list) == [
        "org.yaml:1:1: error: an organisation file (top level) must be a mapping, found a list [invalid-document]"
      ])
    let (_, units) = try build("units: {a: b}\n")
    #expect(lines(units) == ["org.yaml:1:8: error: units must be a list, found a mapping [invalid-document]"])
    let (_, item) = try build("units:\n  - just-text\n")
    #expect(lines(item) == ["org.yaml:2:5: error: a unit must be a mapping, found just-text [invalid-document]"])
  }

  @Test func relationsOneOrManyWithBadEntries() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: a
          name: A
          kind: k
          relations:
            one: b
            many: [b, 'c d', c]
            none: {x: y}
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:7:17: error: an entry of relation 'many' must be a non-empty id without whitespace, found \"c d\" [invalid-document]",
        "org.yaml:8:13: error: relation 'none' must be text, found a mapping [invalid-document]",
      ])
    let a = try model.unit("a")
    #expect(a.relations.map(\.name) == ["one", "many"])
    #expect(a.relations.map { $0.targets.map(\.id) } == [["b"], ["b", "c"]])
  }

  @Test func scalarsAreTextWhereTextIsExpected() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id: no
          name: 2021
          kind: yes
        - id: 0012
          name: N
          kind: true
          parent: no
          roles: [on, 12]
          formerly: [0013, off]
      """)
    #expect(diagnostics.isEmpty, "\(lines(diagnostics))")
    #expect(model.units.map(\.id) == ["no", "0012"])
    #expect(model.units.map(\.name) == ["2021", "N"])
    #expect(model.units.map(\.kind) == ["yes", "true"])
    #expect(model.parentID(of: "0012") == "no")
    #expect(model.unit(withID: "12") == nil)
    #expect(try model.unit("0012").roles == ["on", "12"])
    #expect(try model.unit("0012").formerly == ["0013", "off"])
  }

  @Test func idsAreComparedAfterNormalisation() throws {
    // The id is written decomposed (a + U+0308), the references composed (ä).
    let (model, diagnostics) = try build(
      """
      units:
        - id: a\u{0308}-enhet
          name: Ä
          kind: k
          units:
            - id: nested
              name: N
              kind: k
              parent: \u{E4}-enhet
        - id: child
          name: C
          kind: k
          parent: \u{E4}-enhet
          roles: [utfo\u{0308}rare]
          relations:
            beställare: \u{E4}-enhet
      """)
    #expect(diagnostics.isEmpty, "\(lines(diagnostics))")
    #expect(Array(model.units[0].id.unicodeScalars).count == 8)  // kept decomposed
    #expect(model.unit(withID: "\u{E4}-enhet") == 0)
    #expect(model.parentIndex == [nil, 0, 0])
    #expect(model.childIDs(of: "\u{E4}-enhet") == ["nested", "child"])
    let child = try model.unit("child")
    #expect(child.relation("beställare")?.targets.map(\.target) == [0])
    #expect(child.roles.contains("utf\u{F6}rare"))
  }

  @Test func incompleteUnitsKeepTheirChildren() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - name: Top
          units:
            - id: child
              name: C
              kind: k
              units:
                - id: grandchild
                  name: G
                  kind: k
      """)
    #expect(
      lines(diagnostics) == [
        "org.yaml:2:5: error: a unit is missing the required keys 'id', 'kind' [invalid-document]"
      ])
    #expect(model.units.count == 3)
    #expect(model.units.map(\.isIncomplete) == [true, false, false])
    #expect(model.units[0].id.hasPrefix("#incomplete@"))
    #expect(model.units[0].name == "Top")
    #expect(model.parentIndex == [nil, 0, 1])
    #expect(Array(model.children(of: 0)) == [1])
    #expect(model.childIDs(of: "child") == ["grandchild"])
    #expect(model.root == 0)
  }

  @Test func unitWithAnEmptyIDIsReportedOnceAndKeepsItsChildren() throws {
    let (model, diagnostics) = try build(
      """
      units:
        - id:
          name: Top
          kind: k
          units:
            - {id: child, name: C, kind: k}
      """)
    #expect(lines(diagnostics) == ["org.yaml:2:8: error: id needs a value [invalid-document]"])
    #expect(model.units.map(\.isIncomplete) == [true, false])
    #expect(model.parentIndex == [nil, 0])
  }
}
