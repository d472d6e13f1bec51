import Foundation
import OrgDiagnostics
import OrgSynthetic
import OrgYAML
import Testing

@testable import OrgRules

/// Each construct of the rule language, on small models, with exactly the
/// findings (unit and line) that its semantics imply.
@Suite struct ConstructTests {
  let region = """
    units:
      - id: region
        name: Region
        kind: region
        units:
          - id: div
            name: Division
            kind: division
            headcount: 30
            units:
              - { id: vo-a, name: VO A, kind: vo, headcount: 10, roles: [utförare], relations: { beställare: hr } }
              - { id: vo-b, name: VO B, kind: vo, headcount: 15 }
          - { id: hr, name: HR, kind: funktion, roles: [beställare] }
          - { id: stab, name: Stab, kind: stab }
    """

  func units(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.compactMap(\.unit) }

  @Test func countOfChildrenWithKindAndMinimum() throws {
    let r = try rule(
      ruleWith(
        "count: { of: children, where: { kind: vo }, min: 1 }", select: "select: { kind: [division, stab] }",
        message: "{self.id} has {count}"))
    let result = try findings([r], region)
    #expect(units(result) == ["stab"])
    #expect(result.first?.message == "stab has 0")
    #expect(result.first?.location.line == 14)
  }

  @Test func countMaximumAndOptionReference() throws {
    let r = try rule(
      ruleWith("count: { of: children, max: $most }", message: "{count} > {max}", options: "options: { most: 2 }"))
    let result = try findings([r], region)
    #expect(units(result) == ["region"])
    #expect(result.first?.message == "3 > 2")
  }

  @Test func countOfParentSkipsUnitsWithoutAResolvedParent() throws {
    let r = try rule(
      ruleWith("count: { of: parent, where: { kind: division }, min: 1 }", select: "select: { kind: vo }"))
    let yaml = """
      units:
        - { id: region, name: Region, kind: region }
        - { id: vo-1, name: VO 1, kind: vo, parent: region }
        - { id: vo-2, name: VO 2, kind: vo }
      """
    #expect(units(try findings([r], yaml)) == ["vo-1"])
  }

  @Test func countOfAncestors() throws {
    let r = try rule(ruleWith("count: { of: ancestors, where: { kind: region }, min: 1 }"))
    let yaml = """
      units:
        - { id: region, name: Region, kind: region }
        - { id: a, name: A, kind: enhet, parent: region }
        - { id: b, name: B, kind: enhet, parent: a }
        - { id: c, name: C, kind: enhet, parent: x }
      """
    // region has no parent and c's parent names no unit: both are passed over.
    #expect(units(try findings([r], yaml)) == [])
  }

  @Test func countOfRelationTargetsAndIncoming() throws {
    let targets = try rule(
      ruleWith(
        "count: { relation: beställare, where: { role: beställare }, min: 1 }", select: "select: { role: utförare }"))
    let incoming = try rule(ruleWith("count: { incoming: beställare, min: 1 }", select: "select: { role: beställare }"))
    let yaml = """
      units:
        - { id: region, name: Region, kind: region }
        - { id: hr, name: HR, kind: funktion, parent: region, roles: [beställare] }
        - { id: ekonomi, name: Ekonomi, kind: funktion, parent: region, roles: [beställare] }
        - { id: s1, name: S1, kind: vo, parent: region, roles: [utförare], relations: { beställare: hr } }
        - { id: s2, name: S2, kind: vo, parent: region, roles: [utförare], relations: { beställare: [s1, ghost] } }
      """
    #expect(units(try findings([targets], yaml)) == ["s2"])
    #expect(units(try findings([incoming], yaml)) == ["ekonomi"])
  }

  @Test func sumWhenEveryChildGivesTheKey() throws {
    let r = try rule(
      ruleWith(
        "sum: { of: headcount, over: children, plus: direct_headcount }", select: "select: { has: headcount }",
        message: "{value} vs {expected} ({given}/{total})"))
    let result = try findings([r], region)
    #expect(units(result) == ["div"])
    #expect(result.first?.message == "30 vs 25 (2/2)")
    #expect(result.first?.location.line == 9)  // at the headcount key
  }

