import OrgDiagnostics
import OrgModel
import OrgYAML
import Testing

@testable import OrgRules

/// The CEL subset: parsing, checking when compiled, evaluation, safety.
@Suite struct ExpressionTests {
  let org = """
    units:
      - id: region
        name: Region
        kind: region
        attributes: { ort: Luleå, budget: 12 }
        units:
          - id: div
            name: Division Nära
            kind: division
            headcount: 30
            units:
              - { id: a, name: VO A, kind: vo, headcount: 10, roles: [utförare], relations: { beställare: hr } }
              - { id: b, name: VO B, kind: vo, headcount: 20 }
          - { id: hr, name: HR, kind: funktion, roles: [beställare] }
    """

  /// Evaluates `expression` on the unit `id` and renders the result.
  func evaluate(_ expression: String, on id: String = "div") throws -> String {
    let (m, _) = try model(org)
    let context = ModelContext(m)
    let compiled = try CompiledExpression(
      expression, at: Location(file: "x", line: 1, column: 1), quoted: false, scope: RuleCompiler.baseScope)
    let evaluation = Evaluation(context: context, options: .map([("limit", .int(3))]), costLimit: 10_000)
    let unit = try #require(m.unit(withID: id))
    let value = try evaluation.value(compiled, unit: unit)
    switch value {
    case .string(let text): return "'\(text)'"
    case .list(let items): return "[" + items.map { $0.rendered(in: m) }.joined(separator: ", ") + "]"
    default: return value.rendered(in: m)
    }
  }

  func compileError(_ expression: String) -> RuleError? {
    do {
      _ = try CompiledExpression(
        expression, at: Location(file: "rule.yaml", line: 4, column: 10), quoted: true, scope: RuleCompiler.baseScope)
      return nil
    } catch {
      return error
    }
  }

  @Test func arithmeticComparisonAndLogic() throws {
    #expect(try evaluate("1 + 2 * 3") == "7")
    #expect(try evaluate("(1 + 2) * 3") == "9")
    #expect(try evaluate("7 / 2") == "3")
    #expect(try evaluate("7 % 4") == "3")
    #expect(try evaluate("1.5 * 2") == "3")
    #expect(try evaluate("-self.headcount") == "-30")
    #expect(try evaluate("self.headcount > 10 && !(self.kind == 'vo')") == "true")
    #expect(try evaluate("false || 2 >= 2") == "true")
    #expect(try evaluate("self.headcount == 30 ? 'yes' : 'no'") == "'yes'")
    #expect(try evaluate("'a' + \"b\"") == "'ab'")
    #expect(try evaluate("1 == 1.0") == "true")
  }

  @Test func whitespaceAndNamesBeyondASCII() throws {
    // Tabs, line breaks and a no-break space separate tokens, as spaces do.
    #expect(try evaluate("1\t+\n2\r\n*\u{0B}3\u{0C}") == "7")
    #expect(try evaluate("1\u{00A0}+ 2") == "3")
    #expect(try evaluate("[1, 2].map(värde, värde * 2)") == "[2, 4]")
    #expect(try evaluate("[1].map(_x9, _x9 + 1)") == "[2]")
    #expect(try evaluate("'Nära ' + 'Luleå'") == "'Nära Luleå'")
    #expect(try evaluate("'a' != 'b' && 2 <= 3") == "true")
    // A control character or a symbol outside the language is refused, not skipped.
    #expect(compileError("1 \u{1F} 2") != nil)
    #expect(compileError("1 § 2") != nil)
  }

  @Test func unitFieldsAndNavigation() throws {
    #expect(try evaluate("self.name") == "'Division Nära'")
    #expect(try evaluate("parent.id") == "'region'")
    #expect(try evaluate("self.parent.attributes.ort") == "'Luleå'")
    #expect(try evaluate("children.map(c, c.id)") == "[a, b]")
    #expect(try evaluate("size(children)") == "2")
    #expect(try evaluate("self.ancestors.map(u, u.id)", on: "a") == "[div, region]")
    #expect(try evaluate("self.depth", on: "a") == "2")
    #expect(try evaluate("self.is_root", on: "region") == "true")
    #expect(try evaluate("self.parent_id", on: "a") == "'div'")
    #expect(try evaluate("self.headcount", on: "hr") == "null")
    #expect(try evaluate("has(self.headcount)", on: "hr") == "false")
    #expect(try evaluate("has(self.attributes.ort)", on: "region") == "true")
    #expect(try evaluate("'utförare' in self.roles", on: "a") == "true")
    #expect(try evaluate("size(relations['beställare'])", on: "a") == "1")
    #expect(try evaluate("size(relations['beställare'])", on: "b") == "0")
    #expect(try evaluate("self.targets('beställare').map(u, u.name)", on: "a") == "[HR]")
    #expect(try evaluate("self.incoming('beställare').map(u, u.id)", on: "hr") == "[a]")
    #expect(try evaluate("unit('hr').kind") == "'funktion'")
    #expect(try evaluate("unit('nobody') == null") == "true")
    #expect(try evaluate("options.limit") == "3")
  }

