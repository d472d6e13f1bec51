import Foundation
import OrgConfig
import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgRules
import OrgYAML
import Testing

@testable import OrgSchema

/// The repository root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

func decode(_ text: String) throws -> JSON {
  try JSONDecoder().decode(JSON.self, from: Data(text.utf8))
}

/// The schemas are made from the loaders' key lists and cannot drift from
/// them, nor from their committed copies.
@Suite struct SchemaGenerationTests {
  @Test(arguments: SchemaKind.allCases)
  func everyLoaderKeyIsDescribedAndNoOtherKey(kind: SchemaKind) {
    for table in kind.tables {
      #expect(
        table.undescribed.isEmpty, "\(kind): keys of \(table.what) the schema does not describe: \(table.undescribed)")
      #expect(
        table.unknown.isEmpty, "\(kind): the schema describes keys \(table.what) does not allow: \(table.unknown)")
    }
  }

  @Test(arguments: SchemaKind.allCases)
  func committedCopyIsWhatOrglintGenerates(kind: SchemaKind) throws {
    let path = repositoryRoot + "/schemas/" + kind.fileName
    let committed = try String(contentsOfFile: path, encoding: .utf8)
    #expect(committed == kind.json, "schemas/\(kind.fileName) is stale: run make schemas")
  }

  @Test(arguments: SchemaKind.allCases)
  func isDraft07JSONThatTheValidatorFullyUnderstands(kind: SchemaKind) throws {
    let json = try decode(kind.json)
    guard case .object(let root) = json else {
      Issue.record("not an object")
      return
    }
    #expect(root["$schema"].map { $0.same(as: .string("http://json-schema.org/draft-07/schema#")) } == true)
    _ = try SchemaValidator(schema: json)
    #expect(kind.json == kind.json, "the same schema twice gives the same bytes")
  }

  @Test func everyKindHasItsOwnFile() {
    #expect(Set(SchemaKind.allCases.map(\.fileName)).count == SchemaKind.allCases.count)
  }

  @Test func unitNestingIsARecursiveReference() throws {
    let json = try decode(SchemaKind.org.json)
    guard case .object(let root) = json, case .object(let definitions)? = root["definitions"],
      case .object(let unit)? = definitions["unit"], case .object(let properties)? = unit["properties"],
      case .object(let units)? = properties["units"], case .object(let items)? = units["items"]
    else {
      Issue.record("no definitions/unit/properties/units/items")
      return
    }
    #expect(items["$ref"].map { $0.same(as: .string("#/definitions/unit")) } == true)
  }

  static func strings(_ json: JSON, _ path: String...) -> [String] {
    var current: JSON? = json
    for key in path {
      guard case .object(let object)? = current else { return [] }
      current = object[key]
    }
    guard case .array(let values)? = current else { return [] }
    return values.compactMap { if case .string(let text) = $0 { text } else { nil } }
  }

  /// Each fixed value the schema offers, the loader accepts; each unit key
  /// it leaves out of `unset`, the loader refuses.
  @Test func enumsAgreeWithTheLoaders() throws {
    let rule = try decode(SchemaKind.rule.json)
    func compiles(_ yaml: String) -> Bool {
      RuleLibrary.compile([RuleSource(path: "r.yaml", group: "t", bytes: Array(yaml.utf8))]).errors.isEmpty
    }
    let severities = Self.strings(rule, "properties", "severity", "enum")
    #expect(Set(severities) == Set(["error", "warning", "info"]))
    for severity in severities {
      #expect(compiles("{id: r, title: R, message: m, severity: \(severity), check: {expr: 'true'}}"), "\(severity)")
    }
    for scope in Self.strings(rule, "properties", "scope", "enum") {
      #expect(compiles("{id: r, title: R, message: m, scope: \(scope), check: {expr: 'true'}}"), "\(scope)")
    }
    for of in RuleCompiler.countOf {
      #expect(compiles("{id: r, title: R, message: m, check: {count: {of: \(of), min: 1}}}"), "\(of)")
    }
    for within in RuleCompiler.uniqueWithin {
      #expect(compiles("{id: r, title: R, message: m, check: {unique: {key: name, within: \(within)}}}"), "\(within)")
    }
    for at in Self.strings(rule, "properties", "at", "enum") {
      let scope = at == RuleCompiler.changeReportKey ? "changes" : "units"
      #expect(compiles("{id: r, title: R, message: m, scope: \(scope), at: \(at), check: {expr: 'true'}}"), "\(at)")
    }
    let titles = ProposalSchema.changeDefinition.oneOf.map(\.title)
    #expect(titles == Operation.kinds.map { Optional($0) })
    for key in ModelBuilder.unitKeys {
      let yaml = "{proposal: {base: b}, changes: [{update: a, unset: [\(key)]}]}"
      var reader = ProposalReader(tree: try YAMLParser.parse(Array(yaml.utf8), file: "p.yaml"), fileIndex: 0)
      _ = reader.read(basePath: "")
      #expect(reader.diagnostics.isEmpty == ProposalSchema.unsettableKeys.contains(key), "unset: [\(key)]")
    }
  }
}