  @Test func sumWithDirectHeadcountAndTolerance() throws {
    let exact = try rule(ruleWith("sum: { of: headcount, plus: direct_headcount }"))
    let tolerant = try rule(ruleWith("sum: { of: headcount, tolerance: 5 }"))
    let yaml = """
      units:
        - id: d
          name: D
          kind: division
          headcount: 30
          direct_headcount: 5
          units:
            - { id: a, name: A, kind: vo, headcount: 10 }
            - { id: b, name: B, kind: vo, headcount: 15 }
      """
    #expect(try findings([exact], yaml).isEmpty)
    #expect(try findings([tolerant], yaml).isEmpty)  // 30 vs 25 is within 5
    let strict = try rule(ruleWith("sum: { of: headcount, tolerance: 4 }"))
    #expect(units(try findings([strict], yaml)) == ["d"])
  }

  @Test func sumWhenOnlySomeChildrenGiveTheKeyIsALowerBound() throws {
    let r = try rule(ruleWith("sum: { of: headcount }", message: "{partial}"))
    let above = """
      units:
        - id: d
          name: D
          kind: division
          headcount: 100
          units: [{ id: a, name: A, kind: vo, headcount: 40 }, { id: b, name: B, kind: vo }]
      """
    #expect(try findings([r], above).isEmpty)
    let below = above.replacingOccurrences(of: "headcount: 100", with: "headcount: 39")
    let result = try findings([r], below)
    #expect(units(result) == ["d"])
    #expect(result.first?.message == "true")
  }

  @Test func sumOverAnAttribute() throws {
    let r = try rule(ruleWith("sum: { of: attributes.budget }"))
    let yaml = """
      units:
        - id: d
          name: D
          kind: division
          attributes: { budget: 10 }
          units: [{ id: a, name: A, kind: vo, attributes: { budget: 7 } }]
      """
    #expect(units(try findings([r], yaml)) == ["d"])
  }

  @Test func uniqueWithinModelPointsAtTheRepeatWithTheFirstAsRelated() throws {
    let r = try rule(ruleWith("unique: { key: name }", message: "{value}"))
    let yaml = """
      units:
        - { id: a, name: Same, kind: enhet }
        - { id: b, name: Other, kind: enhet, parent: a }
        - { id: c, name: Same, kind: enhet, parent: a }
      """
    let result = try findings([r], yaml)
    #expect(units(result) == ["c"])
    #expect(result.first?.related.first?.location.line == 2)
    #expect(result.first?.message == "Same")
  }

  /// Repeated ids come from the model's id index, not from hashing them
  /// again; with a selector, the first selected unit with an id is the one
  /// the others repeat, even when the model's first is not selected.
  @Test func uniqueIDsAmongSelectedUnitsRepeatTheFirstSelected() throws {
    let r = try rule(
      ruleWith("unique: { key: id }", select: "select: { kind: vo }", message: "{value} after {first.name}"))
    let yaml = """
      units:
        - { id: a, name: A1, kind: division }
        - { id: a, name: A2, kind: vo }
        - { id: b, name: B1, kind: vo }
        - { id: a, name: A3, kind: vo }
        - { id: b, name: B2, kind: vo }
        - { id: a, name: A4, kind: vo }
        - { id: c, name: C1, kind: vo }
      """
    let result = try findings([r], yaml)
    #expect(result.map(\.location.line) == [5, 6, 7])
    #expect(result.map { $0.related.first?.location.line } == [3, 4, 3])
    #expect(result.map(\.message) == ["a after A2", "b after B1", "a after A2"])
  }

