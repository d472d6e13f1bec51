import OrgDiagnostics
import OrgYAML
import Testing

/// A reader over YAML text parsed as `t.yaml`.
func reader(_ yaml: String, aliasExpansionLimit: Int? = nil) throws -> TreeReader {
  TreeReader(tree: try parse(yaml), aliasExpansionLimit: aliasExpansionLimit)
}

@Suite struct TreeReaderFieldsTests {
  @Test func fieldsOfAMapping() throws {
    var r = try reader("a: 1\nb: [x]\n")
    let fieldsRead = r.fields(of: r.tree.documents[0], "the file", allowed: ["a", "b"])
    let fields = try #require(fieldsRead)
    #expect(fields.map(\.key) == ["a", "b"])
    #expect(fields.map { r.tree.location($0.keyNode) } == [at(1, 1), at(2, 1)])
    #expect(fields.map { r.tree.location($0.value) } == [at(1, 4), at(2, 4)])
    #expect(r.diagnostics.isEmpty)
  }

  @Test func fieldsOfANonMapping() throws {
    var r = try reader("list: [a]\ntext: hello\nquoted: 'x'\nempty:\nnumber: 12\n")
    for key in ["list", "text", "quoted", "empty", "number"] {
      #expect(try r.fields(of: r.tree.top(key), key) == nil)
    }
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:1:7: error: list must be a mapping, found a list [invalid-document]",
        "t.yaml:2:7: error: text must be a mapping, found hello [invalid-document]",
        "t.yaml:3:9: error: quoted must be a mapping, found the text \"x\" [invalid-document]",
        "t.yaml:4:7: error: empty must be a mapping, found nothing [invalid-document]",
        "t.yaml:5:9: error: number must be a mapping, found 12 [invalid-document]",
      ])
  }

  @Test func nonScalarKeyIsReportedAndSkipped() throws {
    var r = try reader("{[a]: 1, c: 2, {k: v}: 3}")
    let fieldsRead = r.fields(of: r.tree.documents[0], "the thing")
    let fields = try #require(fieldsRead)
    #expect(fields.map(\.key) == ["c"])
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:1:2: error: a key of the thing must be text, found a list [invalid-document]",
        "t.yaml:1:16: error: a key of the thing must be text, found a mapping [invalid-document]",
      ])
  }

  @Test func duplicateKeyNamesTheLineOfTheFirst() throws {
    var r = try reader("a: 1\nb: 2\n\"a\": 3\n")
    let fieldsRead = r.fields(of: r.tree.documents[0], "a unit", allowed: ["a", "b"])
    let fields = try #require(fieldsRead)
    #expect(fields.map(\.key) == ["a", "b"])
    #expect(r.tree.text(fields[0].value) == "1")  // the first one is kept
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:3:1: error: duplicate key 'a' in a unit (first given at line 1) [invalid-document]"
      ])
  }

  @Test func keysEqualAfterNormalisationAreDuplicates() throws {
    var r = try reader("\u{E4}: 1\na\u{0308}: 2\n")
    let fieldsRead = r.fields(of: r.tree.documents[0], "m")
    let fields = try #require(fieldsRead)
    #expect(fields.count == 1)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:1: error: duplicate key 'a\u{0308}' in m (first given at line 1) [invalid-document]"
      ])
  }

  @Test func unknownKeysWithAndWithoutSuggestion() throws {
    var r = try reader("nam: x\nheadcont: 3\nzzz: 1\nkind: k\n")
    let fieldsRead = r.fields(of: r.tree.documents[0], "a unit", allowed: ["name", "kind", "headcount"])
    let fields = try #require(fieldsRead)
    #expect(fields.map(\.key) == ["kind"])
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:1:1: error: unknown key 'nam' in a unit; did you mean 'name'? [invalid-document]",
        "t.yaml:2:1: error: unknown key 'headcont' in a unit; did you mean 'headcount'? [invalid-document]",
        "t.yaml:3:1: error: unknown key 'zzz' in a unit [invalid-document]",
      ])
  }

  @Test func collectionTags() throws {
    var r = try reader("a: !!map {x: 1}\nb: !include {x: 1}\nc: !!seq [1]\nd: !custom [1]\ne: !!seq {x: 1}\n")
    #expect(try r.fields(of: r.tree.top("a"), "a")?.map(\.key) == ["x"])
    #expect(try r.fields(of: r.tree.top("b"), "b") == nil)
    #expect(try r.list(r.tree.top("c"), "c")?.count == 1)
    #expect(try r.list(r.tree.top("d"), "d") == nil)
    #expect(try r.fields(of: r.tree.top("e"), "e") == nil)
    #expect(try r.data(r.tree.top("d"), "d") == nil)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:4: error: tag !include is not supported for b [invalid-document]",
        "t.yaml:4:4: error: tag !custom is not supported for d [invalid-document]",
        "t.yaml:5:4: error: tag tag:yaml.org,2002:seq is not supported for e [invalid-document]",
        "t.yaml:4:4: error: tag !custom is not supported for d [invalid-document]",
      ])
  }

  @Test func withoutAllowedListAnyKeyIsAccepted() throws {
    var r = try reader("whatever: 1\nelse: 2\n")
    #expect(r.fields(of: r.tree.documents[0], "m")?.map(\.key) == ["whatever", "else"])
    #expect(r.diagnostics.isEmpty)
  }

  @Test func fieldsFollowAnAlias() throws {
    var r = try reader("base: &b {x: 1, y: 2}\nuse: *b\n")
    let fieldsRead = try r.fields(of: r.tree.top("use"), "use")
    let fields = try #require(fieldsRead)
    #expect(fields.map(\.key) == ["x", "y"])
    #expect(fields.map { r.tree.location($0.keyNode) } == [at(1, 11), at(1, 17)])
    #expect(r.diagnostics.isEmpty)
  }
}

