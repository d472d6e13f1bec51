import OrgDiagnostics
import OrgYAML
import Testing

@Suite struct YAMLParserLocationTests {
  @Test func blockMappingAndSequenceLocations() throws {
    let tree = try parse(
      """
      units:
        - id: a
          name: Å
        - id: b
      """)
    #expect(tree.file == "t.yaml")
    #expect(tree.documents.count == 1)
    let root = tree.documents[0]
    #expect(tree.kind(root) == .mapping)
    #expect(tree.location(root) == at(1, 1))
    #expect(tree.count(root) == 1)

    let (key, units) = try #require(Array(tree.pairs(root)).first)
    #expect(tree.kind(key) == .scalar)
    #expect(tree.text(key) == "units")
    #expect(tree.location(key) == at(1, 1))
    #expect(tree.kind(units) == .sequence)
    #expect(tree.location(units) == at(2, 3))
    #expect(tree.count(units) == 2)

    let items = Array(tree.items(units))
    #expect(items.count == 2)
    #expect(items.map { tree.kind($0) } == [.mapping, .mapping])
    #expect(items.map { tree.location($0) } == [at(2, 5), at(4, 5)])

    let first = Array(tree.pairs(items[0]))
    #expect(first.map { tree.text($0.key) } == ["id", "name"])
    #expect(first.map { tree.text($0.value) } == ["a", "Å"])
    #expect(first.map { tree.location($0.key) } == [at(2, 5), at(3, 5)])
    #expect(first.map { tree.location($0.value) } == [at(2, 9), at(3, 11)])
  }

  @Test func topLevelBlockSequence() throws {
    let tree = try parse("- a\n- b\n-   c\n")
    let root = tree.documents[0]
    #expect(tree.kind(root) == .sequence)
    #expect(tree.location(root) == at(1, 1))
    let items = Array(tree.items(root))
    #expect(items.map { tree.text($0) } == ["a", "b", "c"])
    #expect(items.map { tree.location($0) } == [at(1, 3), at(2, 3), at(3, 5)])
  }

  @Test func columnsCountUnicodeScalarsNotBytesOrCharacters() throws {
    // å is two UTF-8 bytes, 😀 four; a + U+0308 is one Character but two scalars.
    let tree = try parse("å: x\nåäö: y\n\"ü\": z\n😀: w\na\u{0308}: v\n")
    let root = tree.documents[0]
    let values = tree.pairs(root).map { $0.value }
    #expect(values.map { tree.text($0) } == ["x", "y", "z", "w", "v"])
    #expect(values.map { tree.location($0) } == [at(1, 4), at(2, 6), at(3, 6), at(4, 4), at(5, 5)])
  }

  @Test func flowStyleLocations() throws {
    let tree = try parse("{a: [1, 2], b: {c: d}}")
    let root = tree.documents[0]
    #expect(tree.kind(root) == .mapping)
    #expect(tree.location(root) == at(1, 1))
    #expect(tree.count(root) == 2)
    let a = try #require(tree.value("a", in: root))
    #expect(tree.kind(a) == .sequence)
    #expect(tree.location(a) == at(1, 5))
    #expect(tree.items(a).map { tree.location($0) } == [at(1, 6), at(1, 9)])
    #expect(tree.items(a).map { tree.text($0) } == ["1", "2"])
    let b = try #require(tree.value("b", in: root))
    #expect(tree.kind(b) == .mapping)
    #expect(tree.location(b) == at(1, 16))
    let (c, d) = try #require(Array(tree.pairs(b)).first)
    #expect(tree.location(c) == at(1, 17))
    #expect(tree.location(d) == at(1, 20))
    #expect(tree.text(d) == "d")
  }

  @Test func flowAndBlockStylesGiveTheSameShape() throws {
    let block = try parse("a:\n  - x\n  - y\nb:\n  c: d\n")
    let flow = try parse("{a: [x, y], b: {c: d}}")
    for tree in [block, flow] {
      let root = tree.documents[0]
      #expect(tree.pairs(root).map { tree.text($0.key) } == ["a", "b"])
      let a = try #require(tree.value("a", in: root))
      #expect(tree.items(a).map { tree.text($0) } == ["x", "y"])
      let b = try #require(tree.value("b", in: root))
      #expect(tree.count(b) == 1)
      #expect(tree.value("c", in: b).map { tree.text($0) } == "d")
    }
  }

  @Test func emptyCollections() throws {
    let tree = try parse("a: []\nb: {}\n")
    let a = try tree.top("a")
    let b = try tree.top("b")
    #expect(tree.kind(a) == .sequence)
    #expect(tree.count(a) == 0)
    #expect(Array(tree.items(a)).isEmpty)
    #expect(tree.kind(b) == .mapping)
    #expect(tree.count(b) == 0)
    #expect(Array(tree.pairs(b)).isEmpty)
  }