  /// The same repeats, lines and related lines as the general way, which
  /// hashes each selected value: here an attribute that copies the id.
  @Test func repeatedIDsAgreeWithRepeatedValuesOfAnyOtherKey() throws {
    var generator = SplitMix64(seed: 11)
    func random(_ count: Int) -> Int { generator.next(below: count) }
    var yaml = "units:\n"
    for _ in 0..<300 {
      let id = "u\(random(60))"
      yaml += "  - { id: \(id), name: N, kind: \(random(3) == 0 ? "enhet" : "vo"), attributes: { code: \(id) } }\n"
    }
    func repeats(_ key: String) throws -> [[Int?]] {
      let r = try rule(ruleWith("unique: { key: \(key) }", select: "select: { kind: vo }"))
      return try findings([r], yaml).map { [$0.location.line, $0.related.first?.location.line] }
    }
    let byID = try repeats("id")
    #expect(byID.count > 100)
    #expect(byID == (try repeats("attributes.code")))
  }

  @Test func uniqueAmongSiblingsIgnoringCase() throws {
    let r = try rule(ruleWith("unique: { key: name, within: siblings, ignore_case: true }"))
    let yaml = """
      units:
        - { id: root, name: Root, kind: region }
        - { id: d1, name: D1, kind: division, parent: root }
        - { id: d2, name: D2, kind: division, parent: root }
        - { id: a, name: VO omvårdnad, kind: vo, parent: d1 }
        - { id: b, name: VO omvårdnad, kind: vo, parent: d2 }
        - { id: c, name: vo OMVÅRDNAD, kind: vo, parent: d2 }
      """
    #expect(units(try findings([r], yaml)) == ["c"])
  }

  @Test func similarNamesAmongSiblings() throws {
    let r = try rule(ruleWith("similar: { key: name, within: siblings, threshold: 0.85 }", message: "{similarity}"))
    let yaml = """
      units:
        - { id: rs, name: Regionservice, kind: division }
        - { id: a, name: Inköps- och försäljningsservice, kind: vo, parent: rs }
        - { id: b, name: Inköp- och försörjningsservice, kind: vo, parent: rs }
        - { id: c, name: HR-service, kind: vo, parent: rs }
        - { id: d, name: FM-service, kind: vo, parent: rs }
        - { id: e, name: Länssjukvård 1, kind: vo, parent: rs }
        - { id: f, name: Länssjukvård 2, kind: vo, parent: rs }
      """
    let result = try findings([r], yaml)
    #expect(units(result) == ["b"])
    #expect(result.first?.message == "90")
  }

  @Test func similarNamesInALargeSiblingGroupStayLinear() throws {
    let r = try rule(ruleWith("similar: { key: name, within: siblings }"))
    var yaml = "units:\n  - { id: root, name: Root, kind: region }\n"
    for i in 0..<2000 {
      yaml += "  - { id: u\(i), name: Unit number \(String(i, radix: 26)) alpha, kind: enhet, parent: root }\n"
    }
    yaml += "  - { id: twin, name: Unit number 0 alphx, kind: enhet, parent: root }\n"
    let result = try findings([r], yaml)
    #expect(units(result).contains("twin"))
  }

