import OrgDiagnostics
import OrgYAML
import Testing

@Suite struct FlowYAMLTests {
  @Test(arguments: [
    ("no", "\"no\""), ("yes", "\"yes\""), ("Off", "\"Off\""), ("12", "\"12\""), ("1.5", "\"1.5\""),
    ("true", "\"true\""), ("null", "\"null\""), ("~", "\"~\""), ("a: b", "\"a: b\""), ("", "\"\""),
    ("-x", "\"-x\""), (" lead", "\" lead\""), ("trail ", "\"trail \""), ("#tag", "\"#tag\""),
    ("say \"hi\"", #""say \"hi\"""#), ("line\nbreak", #""line\nbreak""#), ("[x]", "\"[x]\""),
    ("plain", "plain"), ("Luleå", "Luleå"), ("two words", "two words"), ("hr-service", "hr-service"),
    ("back\\slash", "back\\slash"),
  ])
  func stringQuoting(text: String, expected: String) {
    #expect(DataValue.string(text).flowYAML() == expected)
  }

  @Test func nonStringScalars() {
    #expect(DataValue.int(12).flowYAML() == "12")
    #expect(DataValue.int(-3).flowYAML() == "-3")
    #expect(DataValue.bool(true).flowYAML() == "true")
    #expect(DataValue.bool(false).flowYAML() == "false")
    #expect(DataValue.null.flowYAML() == "null")
    #expect(DataValue.double(1.5).flowYAML() == "1.5")
  }

  @Test func collections() {
    let value = DataValue.map([
      ("id", .string("a")), ("units", .list([.string("b"), .string("c")])), ("no", .int(1)),
      ("a: b", .map([("x", .null)])),
    ])
    #expect(value.flowYAML() == #"{id: a, units: [b, c], "no": 1, "a: b": {x: null}}"#)
    #expect(DataValue.list([]).flowYAML() == "[]")
    #expect(DataValue.map([]).flowYAML() == "{}")
  }

  @Test func droppingKeysAppliesToTheTopLevelOnly() {
    let value = DataValue.map([
      ("id", .string("a")), ("expect", .list([.string("x")])), ("inner", .map([("expect", .int(1))])),
    ])
    #expect(value.flowYAML(dropping: ["expect"]) == "{id: a, inner: {expect: 1}}")
    #expect(value.flowYAML() == "{id: a, expect: [x], inner: {expect: 1}}")
  }

  /// Writes `value` as flow YAML, parses it back and reads it as data.
  func roundTrip(_ value: DataValue) throws -> DataValue? {
    let text = "v: " + value.flowYAML() + "\n"
    var reader = TreeReader(tree: try YAMLParser.parse(Array(text.utf8), file: "t.yaml"))
    let result = reader.data(try reader.tree.top("v"), "v")
    #expect(reader.diagnostics.isEmpty)
    return result
  }

  @Test func stringsRoundTripAsText() throws {
    let texts = [
      "no", "yes", "NO", "On", "12", "0012", "+1", "-5", "1e3", ".5", "1.5", "a: b", "x:y", "", "true", "False",
      "null", "~", "-x", "-", " lead", "trail ", "say \"hi\"", "it's", "back\\slash", "line\nbreak", "#hash",
      "a #b", "å", "a\u{0308}", "two words", "[x]", "{x}", "x,y", "*star", "&amp", "!bang", "|pipe", ">gt",
      "%pct", "@at", "`tick", "0x0C", "2020-02-29",
    ]
    let value = DataValue.list(texts.map(DataValue.string))
    #expect(try roundTrip(value) == value)
  }

  @Test(arguments: [
    ("?", "\"?\""), ("? x", "\"? x\""), ("a\tb", #""a\tb""#), ("a\r\nb", #""a\r\nb""#),
    ("x\u{01}", #""x\x01""#), ("x\u{7F}", #""x\x7F""#), ("x\u{85}y", #""x\x85y""#),
    ("x\u{2028}y", #""x\u2028y""#),
  ])
  func controlCharactersAndQuestionMarkAreQuoted(text: String, expected: String) {
    #expect(DataValue.string(text).flowYAML() == expected)
  }

  @Test func controlCharactersRoundTrip() throws {
    let texts = [
      "?", "? x", "?x", "a\tb", "\tlead", "a\rb", "a\r\nb", "x\u{01}", "\u{1B}[1m", "x\u{7F}", "x\u{85}y", "x\u{9F}",
      "x\u{2028}y", "x\u{2029}",
    ]
    let value = DataValue.list(texts.map(DataValue.string))
    #expect(try roundTrip(value) == value)
  }

  @Test func mixedValuesRoundTrip() throws {
    let value = DataValue.map([
      ("id", .string("vo-a")), ("headcount", .int(120)), ("share", .double(0.25)), ("active", .bool(true)),
      ("note", .null), ("code", .string("0012")), ("flag", .string("no")),
      ("tags", .list([.string("a: b"), .string(""), .int(-1)])), ("nested", .map([("yes", .string("y"))])),
    ])
    #expect(try roundTrip(value) == value)
  }
}

@Suite struct DataValueEqualityTests {
  @Test func mapEqualityIsOrderSensitive() {
    let ab = DataValue.map([("a", .int(1)), ("b", .int(2))])
    let ba = DataValue.map([("b", .int(2)), ("a", .int(1))])
    #expect(ab == DataValue.map([("a", .int(1)), ("b", .int(2))]))
    #expect(ab != ba)
    #expect(ab.hashValue == DataValue.map([("a", .int(1)), ("b", .int(2))]).hashValue)
  }

  @Test func differentCasesAreNotEqual() {
    #expect(DataValue.int(1) != .double(1))
    #expect(DataValue.string("1") != .int(1))
    #expect(DataValue.null != .string(""))
    #expect(DataValue.list([.int(1)]) != .list([.int(1), .int(1)]))
  }
}

@Suite struct EditDistanceTests {
  @Test func classicDistances() {
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(editDistance("sitting", "kitten") == 3)
    #expect(editDistance("flaw", "lawn") == 2)
    #expect(editDistance("same", "same") == 0)
    #expect(editDistance("", "") == 0)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("abc", "") == 3)
    #expect(editDistance("nmae", "name") == 2)  // a transposition is two edits
  }

  @Test func countsUnicodeScalars() {
    #expect(editDistance("å", "a") == 1)
    #expect(editDistance("Luleå", "Lulea") == 1)
    #expect(editDistance("\u{E4}", "a\u{0308}") == 2)
  }

  @Test func stopsPastTheLimit() {
    #expect(editDistance("abcdef", "uvwxyz", limit: 2) == 3)
    #expect(editDistance("a", "abcdef", limit: 2) == 3)
    #expect(editDistance("kitten", "sitting", limit: 3) == 3)
    #expect(editDistance("kitten", "sitting", limit: 5) == 3)
    #expect(editDistance("kitten", "sitting", limit: 1) == 2)
  }

  @Test func closestMatchFindsLikelyTypos() {
    #expect(closestMatch(to: "nam", in: ["name", "kind"]) == "name")
    #expect(closestMatch(to: "headcont", in: ["headcount", "direct_headcount"]) == "headcount")
    #expect(closestMatch(to: "descripton", in: ["id", "description", "manager"]) == "description")
    #expect(closestMatch(to: "relatoins", in: ["roles", "relations"]) == "relations")
    #expect(closestMatch(to: "direct_headcount", in: ["headcount"]) == nil)
  }

  @Test func closestMatchRefusesDistantWords() {
    #expect(closestMatch(to: "xyz", in: ["name", "kind"]) == nil)
    #expect(closestMatch(to: "ab", in: ["abcd"]) == nil)
    #expect(closestMatch(to: "anything", in: []) == nil)
  }

  @Test func closestMatchPrefersTheNearestThenTheAlphabeticallyFirst() {
    #expect(closestMatch(to: "unit", in: ["units", "unitx"]) == "units")
    #expect(closestMatch(to: "unit", in: ["unitx", "units"]) == "units")
    #expect(closestMatch(to: "unit", in: ["unitx", "units", "unita"]) == "unita")
    #expect(closestMatch(to: "headcounts", in: ["headcount_x", "headcount"]) == "headcount")
  }
}

/// Plain scalars typed by the YAML 1.2 core schema, as attributes are read;
/// words are text whatever letter they start with.
@Suite struct PlainScalarTypingTests {
  @Test(arguments: [
    ("", DataValue.null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
    ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)), ("false", .bool(false)),
    ("False", .bool(false)), ("FALSE", .bool(false)), ("12", .int(12)), ("-3", .int(-3)), ("+4", .int(4)),
    ("1.5", .double(1.5)), ("1e3", .double(1000)), (".5", .double(0.5)), ("-2.5E1", .double(-25)),
    ("Kiruna", .string("Kiruna")), ("nord", .string("nord")), ("Nej", .string("Nej")), ("tisdag", .string("tisdag")),
    ("falsk", .string("falsk")), ("NULLS", .string("NULLS")), ("e5", .string("e5")), ("inf", .string("inf")),
    ("x1", .string("x1")), ("Ö-vik", .string("Ö-vik")), ("0x10", .string("0x10")), ("1.2.3", .string("1.2.3")),
    ("Zeta", .string("Zeta")), ("@home", .string("@home")), ("_x", .string("_x")),
  ])
  func typing(text: String, expected: DataValue) {
    #expect(DataValue.typedPlain(text) == expected)
  }
}