  @Test func siblingsAfterNestedCollectionsAreFound() throws {
    // Walking children skips whole subtrees: `c` must come after the nested mapping.
    let tree = try parse("a:\n  x: [1, [2, 3], {p: q}]\n  y: z\nc: 4\n")
    let root = tree.documents[0]
    #expect(tree.pairs(root).map { tree.text($0.key) } == ["a", "c"])
    let a = try tree.top("a")
    #expect(tree.pairs(a).map { tree.text($0.key) } == ["x", "y"])
    let x = try #require(tree.value("x", in: a))
    #expect(tree.items(x).map { tree.kind($0) } == [.scalar, .sequence, .mapping])
    #expect(tree.text(try tree.top("c")) == "4")
    #expect(tree.location(try tree.top("c")) == at(4, 4))
  }

  @Test func itemsAndPairsOfAScalarAreEmpty() throws {
    let tree = try parse("hello")
    let root = tree.documents[0]
    #expect(tree.kind(root) == .scalar)
    #expect(tree.count(root) == 0)
    #expect(Array(tree.items(root)).isEmpty)
    #expect(Array(tree.pairs(root)).isEmpty)
  }
}

@Suite struct YAMLParserDocumentTests {
  @Test func multiDocumentStream() throws {
    let tree = try parse("a: 1\n---\nb: 2\n--- c\n...\n")
    #expect(tree.documents.count == 3)
    #expect(tree.documents.map { tree.kind($0) } == [.mapping, .mapping, .scalar])
    #expect(tree.documents.map { tree.location($0) } == [at(1, 1), at(3, 1), at(4, 5)])
    #expect(tree.value("a", in: tree.documents[0]).map { tree.text($0) } == "1")
    #expect(tree.value("b", in: tree.documents[1]).map { tree.text($0) } == "2")
    #expect(tree.text(tree.documents[2]) == "c")
  }

  @Test func emptyFileHasNoDocument() throws {
    let tree = try YAMLParser.parse([], file: "empty.yaml")
    #expect(tree.documents.isEmpty)
    #expect(tree.nodeCount == 0)
    #expect(tree.file == "empty.yaml")
  }

  @Test(arguments: ["# only a comment\n", "# one\n   # two\n\n", "\n\n", "   "])
  func commentOrBlankOnlyFileHasNoDocument(text: String) throws {
    let tree = try parse(text)
    #expect(tree.documents.isEmpty)
    #expect(tree.nodeCount == 0)
  }

  @Test func explicitEmptyDocumentIsAnEmptyPlainScalar() throws {
    let tree = try parse("---\n# nothing here\n")
    #expect(tree.documents.count == 1)
    let root = tree.documents[0]
    #expect(tree.kind(root) == .scalar)
    #expect(tree.text(root) == "")
    #expect(tree.isPlain(root))
  }
}

@Suite struct YAMLParserScalarTests {
  @Test func quotedAndPlainScalars() throws {
    let tree = try parse(
      """
      a: 12
      b: "12"
      c: '12'
      d: |
        12
      e: >
        12
      f:
      g: ""
      """)
    let values = try ["a", "b", "c", "d", "e", "f", "g"].map { try tree.top($0) }
    #expect(values.map { tree.isPlain($0) } == [true, false, false, false, false, true, false])
    #expect(values.map { tree.text($0) } == ["12", "12", "12", "12\n", "12\n", "", ""])
    let root = tree.documents[0]
    #expect(tree.pairs(root).allSatisfy { tree.isPlain($0.key) })
  }

  @Test func emptyValueIsLocatedAfterItsColon() throws {
    let tree = try parse("name:\nkind: x\n")
    let name = try tree.top("name")
    #expect(tree.kind(name) == .scalar)
    #expect(tree.text(name) == "")
    #expect(tree.location(name) == at(1, 6))
  }