@Suite struct TreeReaderScalarTests {
  @Test func text() throws {
    var r = try reader("a: hello\nb:\nc: ''\nd: [x]\ne: 12\nf: !!int 3\ng: !!str 12\nh: no\n")
    #expect(try r.text(r.tree.top("a"), "a") == "hello")
    #expect(try r.text(r.tree.top("b"), "b") == nil)
    #expect(try r.text(r.tree.top("c"), "c") == "")  // quoted empty text is a value
    #expect(try r.text(r.tree.top("d"), "d") == nil)
    #expect(try r.text(r.tree.top("e"), "e") == "12")
    #expect(try r.text(r.tree.top("f"), "f") == nil)
    #expect(try r.text(r.tree.top("g"), "g") == "12")
    #expect(try r.text(r.tree.top("h"), "h") == "no")
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:3: error: b needs a value [invalid-document]",
        "t.yaml:4:4: error: d must be text, found a list [invalid-document]",
        "t.yaml:6:4: error: tag tag:yaml.org,2002:int is not supported for f [invalid-document]",
      ])
  }

  @Test func textFollowsAnAlias() throws {
    var r = try reader("a: &x hello\nb: *x\n")
    #expect(try r.text(r.tree.top("b"), "b") == "hello")
    #expect(r.diagnostics.isEmpty)
  }

  @Test func identifier() throws {
    var r = try reader("a: x-1\nb: a b\nc: ''\nd: \"tab\\there\"\ne: 0012\nf: no\ng: hr-ä\nh:\n")
    #expect(try r.identifier(r.tree.top("a"), "a") == "x-1")
    #expect(try r.identifier(r.tree.top("b"), "b") == nil)
    #expect(try r.identifier(r.tree.top("c"), "c") == nil)
    #expect(try r.identifier(r.tree.top("d"), "d") == nil)
    #expect(try r.identifier(r.tree.top("e"), "e") == "0012")
    #expect(try r.identifier(r.tree.top("f"), "f") == "no")
    #expect(try r.identifier(r.tree.top("g"), "g") == "hr-ä")
    #expect(try r.identifier(r.tree.top("h"), "h") == nil)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:4: error: b must be a non-empty id without whitespace, found \"a b\" [invalid-document]",
        "t.yaml:3:4: error: c must be a non-empty id without whitespace, found \"\" [invalid-document]",
        "t.yaml:4:4: error: d must be a non-empty id without whitespace, found \"tab\there\" [invalid-document]",
        "t.yaml:8:3: error: h needs a value [invalid-document]",
      ])
  }

  @Test func wholeNumber() throws {
    var r = try reader(
      """
      a: 12
      b: "12"
      c: 12.5
      d: 0x0C
      e: -3
      f: +7
      g: !!int "42"
      h:
      i: [1]
      j: 99999999999999999999999
      k: 0
      l: !!str 5
      """)
    #expect(try r.wholeNumber(r.tree.top("a"), "a") == 12)
    #expect(try r.wholeNumber(r.tree.top("b"), "b") == nil)
    #expect(try r.wholeNumber(r.tree.top("c"), "c") == nil)
    #expect(try r.wholeNumber(r.tree.top("d"), "d") == nil)
    #expect(try r.wholeNumber(r.tree.top("e"), "e", minimum: 0) == nil)
    #expect(try r.wholeNumber(r.tree.top("e"), "e") == -3)
    #expect(try r.wholeNumber(r.tree.top("f"), "f") == 7)
    #expect(try r.wholeNumber(r.tree.top("g"), "g") == 42)
    #expect(try r.wholeNumber(r.tree.top("h"), "h") == nil)
    #expect(try r.wholeNumber(r.tree.top("i"), "i") == nil)
    #expect(try r.wholeNumber(r.tree.top("j"), "j") == nil)
    #expect(try r.wholeNumber(r.tree.top("k"), "k", minimum: 0) == 0)
    #expect(try r.wholeNumber(r.tree.top("l"), "l") == nil)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:4: error: b must be a whole number, found the text \"12\" [invalid-document]",
        "t.yaml:3:4: error: c must be a whole number, found 12.5 [invalid-document]",
        "t.yaml:4:4: error: d must be a whole number, found 0x0C [invalid-document]",
        "t.yaml:5:4: error: e must be at least 0, found -3 [invalid-document]",
        "t.yaml:8:3: error: h must be a whole number, found nothing [invalid-document]",
        "t.yaml:9:4: error: i must be a whole number, found a list [invalid-document]",
        "t.yaml:10:4: error: j must be a whole number, found 99999999999999999999999 [invalid-document]",
        "t.yaml:12:4: error: tag tag:yaml.org,2002:str is not supported for l [invalid-document]",
      ])
  }

  @Test func number() throws {
    var r = try reader("a: 1.5\nb: 3\nc: x\nd: '2'\ne: 1e999\n")
    #expect(try r.number(r.tree.top("a"), "a") == 1.5)
    #expect(try r.number(r.tree.top("b"), "b") == 3)
    #expect(try r.number(r.tree.top("c"), "c") == nil)
    #expect(try r.number(r.tree.top("d"), "d") == nil)
    #expect(try r.number(r.tree.top("e"), "e") == nil)  // not finite
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:3:4: error: c must be a number, found x [invalid-document]",
        "t.yaml:4:4: error: d must be a number, found the text \"2\" [invalid-document]",
        "t.yaml:5:4: error: e must be a number, found 1e999 [invalid-document]",
      ])
  }

  @Test func date() throws {
    var r = try reader(
      """
      a: 2020-02-29
      b: 2021-02-29
      c: 2000-02-29
      d: 1900-02-29
      e: 2021-13-01
      f: 2021-4-01
      g: "2021-04-01"
      h: 2021-04-31
      i: 2021-12-31
      j: 2021-00-10
      k: 2021-01-00
      """)
    #expect(try r.date(r.tree.top("a"), "a") == "2020-02-29")
    #expect(try r.date(r.tree.top("b"), "b") == nil)
    #expect(try r.date(r.tree.top("c"), "c") == "2000-02-29")
    #expect(try r.date(r.tree.top("d"), "d") == nil)
    #expect(try r.date(r.tree.top("e"), "e") == nil)
    #expect(try r.date(r.tree.top("f"), "f") == nil)
    #expect(try r.date(r.tree.top("g"), "g") == "2021-04-01")
    #expect(try r.date(r.tree.top("h"), "h") == nil)
    #expect(try r.date(r.tree.top("i"), "i") == "2021-12-31")
    #expect(try r.date(r.tree.top("j"), "j") == nil)
    #expect(try r.date(r.tree.top("k"), "k") == nil)
    let message = { (line: Int, key: String, text: String) in
      "t.yaml:\(line):4: error: \(key) must be a date written YYYY-MM-DD, found \"\(text)\" [invalid-document]"
    }
    #expect(
      lines(r.diagnostics) == [
        message(2, "b", "2021-02-29"), message(4, "d", "1900-02-29"), message(5, "e", "2021-13-01"),
        message(6, "f", "2021-4-01"), message(8, "h", "2021-04-31"), message(10, "j", "2021-00-10"),
        message(11, "k", "2021-01-00"),
      ])
  }

  @Test func bool() throws {
    var r = try reader("a: true\nb: false\nc: yes\nd: \"true\"\ne: [true]\n")
    #expect(try r.bool(r.tree.top("a"), "a") == true)
    #expect(try r.bool(r.tree.top("b"), "b") == false)
    #expect(try r.bool(r.tree.top("c"), "c") == nil)
    #expect(try r.bool(r.tree.top("d"), "d") == nil)
    #expect(try r.bool(r.tree.top("e"), "e") == nil)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:3:4: error: c must be true or false, found yes [invalid-document]",
        "t.yaml:4:4: error: d must be true or false, found the text \"true\" [invalid-document]",
        "t.yaml:5:4: error: e must be true or false, found a list [invalid-document]",
      ])
  }
}