  /// The check against the plainest reading of its rule, over whole
  /// strings (`lowercased()`, the edit distance of two strings), on random
  /// sibling groups of names with capitals, Swedish letters, digits and
  /// near-repeats.
  @Test func similarNamesAgreeWithAPlainPairwiseComparison() throws {
    let threshold = 0.8
    let r = try rule(
      ruleWith("similar: { key: name, within: siblings, threshold: \(threshold) }", message: "{similarity}"))
    var generator = SplitMix64(seed: 5)
    let stems = [
      "Ekonomi", "ÖVERGRIPANDE stab", "Åtgärd Ärende", "Vård och omsorg", "Länssjukvård 1", "Länssjukvård 2",
      "Sektion 12", "Sektion 3", "HR-service",
    ]
    let letters = Array("aeÄöÅOxz 1")
    var yaml = "units:\n  - { id: root, name: Root, kind: region }\n"
    var line = 2
    var expected: [(line: Int, finding: [String])] = []
    for group in 0..<60 {
      yaml += "  - { id: p\(group), name: P, kind: division, parent: root }\n"
      line += 1
      var members: [(id: String, name: String, line: Int)] = []
      for member in 0..<(2 + generator.next(below: 10)) {
        var name = Array(stems[generator.next(below: stems.count)])
        for _ in 0..<generator.next(below: 3) {
          name[generator.next(below: name.count)] = letters[generator.next(below: letters.count)]
        }
        line += 1
        members.append(("p\(group)-\(member)", String(name), line))
        yaml += "  - { id: p\(group)-\(member), name: \"\(String(name))\", kind: vo, parent: p\(group) }\n"
      }
      var reported = Set<Int>()
      for i in members.indices {
        for j in (i + 1)..<members.count {
          let (a, b) = (members[i].name.lowercased(), members[j].name.lowercased())
          let longer = max(a.unicodeScalars.count, b.unicodeScalars.count)
          let allowed = Int((1 - threshold) * Double(longer))
          let distance = editDistance(a, b, limit: allowed)
          guard a.unicodeScalars.elementsEqual(b.unicodeScalars) == false,
            !a.unicodeScalars.filter { !SimilarCheck.isDigit($0) }.elementsEqual(
              b.unicodeScalars.filter { !SimilarCheck.isDigit($0) }),
            distance <= allowed, reported.insert(j).inserted
          else { continue }
          let similarity = Int(((1 - Double(distance) / Double(longer)) * 100).rounded())
          expected.append((members[j].line, [members[j].id, "\(members[i].line)", "\(similarity)"]))
        }
      }
    }
    let result = try findings([r], yaml).map { [$0.unit ?? "", "\($0.related.first?.location.line ?? 0)", $0.message] }
    #expect(expected.count > 20)
    #expect(result == expected.sorted { $0.line < $1.line }.map(\.finding))
  }

  @Test func acyclicReportsEveryUnitOnTheLoopButNotBelowIt() throws {
    let r = try rule(ruleWith("acyclic: parent", message: "{cycle}"))
    let yaml = """
      units:
        - { id: root, name: Root, kind: region }
        - { id: a, name: A, kind: enhet, parent: c }
        - { id: b, name: B, kind: enhet, parent: a }
        - { id: c, name: C, kind: enhet, parent: b }
        - { id: below, name: Below, kind: enhet, parent: a }
      """
    let result = try findings([r], yaml)
    #expect(Set(units(result)) == ["a", "b", "c"])
    #expect(result.allSatisfy { $0.message.contains("→") })
  }

  @Test func acyclicHandlesALongLoopInLinearTime() throws {
    let r = try rule(ruleWith("acyclic: parent", message: "{length}"))
    let count = 20_000
    var yaml = "units:\n  - { id: root, name: Root, kind: region }\n"
    for i in 0..<count { yaml += "  - { id: u\(i), name: U, kind: enhet, parent: u\((i + 1) % count) }\n" }
    let result = try findings([r], yaml)
    #expect(result.count == count)
    #expect(result.first?.message == "\(count)")
  }

  @Test func acyclicOverARelation() throws {
    let r = try rule(ruleWith("acyclic: { relation: beställare }"))
    let yaml = """
      units:
        - { id: root, name: Root, kind: region }
        - { id: a, name: A, kind: enhet, parent: root, relations: { beställare: [b, c] } }
        - { id: b, name: B, kind: enhet, parent: root, relations: { beställare: a } }
        - { id: c, name: C, kind: enhet, parent: root }
      """
    #expect(Set(units(try findings([r], yaml))) == ["a", "b"])
  }

  @Test func reachesRootReportsOnlyTheTopOfALooseBranch() throws {
    let r = try rule(ruleWith("reaches_root: true"))
    let yaml = """
      units:
        - { id: root, name: Root, kind: region }
        - { id: loose, name: Loose, kind: enhet }
        - { id: under-loose, name: Under, kind: enhet, parent: loose }
        - { id: typo, name: Typo, kind: enhet, parent: rot }
      """
    #expect(units(try findings([r], yaml)) == ["loose"])
  }