/// Every example and rule file says which schema it follows, in its first
/// line, and follows it; every broken document is rejected for the reason it
/// names, and orglint's loader rejects it too.
@Suite struct SchemaDocumentTests {
  /// The repository's own folders; one that cannot be read stops the suite.
  static func yamlFiles(below folder: String) -> [String] {
    let base = repositoryRoot + "/" + folder
    do { return try Files.yamlFiles(below: base).map { folder + "/" + $0 } } catch {
      fatalError("\(error.path): \(error.message)")
    }
  }

  static let documents = yamlFiles(below: "examples") + yamlFiles(below: "rules")
  static let broken = yamlFiles(below: "Tests/OrgSchemaTests/Broken")

  /// The kind of file a path holds, as orglint decides it.
  static func kind(of path: String) throws -> SchemaKind {
    if path.hasPrefix("rules/") || path.hasPrefix("Tests/OrgSchemaTests/Broken/rule-") { return .rule }
    if path.hasSuffix("/" + Configuration.fileName) || path.hasPrefix("Tests/OrgSchemaTests/Broken/config-") {
      return .config
    }
    let bytes = try #require(FileManager.default.contents(atPath: repositoryRoot + "/" + path))
    return ModelBuilder.isProposal(try YAMLParser.parse(Array(bytes), file: path)) ? .proposal : .org
  }

  /// The schema named by the file's first line, checked to be the right one
  /// for the kind of file, at the right relative path.
  static func validator(for path: String, kind: SchemaKind) throws -> SchemaValidator {
    let text = try String(contentsOfFile: repositoryRoot + "/" + path, encoding: .utf8)
    let first = String(text.prefix { $0 != "\n" })
    let depth = path.split(separator: "/").count - 1
    #expect(
      first == kind.modeline(schemasIn: String(repeating: "../", count: depth) + "schemas"),
      "\(path): the first line does not name the \(kind) schema: \(first)")
    return try SchemaValidator(schema: decode(kind.json))
  }

  /// `# rejected: KEYWORD #POINTER [WORD]` lines: why the schema must reject the file.
  static func rejections(in path: String) throws -> [(keyword: String, pointer: String, word: String?)] {
    let text = try String(contentsOfFile: repositoryRoot + "/" + path, encoding: .utf8)
    return text.split(separator: "\n").filter { $0.hasPrefix("# rejected: ") }.map { line in
      let words = line.dropFirst("# rejected: ".count).split(separator: " ").map(String.init)
      return (words[0], String(words[1].dropFirst()), words.count > 2 ? words[2] : nil)
    }
  }

  /// What orglint's own loader reports about the file on its own.
  static func loaderFindings(_ path: String, kind: SchemaKind) throws -> [String] {
    let bytes = try #require(FileManager.default.contents(atPath: repositoryRoot + "/" + path))
    switch kind {
    case .org:
      var builder = ModelBuilder()
      builder.add(try YAMLParser.parse(Array(bytes), file: path))
      return builder.finish().1.filter { $0.rule == LoaderRule.invalidDocument }.map(\.message)
    case .proposal:
      var reader = ProposalReader(tree: try YAMLParser.parse(Array(bytes), file: path), fileIndex: 0)
      _ = reader.read(basePath: "")
      return reader.diagnostics.map(\.message)
    case .config:
      do {
        try Configuration.read(repositoryRoot + "/" + path).checkRuleSettings(
          against: RuleLibrary.compile(RuleLibrary.builtinSources).rules)
        return []
      } catch {
        return error.problems.map(\.message)
      }
    case .rule:
      let (rules, errors) = RuleLibrary.compile([RuleSource(path: path, group: "test", bytes: Array(bytes))])
      return errors.map(\.message)
        + rules.flatMap { $0.testExamples() }.map(\.message).filter { $0.contains("not a valid organisation") }
    }
  }

  @Test(arguments: documents)
  func exampleFollowsTheSchemaItNames(path: String) throws {
    let kind = try Self.kind(of: path)
    let validator = try Self.validator(for: path, kind: kind)
    let failures = validator.validate(try JSON.yaml(atPath: repositoryRoot + "/" + path))
    let expected = try Self.rejections(in: path)
    if expected.isEmpty {
      #expect(failures.isEmpty, "\(path): \(failures)")
      #expect(try Self.loaderFindings(path, kind: kind).isEmpty, "\(path) has format mistakes but no # rejected: lines")
    } else {
      Self.expectRejected(path, failures, for: expected)
    }
  }

  @Test(arguments: broken)
  func brokenDocumentIsRejectedForItsReason(path: String) throws {
    let kind = try Self.kind(of: path)
    let validator = try Self.validator(for: path, kind: kind)
    let expected = try Self.rejections(in: path)
    #expect(!expected.isEmpty, "\(path) says nothing about why it is broken")
    Self.expectRejected(path, validator.validate(try JSON.yaml(atPath: repositoryRoot + "/" + path)), for: expected)
    #expect(!(try Self.loaderFindings(path, kind: kind)).isEmpty, "\(path): orglint accepts what the schema rejects")
  }

  static func expectRejected(
    _ path: String, _ failures: [SchemaValidator.Failure],
    for expected: [(keyword: String, pointer: String, word: String?)]
  ) {
    #expect(!failures.isEmpty, "\(path) is accepted")
    let all = failures.flatMap(\.all)
    for reason in expected {
      #expect(
        all.contains { failure in
          failure.keyword == reason.keyword && failure.pointer == reason.pointer
            && (reason.word.map { failure.message.contains($0) } ?? true)
        },
        "\(path): not rejected by \(reason.keyword) at #\(reason.pointer) \(reason.word ?? ""); got \(all)")
    }
  }

  @Test func everyKindOfFileIsCovered() throws {
    let kinds = try Set(Self.documents.map(Self.kind))
    #expect(kinds == Set(SchemaKind.allCases))
    let brokenKinds = try Set(Self.broken.map(Self.kind))
    #expect(brokenKinds == Set(SchemaKind.allCases))
  }
}