@Suite struct TreeReaderCollectionTests {
  @Test func list() throws {
    var r = try reader("a: [x, y]\nb: x\nc:\n  - p\n  - q\n  - r\nd: {k: v}\ne: []\n")
    let aRead = try r.list(r.tree.top("a"), "a")
    let a = try #require(aRead)
    #expect(a.map { r.tree.text($0) } == ["x", "y"])
    #expect(try r.list(r.tree.top("b"), "b") == nil)
    let cRead = try r.list(r.tree.top("c"), "c")
    let c = try #require(cRead)
    #expect(c.map { r.tree.location($0) } == [at(4, 5), at(5, 5), at(6, 5)])
    #expect(try r.list(r.tree.top("d"), "d") == nil)
    #expect(try r.list(r.tree.top("e"), "e")?.isEmpty == true)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:4: error: b must be a list, found x [invalid-document]",
        "t.yaml:7:4: error: d must be a list, found a mapping [invalid-document]",
      ])
  }

  @Test func oneOrManyIdentifiers() throws {
    var r = try reader("a: hr\nb: [hr, it]\nc: {x: y}\nd: [hr, 'a b', [z]]\n")
    let aRead = try r.oneOrMany(r.tree.top("a"), "a", identifiers: true)
    let a = try #require(aRead)
    #expect(a.map(\.0) == ["hr"])
    #expect(a.map { r.tree.location($0.1) } == [at(1, 4)])
    let bRead = try r.oneOrMany(r.tree.top("b"), "b", identifiers: true)
    let b = try #require(bRead)
    #expect(b.map(\.0) == ["hr", "it"])
    #expect(b.map { r.tree.location($0.1) } == [at(2, 5), at(2, 9)])
    #expect(try r.oneOrMany(r.tree.top("c"), "c", identifiers: true) == nil)
    let dRead = try r.oneOrMany(r.tree.top("d"), "d", identifiers: true)
    let d = try #require(dRead)
    #expect(d.map(\.0) == ["hr"])
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:3:4: error: c must be text, found a mapping [invalid-document]",
        "t.yaml:4:9: error: an entry of d must be a non-empty id without whitespace, found \"a b\" [invalid-document]",
        "t.yaml:4:16: error: an entry of d must be text, found a list [invalid-document]",
      ])
  }

  @Test func oneOrManyTextsAllowWhitespace() throws {
    var r = try reader("a: two words\nb: [one, 'two words']\n")
    #expect(try r.oneOrMany(r.tree.top("a"), "a")?.map(\.0) == ["two words"])
    #expect(try r.oneOrMany(r.tree.top("b"), "b")?.map(\.0) == ["one", "two words"])
    #expect(r.diagnostics.isEmpty)
  }

  @Test func textList() throws {
    var r = try reader("a: [x, 'y z', '', {k: v}, 3]\n")
    let itemsRead = try r.textList(r.tree.top("a"), "roles")
    let items = try #require(itemsRead)
    #expect(items.map(\.0) == ["x", "y z", "", "3"])
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:1:19: error: an entry of roles must be text, found a mapping [invalid-document]"
      ])
  }
}

