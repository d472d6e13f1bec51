import Foundation
import Testing

/// Hostile and broken inputs: each gets a located answer and the contract's
/// exit status — never a crash, a hang or a silent pass. Every case states
/// the exit status, and the rule and location it must be reported with (or
/// what standard error must say when the run cannot start).
@Suite struct HostileInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var status: Int32
    /// `rule@line:column` that the JSON report must contain, or nil.
    var finding: String?
    /// Text the report or standard error must contain.
    var says: String?

    var testDescription: String { name }
  }

  static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

  static let billionLaughs: String = {
    var lines = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
      previous = name
    }
    return "x-laughs:\n" + lines.map { "  " + $0 }.joined(separator: "\n")
      + "\nunits:\n  - {id: r, name: R, kind: region, attributes: {laughs: *i}}\n"
  }()

  static let cases: [Case] = [
    Case(name: "empty file", bytes: [], status: 2, says: "no unit found"),
    Case(name: "comment only", bytes: text("# nothing here\n"), status: 2, says: "no unit found"),
    Case(
      name: "UTF-8 byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + text("units:\n  - {id: a, name: A, kind: region}\n"),
      status: 0),
    Case(
      name: "CRLF line ends",
      bytes: text("units:\r\n  - {id: a, name: A, kind: region}\r\n  - {id: b, name: B, kind: x, parent: q}\r\n"),
      status: 1, finding: "unknown-reference@3:39"),
    Case(
      name: "invalid UTF-8", bytes: text("units:\n  - {id: a, name: ") + [0xFF, 0xFE] + text(", kind: region}\n"),
      status: 2, finding: "yaml-syntax@2:19"),
    Case(
      name: "UTF-16 with a byte-order mark",
      bytes: [0xFF, 0xFE]
        + Array("units: [{id: a, name: A, kind: region}]\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
      status: 0),
    Case(
      name: "UTF-16 without a byte-order mark",
      bytes: Array("units: []\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
      status: 2, finding: "yaml-syntax@1:2", says: "UTF-16"),
    Case(
      name: "NUL byte", bytes: text("units:\n  - {id: a, name: \"A") + [0] + text("\", kind: region}\n"), status: 2,
      finding: "yaml-syntax@2:21"),
    Case(
      name: "two documents", bytes: text("units:\n  - {id: a, name: A, kind: region}\n---\nunits: []\n"),
      status: 1, finding: "invalid-document@4:1", says: "this is a second one"),
    // Nothing can be read as a unit from these: reported, and exit 2 (nothing was checked).
    Case(
      name: "top-level scalar", bytes: text("just text\n"), status: 2, finding: "invalid-document@1:1",
      says: "must be a mapping"),
    Case(
      name: "top-level list", bytes: text("- a\n- b\n"), status: 2, finding: "invalid-document@1:1",
      says: "must be a mapping"),
    Case(
      name: "custom tag !include", bytes: text("units:\n  - {id: a, name: !include x.yaml, kind: region}\n"),
      status: 1, finding: "invalid-document@2:19", says: "tag !include is not supported"),
    Case(
      name: "python object tag", bytes: text("units: !!python/object/apply:os.system [\"rm -rf /\"]\n"),
      status: 2, finding: "invalid-document@1:8", says: "is not supported"),
    Case(
      name: "merge key", bytes: text("x-defaults: &b {kind: enhet}\nunits:\n  - {id: a, name: A, <<: *b}\n"),
      status: 1, finding: "invalid-document@3:22", says: "merge keys (<<) are not supported"),
    Case(
      name: "non-scalar key", bytes: text("units:\n  - {id: a, name: A, kind: region, [x]: y}\n"), status: 1,
      finding: "invalid-document@2:36"),
    Case(
      name: "undefined alias", bytes: text("units: *nowhere\n"), status: 2, finding: "yaml-syntax@1:8",
      says: "refers to no anchor"),
    Case(name: "alias inside its own anchor", bytes: text("units: &a [*a]\n"), status: 2, finding: "yaml-syntax@1:12"),
    Case(
      name: "billion laughs", bytes: text(billionLaughs), status: 1, finding: "invalid-document@12:57",
      says: "aliases expand to too many nodes"),
    Case(
      name: "100,000 nested brackets", bytes: text(String(repeating: "[", count: 100_000)), status: 2,
      finding: "yaml-syntax@1:513", says: "nesting deeper than 512 levels"),
    Case(
      name: "legitimate anchors and aliases",
      bytes: text(
        "x-roles: &r [utförare]\nunits:\n  - {id: h, name: H, kind: funktion, roles: [beställare]}\n  - {id: a, name: A, kind: vo, parent: h, roles: *r, relations: {beställare: h}}\n"
      ),
      status: 1, finding: "vo-reports-to-one-division@4:5"),
    Case(
      name: "a unit key twice", bytes: text("units:\n  - id: a\n    name: A\n    kind: region\n    name: B\n"),
      status: 1, finding: "invalid-document@5:5", says: "duplicate key 'name'"),
  ]

  @Test(arguments: cases)
  func hostileInput(_ example: Case) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(example.bytes).write(to: dir.appendingPathComponent("input.yaml"))
    let started = Date()
    let result = try CLI.run(["check", "input.yaml", "--format", "json"], in: dir)
    #expect(Date().timeIntervalSince(started) < 10, "took too long")
    #expect(result.status == example.status, "\(result.stdout)\(result.stderr)")
    if let finding = example.finding {
      let parts = finding.split(separator: "@")
      let position = parts[1].split(separator: ":")
      let expected = "\"rule\": \"\(parts[0])\",\n      \"severity\": \"error\""
      #expect(result.stdout.contains(expected), "\(result.stdout)")
      #expect(
        result.stdout.contains("\"line\": \(position[0]),\n      \"column\": \(position[1]),"),
        "\(finding) not in \(result.stdout)")
    }
    if let says = example.says {
      #expect(result.stdout.contains(says) || result.stderr.contains(says), "\(result.stdout)\(result.stderr)")
    }
  }

  @Test func aHundredThousandDeepChainOfParentsIsLinear() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var yaml = "units:\n  - {id: u0, name: U, kind: region}\n"
    for i in 1..<100_000 { yaml += "  - {id: u\(i), name: U\(i), kind: enhet, parent: u\(i - 1)}\n" }
    try dir.write(yaml, to: "chain.yaml")
    try dir.write(
      "proposal: {id: p, title: T, base: chain.yaml}\nchanges:\n  - transfer: u99999\n    to: u0\n", to: "p.yaml")
    let started = Date()
    #expect(try CLI.run(["check", "chain.yaml"], in: dir).status == 0)
    #expect(try CLI.run(["apply", "p.yaml", "--output", "out.yaml"], in: dir).status == 0)
    #expect(try CLI.run(["check", "out.yaml"], in: dir).status == 0)
    #expect(Date().timeIntervalSince(started) < 60)
  }

  @Test func aLongCycleIsReportedOncePerUnit() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let count = 20_000
    var yaml = "units:\n  - {id: root, name: Root, kind: region}\n"
    for i in 0..<count { yaml += "  - {id: c\(i), name: C\(i), kind: enhet, parent: c\((i + 1) % count)}\n" }
    try dir.write(yaml, to: "cycle.yaml")
    let result = try CLI.run(["check", "cycle.yaml", "--format", "json"], in: dir)
    #expect(result.status == 1)
    #expect(result.stdout.components(separatedBy: "\"rule\": \"reporting-cycle\"").count == count + 1)
  }

  @Test func aSymlinkLoopDoesNotHang() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - {id: a, name: A, kind: region}\n", to: "org/a.yaml")
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("org/loop").path, withDestinationPath: "..")
    let result = try CLI.run(["check", "org"], in: dir)
    #expect(result.status == 0)
    #expect(result.stdout == "No findings in 1 file (1 unit).\n")
  }

  @Test func filesReachedThroughSymlinksCountAndDanglingOnesAreErrors() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - {id: a, name: A, kind: region}\n", to: "org/a.yaml")
    try dir.write("units:\n  - {id: zz, name: Z, kind: enhet}\n", to: "elsewhere/z.yaml")
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("org/z.yaml").path, withDestinationPath: "../elsewhere/z.yaml")
    let linked = try CLI.run(["check", "org"], in: dir)
    #expect(linked.status == 1)
    #expect(linked.stdout.contains("Z has no parent and is not the root (A) [orphan-unit]"))
    try FileManager.default.createSymbolicLink(
      atPath: dir.appendingPathComponent("org/gone.yaml").path, withDestinationPath: "/nonexistent.yaml")
    let dangling = try CLI.run(["check", "org"], in: dir)
    #expect(dangling.status == 2)
    #expect(dangling.stderr.contains("org/gone.yaml: error: no such file or directory"))
  }

  @Test func aDeeplyNestedExpressionIsALocatedRuleError() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("units:\n  - {id: a, name: A, kind: region}\n", to: "org.yaml")
    let deep = String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)
    try dir.write("id: deep\ntitle: T\nmessage: m\ncheck:\n  expr: \"\(deep)\"\n", to: "rules/deep.yaml")
    let result = try CLI.run(["check", "org.yaml", "--rules", "rules"], in: dir)
    #expect(result.status == 2)
    #expect(
      result.stderr.contains(
        "rules/deep.yaml:5:210: error: invalid expression: the expression nests deeper than 200 levels"))
  }

  @Test func aProposalThatIsItsOwnBaseIsAnErrorNotAHang() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try dir.write("proposal: {id: a, title: A, base: b.yaml}\nchanges: []\n", to: "a.yaml")
    try dir.write("proposal: {id: b, title: B, base: a.yaml}\nchanges: []\n", to: "b.yaml")
    let result = try CLI.run(["check", "a.yaml"], in: dir)
    #expect(result.status == 2)
    #expect(result.stderr.contains("leads back to this proposal"))
  }
}