/// The validator itself: it fails on what it does not implement, and each
/// keyword does what JSON Schema says.
@Suite struct SchemaValidatorTests {
  @Test func refusesAKeywordItDoesNotImplement() throws {
    #expect(throws: SchemaValidator.UnsupportedKeyword.self) {
      try SchemaValidator(schema: decode(#"{"properties": {"a": {"type": "string", "format": "date"}}}"#))
    }
    #expect(throws: SchemaValidator.UnsupportedKeyword.self) {
      try SchemaValidator(schema: decode(#"{"definitions": {"x": {"if": {}}}}"#))
    }
    #expect(throws: SchemaValidator.UnsupportedKeyword.self) {
      try SchemaValidator(schema: decode(##"{"$ref": "#/definitions/x", "type": "string", "definitions": {"x": {}}}"##))
    }
  }

  @Test func keywordsBehave() throws {
    let validator = try SchemaValidator(
      schema: decode(
        #"""
        {"type": "object", "properties": {
          "n": {"type": "integer", "minimum": 0, "maximum": 3},
          "s": {"type": ["string", "number"], "pattern": "^a"},
          "e": {"enum": ["x", "y"]}, "c": {"const": 1},
          "l": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 2},
          "o": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}]},
          "r": {"$ref": "#/definitions/r"}},
         "patternProperties": {"^x-": {}},
         "additionalProperties": false, "required": ["n"], "dependencies": {"e": ["c"]},
         "definitions": {"r": {"anyOf": [{"const": true}, {"type": "array"}]}}}
        """#))
    func keywords(_ yamlText: String) throws -> [String] {
      let tree = try YAMLParser.parse(Array(yamlText.utf8), file: "t.yaml")
      var reader = TreeReader(tree: tree)
      let document = try #require(tree.documents.first)
      let data = reader.data(document, "t")
      let value = JSON(try #require(data))
      return validator.validate(value).flatMap(\.all).map(\.keyword)
    }
    #expect(try keywords("{n: 1, s: abc, e: x, c: 1.0, l: [a], o: text, r: true, x-free: 1}") == [])
    #expect(try keywords("{n: 4}") == ["maximum"])
    #expect(try keywords("{n: -1}") == ["minimum"])
    #expect(try keywords("{n: '1'}") == ["type"])
    #expect(try keywords("{n: 1, s: b}") == ["pattern"])
    #expect(try keywords("{n: 1, s: 12}") == [])
    #expect(try keywords("{n: 1, e: z, c: 1}") == ["enum"])
    #expect(try keywords("{n: 1, c: 2}") == ["const"])
    #expect(try keywords("{n: 1, e: x}") == ["dependencies"])
    #expect(try keywords("{n: 1, l: []}") == ["minItems"])
    #expect(try keywords("{n: 1, l: [a, b, c]}") == ["maxItems"])
    #expect(try keywords("{n: 1, l: [1]}") == ["type"])
    #expect(try keywords("{n: 1, o: 2}") == ["oneOf"])  // an integer is a number too
    #expect(try keywords("{n: 1, r: false}") == ["anyOf", "const", "type"])
    #expect(try keywords("{n: 1, other: 1}") == ["additionalProperties"])
    #expect(try keywords("{}") == ["required"])
  }
}