@Suite struct TreeReaderDataTests {
  @Test func dataUsesYAML12CoreTyping() throws {
    var r = try reader(
      """
      a: no
      b: true
      c: 12
      d: "12"
      e: 1.5
      f: ~
      g:
      h: [x, 2]
      i: {k: v}
      j: yes
      k: 0012
      l: !!str 12
      m: False
      n: -4
      o: null
      p: 'true'
      q: 1e3
      r: 0x0C
      s: 2020-02-29
      """)
    let valueRead = r.data(r.tree.documents[0], "attributes")
    let value = try #require(valueRead)
    let expected = DataValue.map([
      ("a", .string("no")), ("b", .bool(true)), ("c", .int(12)), ("d", .string("12")), ("e", .double(1.5)),
      ("f", .null), ("g", .null), ("h", .list([.string("x"), .int(2)])), ("i", .map([("k", .string("v"))])),
      ("j", .string("yes")), ("k", .int(12)), ("l", .string("12")), ("m", .bool(false)), ("n", .int(-4)),
      ("o", .null), ("p", .string("true")), ("q", .double(1000)), ("r", .string("0x0C")),
      ("s", .string("2020-02-29")),
    ])
    #expect(value == expected)
    #expect(r.diagnostics.isEmpty)
  }

  @Test func dataKeepsKeyOrder() throws {
    var r = try reader("z: 1\na: 2\n")
    #expect(r.data(r.tree.documents[0], "m") == .map([("z", .int(1)), ("a", .int(2))]))
    #expect(r.data(r.tree.documents[0], "m") != .map([("a", .int(2)), ("z", .int(1))]))
  }