  @Test func macrosAndFunctions() throws {
    #expect(try evaluate("children.all(c, c.kind == 'vo')") == "true")
    #expect(try evaluate("children.exists(c, c.headcount > 15)") == "true")
    #expect(try evaluate("children.exists_one(c, c.headcount > 5)") == "false")
    #expect(try evaluate("children.filter(c, c.headcount > 15).map(c, c.id)") == "[b]")
    #expect(try evaluate("sum(children.map(c, c.headcount))") == "30")
    #expect(try evaluate("self.name.startsWith('Division')") == "true")
    #expect(try evaluate("self.name.endsWith('Nära')") == "true")
    #expect(try evaluate("self.name.contains('ion N')") == "true")
    #expect(try evaluate("self.name.matches('^Div.*ra$')") == "true")
    #expect(try evaluate("lower(self.name)") == "'division nära'")
    #expect(try evaluate("self.name.upper()") == "'DIVISION NÄRA'")
    #expect(try evaluate("int('42') + 1") == "43")
    #expect(try evaluate("string(12) + 'x'") == "'12x'")
    #expect(try evaluate("size('Nära')") == "4")
    #expect(try evaluate("[1, 2, 3][1]") == "2")
    #expect(try evaluate("2 in [1, 2]") == "true")
  }

  @Test func compileErrorsAreLocatedInTheRuleFile() throws {
    let unknownName = try #require(compileError("selff.name == 'x'"))
    #expect(unknownName.message.contains("unknown name 'selff'; did you mean 'self'?"))
    #expect(unknownName.location == Location(file: "rule.yaml", line: 4, column: 11))

    let unknownMember = try #require(compileError("self.headcont > 1"))
    #expect(unknownMember.message.contains("a unit has no field 'headcont'; did you mean 'headcount'?"))
    #expect(unknownMember.location.column == 16)  // at the misspelled name

    let unknownFunction = try #require(compileError("sise(children) > 1"))
    #expect(unknownFunction.message.contains("unknown function 'sise'; did you mean 'size'?"))

    let arity = try #require(compileError("size(children, 2)"))
    #expect(arity.message.contains("size() takes 1 argument, given 2"))

    let syntax = try #require(compileError("self.headcount >"))
    #expect(syntax.message.contains("expected a value"))
    #expect(syntax.location.column == 11 + 16)

    #expect(compileError("'unterminated")?.message.contains("unterminated string") == true)
    #expect(compileError("self.name = 'x'")?.message.contains("unexpected character '='") == true)
    #expect(compileError("has(self)")?.message.contains("has() takes a field") == true)
    #expect(compileError("children.all(1, true)")?.message.contains("needs a variable name") == true)
    #expect(compileError("children.all(c, c.nme == 'x')")?.message.contains("no field 'nme'") == true)
  }

  @Test func runtimeErrorsStopWithTheExpressionsLocationAndTheUnit() throws {
    let r = try rule(ruleWith("expr: \"self.headcount > 10\""))
    let (m, _) = try model(org)
    #expect {
      _ = try Engine.run([r], on: m, knownRuleIDs: [r.id])
    } throws: { error in
      guard let failure = error as? EvaluationFailure else { return false }
      return failure.message.contains("cannot apply '>' to null and int")
        && failure.message.contains("on unit 'region'") && failure.location.file == "rule.yaml"
        && failure.location.line == 7 && failure.location.column == 25
    }
  }

  @Test func expressionsCannotRunAway() throws {
    var yaml = "units:\n  - { id: root, name: Root, kind: region }\n"
    for i in 0..<300 { yaml += "  - { id: u\(i), name: U, kind: enhet, parent: root }\n" }
    let (m, _) = try model(yaml)
    let quadratic = try rule(
      ruleWith("expr: \"children.all(a, children.all(b, b.kind == 'enhet'))\"", select: "select: { kind: region }"))
    #expect {
      _ = try Engine.run([quadratic], on: m, settings: Engine.Settings(costLimit: 5_000), knownRuleIDs: [quadratic.id])
    } throws: { error in
      (error as? EvaluationFailure)?.message.contains("needs more than 5000 steps") == true
    }
    // The same rule within a generous budget completes.
    #expect(
      try Engine.run([quadratic], on: m, settings: Engine.Settings(costLimit: 10_000_000), knownRuleIDs: [quadratic.id])
        .isEmpty)
  }

  @Test func divisionByZeroIsAnError() throws {
    #expect(throws: EvaluationFailure.self) { try evaluate("1 / (self.headcount - 30)") }
  }
}