  @Test func referencesAreReportedWhereWrittenWithAHint() throws {
    let r = try rule(
      ruleWith("references: { parent: true, relations: true, root: true }", message: "{what} {id}{hint}"))
    let yaml = """
      organisation: { root: styrelse }
      units:
        - { id: styrelsen, name: Styrelsen, kind: nämnd }
        - { id: a, name: A, kind: enhet, parent: styrelsen, relations: { beställare: [styrelsen, styrelsn] } }
        - { id: b, name: B, kind: enhet, parent: ghost }
      """
    let result = try findings([r], yaml)
    #expect(
      result.map(\.message) == [
        "organisation.root styrelse; did you mean 'styrelsen'?",
        "relation 'beställare' styrelsn; did you mean 'styrelsen'?",
        "parent ghost",
      ])
    #expect(result.map(\.location.line) == [1, 4, 5])
    #expect(result[1].location.column == 92)
    #expect(result[0].unit == nil)
  }

  @Test func valueConstraints() throws {
    let pattern = try rule(ruleWith("value: { key: id, pattern: '^[a-z0-9-]+$' }", message: "{value} {problem}"))
    let allowed = try rule(ruleWith("value: { key: kind, in: [region, division, vo] }"))
    let range = try rule(ruleWith("value: { key: headcount, min: 1, max: 5000 }"))
    let required = try rule(ruleWith("value: { key: manager, required: true }", select: "select: { kind: division }"))
    let roles = try rule(ruleWith("value: { key: roles, in: [beställare, utförare] }"))
    let yaml = """
      units:
        - { id: Region_1, name: R, kind: region, headcount: 0 }
        - { id: d, name: D, kind: division, parent: Region_1, headcount: 6000 }
        - { id: e, name: E, kind: enhet, parent: d, roles: [utförare, kund] }
        - { id: v, name: V, kind: vo, parent: d, manager: Anna, headcount: 10 }
      """
    #expect(try findings([pattern], yaml).map(\.message) == ["Region_1 does not match ^[a-z0-9-]+$"])
    #expect(units(try findings([allowed], yaml)) == ["e"])
    #expect(units(try findings([range], yaml)) == ["Region_1", "d"])
    #expect(units(try findings([required], yaml)) == ["d"])
    #expect(units(try findings([roles], yaml)) == ["e"])
  }

  @Test func expressionConstruct() throws {
    let r = try rule(ruleWith("expr: \"children.all(c, c.kind == 'vo')\"", select: "select: { kind: division }"))
    let ok = try findings([r], region)
    #expect(ok.isEmpty)
    let bad = region.replacingOccurrences(
      of: "{ id: vo-b, name: VO B, kind: vo", with: "{ id: vo-b, name: VO B, kind: enhet")
    #expect(units(try findings([r], bad)) == ["div"])
  }

  @Test func selectorByRoleHasLacksAndWhere() throws {
    let r = try rule(
      ruleWith(
        "expr: 'false'",
        select: "select: { role: utförare, has: headcount, lacks: manager, where: 'self.headcount > 5' }"))
    #expect(units(try findings([r], region)) == ["vo-a"])
  }

  @Test func firstFailingCheckSpeaksForAUnit() throws {
    let r = try rule(
      """
      id: two
      title: Two checks
      message: "first"
      check:
        - expr: "self.kind != 'vo'"
        - expr: "self.kind == 'region'"
          message: "second"
      """)
    let result = try findings([r], region)
    #expect(result.first { $0.unit == "vo-a" }?.message == "first")
    #expect(result.filter { $0.unit == "vo-a" }.count == 1)
    #expect(result.first { $0.unit == "div" }?.message == "second")
  }

  @Test func atPointsTheFindingAtAKey() throws {
    let r = try rule(ruleWith("expr: 'false'", select: "select: { kind: division }") + "\nat: headcount")
    #expect(try findings([r], region).first?.location.line == 9)
  }

  @Test func incompleteUnitsArePassedOver() throws {
    let r = try rule(ruleWith("expr: 'false'"))
    let (m, loader) = try model("units:\n  - { id: a, name: A }\n  - { id: b, name: B, kind: enhet, parent: a }\n")
    #expect(loader.count == 1)
    let result = try Engine.run([r], on: m, knownRuleIDs: [r.id])
    #expect(units(result) == ["b"])
  }
}