  @Test func dataRefusesUnknownTags() throws {
    var r = try reader("a: !include other.yaml\nb: [1, !!python/object x]\n")
    #expect(try r.data(r.tree.top("a"), "attributes") == nil)
    #expect(try r.data(r.tree.top("b"), "attributes") == nil)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:1:4: error: tag !include is not supported in attributes [invalid-document]",
        "t.yaml:2:8: error: tag tag:yaml.org,2002:python/object is not supported in attributes [invalid-document]",
      ])
  }

  @Test func dataReportsDuplicateKeys() throws {
    var r = try reader("a: 1\na: 2\n")
    #expect(r.data(r.tree.documents[0], "attributes") == .map([("a", .int(1))]))
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:1: error: duplicate key 'a' in attributes (first given at line 1) [invalid-document]"
      ])
  }

  @Test func dataExpandsAliasesWithinTheBudget() throws {
    var r = try reader("base: &b {x: 1, l: [a, b]}\nuse: *b\n")
    let expected = DataValue.map([("x", .int(1)), ("l", .list([.string("a"), .string("b")]))])
    #expect(try r.data(r.tree.top("use"), "m") == expected)
    #expect(!r.aliasBudgetExceeded)
    #expect(r.diagnostics.isEmpty)
  }

  @Test func billionLaughsThroughDataIsRefusedNotExpanded() throws {
    var r = try reader(billionLaughs)
    let clock = ContinuousClock()
    var value: DataValue?
    let elapsed = clock.measure { value = r.data(r.tree.documents[0], "attributes") }
    #expect(elapsed < .seconds(2))
    #expect(value == nil)
    #expect(r.aliasBudgetExceeded)
    #expect(r.diagnostics.count == 1)
    let diagnostic = try #require(r.diagnostics.first)
    #expect(diagnostic.rule == "invalid-document")
    #expect(diagnostic.message.contains("aliases expand"))
    #expect(
      diagnostic.message
        == "aliases expand to too many nodes (a \"billion laughs\" document?); refusing to expand")
    // Located at one of the aliases (lines 2-9), never at the anchors of line 1.
    #expect((2...9).contains(diagnostic.location.line))
    #expect(diagnostic.location.column > 4)
  }

  @Test func aliasBudgetIsReportedOnce() throws {
    // Each use of *a brings in 4 nodes (the list and its three entries).
    var r = try reader("a: &a [1, 2, 3]\nb: *a\nc: *a\nd: *a\n", aliasExpansionLimit: 5)
    #expect(try r.list(r.tree.top("b"), "b")?.count == 3)
    #expect(!r.aliasBudgetExceeded)
    #expect(try r.list(r.tree.top("c"), "c") == nil)
    #expect(try r.list(r.tree.top("d"), "d") == nil)
    #expect(r.aliasBudgetExceeded)
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:3:4: error: aliases expand to too many nodes (a \"billion laughs\" document?); refusing to expand [invalid-document]"
      ])
  }

  @Test func readingWithoutAliasesCostsNoBudget() throws {
    var r = try reader("a: [1, 2, 3]\nb: [4, 5, 6]\n", aliasExpansionLimit: 0)
    #expect(try r.list(r.tree.top("a"), "a")?.count == 3)
    #expect(try r.data(r.tree.top("b"), "b") == .list([.int(4), .int(5), .int(6)]))
    #expect(!r.aliasBudgetExceeded)
    #expect(r.diagnostics.isEmpty)
  }

  @Test func reportAtANodeUsesItsLocation() throws {
    var r = try reader("a:\n  b: c\n")
    r.report("something", at: try r.tree.top("a"))
    r.report("elsewhere", at: Location(file: "x.yaml", line: 9, column: 8))
    #expect(
      lines(r.diagnostics) == [
        "t.yaml:2:3: error: something [invalid-document]",
        "x.yaml:9:8: error: elsewhere [invalid-document]",
      ])
  }
}