  @Test func escapesAndMultiLineTextAreDecoded() throws {
    let tree = try parse(#"a: "x\ty\n\u00e5"\#nb: 'it''s'\#nc: first\#n  second\#n"#)
    #expect(try tree.text(tree.top("a")) == "x\ty\nå")
    #expect(try tree.text(tree.top("b")) == "it's")
    #expect(try tree.text(tree.top("c")) == "first second")
  }

  @Test func scalarWithNULByteKeepsItsLength() throws {
    let tree = try parse(#"a: "x\0y""#)
    #expect(try Array(tree.text(tree.top("a")).utf8) == [0x78, 0x00, 0x79])
  }

  @Test func tags() throws {
    let tree = try parse(
      """
      a: !!str 12
      b: !include other.yaml
      c: !<tag:example.com,2000:x> v
      d: plain
      e: !!map {x: y}
      f: !!seq [1]
      """)
    #expect(try tree.tag(tree.top("a")) == "tag:yaml.org,2002:str")
    #expect(try tree.tag(tree.top("b")) == "!include")
    #expect(try tree.tag(tree.top("c")) == "tag:example.com,2000:x")
    #expect(try tree.tag(tree.top("d")) == nil)
    #expect(try tree.tag(tree.top("e")) == "tag:yaml.org,2002:map")
    #expect(try tree.tag(tree.top("f")) == "tag:yaml.org,2002:seq")
    // A tag does not change the scalar's text or style, and the node starts at the tag.
    #expect(try tree.text(tree.top("a")) == "12")
    #expect(try tree.isPlain(tree.top("a")))
    #expect(try tree.location(tree.top("a")) == at(1, 4))
    #expect(try tree.text(tree.top("b")) == "other.yaml")
    #expect(try tree.kind(tree.top("e")) == .mapping)
    let root = tree.documents[0]
    #expect(tree.pairs(root).allSatisfy { tree.tag($0.key) == nil })
  }
}

@Suite struct YAMLParserAliasTests {
  @Test func aliasResolvesToTheAnchoredNode() throws {
    let tree = try parse(
      """
      base: &b {x: 1}
      copy: *b
      list: [&s one, *s]
      """)
    let base = try tree.top("base")
    let copy = try tree.top("copy")
    #expect(tree.kind(base) == .mapping)
    #expect(tree.location(base) == at(1, 7))  // the node starts at its anchor
    #expect(tree.kind(copy) == .alias)
    #expect(tree.location(copy) == at(2, 7))
    #expect(tree.resolved(copy) == base)
    #expect(tree.resolved(base) == base)
    #expect(tree.value("x", in: tree.resolved(copy)).map { tree.text($0) } == "1")

    let items = Array(tree.items(try tree.top("list")))
    #expect(items.map { tree.kind($0) } == [.scalar, .alias])
    #expect(tree.resolved(items[1]) == items[0])
    #expect(tree.text(tree.resolved(items[1])) == "one")
    #expect(tree.location(items[1]) == at(3, 16))
  }

  @Test func aliasAddsOneNodeNotACopy() throws {
    let one = try parse("a: &a [1, 2, 3, 4, 5]\n")
    let two = try parse("a: &a [1, 2, 3, 4, 5]\nb: *a\n")
    #expect(two.nodeCount == one.nodeCount + 2)  // the key b and the alias
  }

  @Test func aliasRefersToTheLatestDefinitionOfItsAnchor() throws {
    let tree = try parse("[&a x, *a, &a y, *a]")
    let items = Array(tree.items(tree.documents[0]))
    #expect(items.count == 4)
    #expect(tree.text(tree.resolved(items[1])) == "x")
    #expect(tree.text(tree.resolved(items[3])) == "y")
    #expect(tree.resolved(items[3]) == items[2])
  }

  @Test func aliasToUndefinedAnchorIsASyntaxError() throws {
    let error = try #require(syntaxError("a: 1\nb: *nope\n"))
    #expect(error.message == "alias *nope refers to no anchor defined before it")
    #expect(error.location == at(2, 4))
    #expect(error.diagnostic.rule == "yaml-syntax")
    #expect(error.diagnostic.severity == .error)
    #expect(error.diagnostic.location == at(2, 4))
    #expect(error.diagnostic.message == error.message)
  }

  @Test func aliasUsedBeforeItsAnchorIsASyntaxError() throws {
    let error = try #require(syntaxError("a: *later\nb: &later x\n"))
    #expect(error.message == "alias *later refers to no anchor defined before it")
    #expect(error.location == at(1, 4))
  }

  @Test func aliasInsideItsOwnAnchoredSequenceIsRejected() throws {
    let error = try #require(syntaxError("&a [*a]"))
    #expect(error.message == "alias *a refers to no anchor defined before it")
    #expect(error.location == at(1, 5))
  }

  @Test func aliasInsideItsOwnAnchoredMappingIsRejected() throws {
    let error = try #require(syntaxError("a: &m\n  b: *m\n"))
    #expect(error.message == "alias *m refers to no anchor defined before it")
    #expect(error.location == at(2, 6))
  }

  @Test func anchorsDoNotCrossDocuments() throws {
    let error = try #require(syntaxError("--- &a x\n--- *a\n"))
    #expect(error.message == "alias *a refers to no anchor defined before it")
    #expect(error.location == at(2, 5))
  }

  @Test func billionLaughsParsesFastWithoutExpanding() throws {
    let clock = ContinuousClock()
    var tree: YAMLTree?
    let elapsed = try clock.measure { tree = try parse(billionLaughs) }
    let parsed = try #require(tree)
    #expect(elapsed < .seconds(1))
    // 9 keys + 9 sequences + 81 scalars or aliases + the root: nothing expanded.
    #expect(parsed.nodeCount == 100)
    let i = try parsed.top("i")
    let h = try parsed.top("h")
    #expect(parsed.items(i).allSatisfy { parsed.kind($0) == .alias && parsed.resolved($0) == h })
  }
}

@Suite struct YAMLParserErrorTests {
  @Test func deepNestingIsRefusedQuicklyAtTheOffendingBracket() throws {
    let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    let clock = ContinuousClock()
    var error: YAMLSyntaxError?
    let elapsed = clock.measure { error = syntaxError(bytes) }
    let found = try #require(error)
    #expect(elapsed < .seconds(2))
    #expect(found.message.contains("nesting"))
    #expect(found.message == "nesting deeper than 512 levels")
    #expect(found.location == at(1, 513))
  }

  @Test func nestingUpToTheLimitIsAccepted() throws {
    let depth = YAMLParser.defaultMaxDepth
    let text = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
    let tree = try parse(text)
    var node = tree.documents[0]
    var levels = 0
    while tree.kind(node) == .sequence {
      levels += 1
      node = try #require(Array(tree.items(node)).first)
    }
    #expect(levels == depth)
    #expect(tree.text(node) == "x")
    #expect(tree.location(node) == at(1, depth + 1))
  }

  @Test func maxDepthCountsBlockAndFlowCollections() throws {
    let text = "a:\n  b:\n    - [x]\n"  // mapping, mapping, sequence, sequence
    #expect(syntaxError(Array(text.utf8), maxDepth: 4) == nil)
    let error = try #require(syntaxError(Array(text.utf8), maxDepth: 3))
    #expect(error.message == "nesting deeper than 3 levels")
    #expect(error.location == at(3, 7))
  }

  @Test func invalidUTF8IsLocatedByLineAndColumn() throws {
    let bytes = Array("a: b\nc: ".utf8) + [0xFF] + Array("\n".utf8)
    let error = try #require(syntaxError(bytes))
    #expect(error.message.contains("UTF-8"))
    #expect(error.location == at(2, 4))
  }

  @Test func invalidUTF8ColumnCountsCharactersBeforeIt() throws {
    // å and ä are two bytes each but one column each. libyaml blames the octet
    // that breaks the sequence, "(" after the lead byte 0xC3 at column 5.
    let bytes = Array("é: x\nåä: ".utf8) + [0xC3, 0x28] + Array(" more\n".utf8)
    let error = try #require(syntaxError(bytes))
    #expect(error.message.contains("UTF-8"))
    #expect(error.message.contains("trailing"))
    #expect(error.location == at(2, 6))  // libyaml names the octet after the lead byte

    let leading = try #require(syntaxError(Array("é: x\nåä: ".utf8) + [0xFF]))
    #expect(leading.message.contains("leading"))
    #expect(leading.location == at(2, 5))
  }

  @Test func truncatedUTF8AtEndOfFileIsLocated() throws {
    let bytes = Array("a: ".utf8) + [0xC3]
    let error = try #require(syntaxError(bytes))
    #expect(error.message.contains("UTF-8"))
    #expect(error.location == at(1, 4))
  }

  @Test func invalidUTF8DeepInALargeFileIsLocated() throws {
    // More than libyaml's 16 KB input chunk before the bad byte.
    var text = ""
    for n in 0..<2_000 { text += "k\(n): vä\n" }
    let bytes = Array(text.utf8) + Array("bad: ".utf8) + [0xFE]
    let error = try #require(syntaxError(bytes))
    #expect(error.location == at(2_001, 6))
  }

  @Test func libyamlSyntaxErrorIsLocated() throws {
    let error = try #require(syntaxError("a: b: c\n"))
    #expect(error.message.contains("mapping values are not allowed"))
    #expect(error.location == at(1, 5))
  }

  @Test func unclosedFlowSequenceIsASyntaxError() throws {
    let error = try #require(syntaxError("a: [1, 2\nb: 3\n"))
    #expect(!error.message.isEmpty)
    #expect(error.location.file == "t.yaml")
    #expect(error.location.line >= 2)
  }

  @Test func errorCarriesTheFileNameGiven() throws {
    do {
      _ = try YAMLParser.parse(Array("a: *x".utf8), file: "dir/org.yaml")
      Issue.record("expected a syntax error")
    } catch {
      #expect(error.location == Location(file: "dir/org.yaml", line: 1, column: 4))
    }
  }
}
