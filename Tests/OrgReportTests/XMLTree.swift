import Foundation
import OrgDiagnostics
import OrgReport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The HTML report read back with an XML parser: it is written to be
/// well-formed XML, so a parse that fails is a broken document, and what the
/// parser hands back (entities decoded) must be exactly the text that went in.
final class XMLElement {
  let name: String
  let attributes: [String: String]
  var children: [XMLElement] = []
  var text = ""
  weak var parent: XMLElement?

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

  /// All text below this element, in document order.
  var allText: String { text + children.map(\.allText).joined() }

  /// This element and every element below it, in document order.
  var all: [XMLElement] { [self] + children.flatMap(\.all) }

  func elements(_ name: String) -> [XMLElement] { all.filter { $0.name == name } }

  func first(id: String) -> XMLElement? { all.first { $0.attributes["id"] == id } }

  static func parse(_ document: String) throws -> XMLElement {
    let builder = Builder()
    let parser = XMLParser(data: Data(document.utf8))
    parser.shouldResolveExternalEntities = false
    parser.delegate = builder
    let ok = parser.parse()
    let error = parser.parserError.map { "\($0)" } ?? "unknown"
    try #require(ok, "not well-formed: \(error) at line \(parser.lineNumber), column \(parser.columnNumber)")
    return try #require(builder.root)
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var root: XMLElement?
    var stack: [XMLElement] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let element = XMLElement(name: name, attributes: attributes)
      element.parent = stack.last
      stack.last?.children.append(element)
      if root == nil { root = element }
      stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      stack.last?.text += String(decoding: block, as: UTF8.self)
    }
  }
}

/// A small organisation with hostile names and messages, a unit on a loop of
/// parents, an orphan, and findings of every severity.
enum Sample {
  static let hostileName = "<script>alert(1)</script>"
  static let awkward = "&\"'<>|*_`#[x](y) \\ ~~no~~ $x$ <b>bold</b> @team 1. item"

  static var chart: OrgChart {
    OrgChart(
      nodes: [
        .init(id: "region", name: "Region & <Norr>", kind: "region", headcount: 100),
        .init(id: "div-x", name: hostileName, kind: "division", headcount: 60, parent: 0),
        .init(id: "vo-a", name: "VO \"A\" & 'B'", kind: "vo", headcount: 30, parent: 1),
        .init(id: "vo-b", name: "VO | *bold* _x_ `code`", kind: "vo", headcount: 30, parent: 1),
        .init(id: "orphan", name: "Orphan", kind: "enhet"),
        .init(id: "loop-a", name: "Loop A", kind: "enhet", parent: 6),
        .init(id: "loop-b", name: "Loop B", kind: "enhet", parent: 5),
        .init(id: "<img src=x onerror=alert(2)>", name: "Odd id", kind: "enhet", parent: 0),
      ], relations: [.init(from: 2, to: 0, name: "beställare")])
  }

  /// Diagnostics in report order: findings 0, 1 and 4 on div-x, 2 on vo-a,
  /// 3 on vo-b, 5 on the odd id, 6 about no unit.
  static var diagnostics: [Diagnostic] {
    [
      Diagnostic(
        rule: "headcount-sum", severity: .error, message: "\(hostileName) declares 60 but \(awkward)",
        location: Location(file: "org/a|b.yaml", line: 1, column: 1), unit: "div-x",
        related: [.init(Location(file: "org/<c>.yaml", line: 2, column: 3), "related \(awkward)")]),
      Diagnostic(
        rule: "division-has-vo", severity: .warning, message: "warning about div-x",
        location: Location(file: "org/a|b.yaml", line: 2, column: 1), unit: "div-x"),
      Diagnostic(
        rule: "span-of-control", severity: .info, message: "info about vo-a",
        location: Location(file: "org/a|b.yaml", line: 3, column: 1), unit: "vo-a"),
      Diagnostic(
        rule: "similar-sibling-names", severity: .warning, message: "vo-b \(awkward)",
        location: Location(file: "org/a|b.yaml", line: 4, column: 1), unit: "vo-b"),
      Diagnostic(
        rule: "headcount-sum", severity: .error, message: "second on div-x",
        location: Location(file: "org/a|b.yaml", line: 5, column: 1), unit: "div-x"),
      Diagnostic(
        rule: "orphan-unit", severity: .error, message: "odd",
        location: Location(file: "org/a|b.yaml", line: 6, column: 1), unit: "<img src=x onerror=alert(2)>"),
      Diagnostic(
        rule: "yaml-syntax", severity: .error, message: "not about a unit </script><script>alert(3)</script>",
        location: Location(file: "org/z.yaml", line: 1, column: 1)),
    ]
  }

  static var rules: [RuleDescription] {
    [
      RuleDescription(
        id: "headcount-sum", title: "Headcounts add up <b>", description: "A unit's headcount \(awkward)",
        severity: .error),
      RuleDescription(id: "division-has-vo", title: "A division holds a VO", description: "d", severity: .error),
      RuleDescription(id: "unused-rule", title: "Nothing | found", description: "quiet", severity: .warning),
    ]
  }

  static var report: Report {
    var report = Report(diagnostics: diagnostics, files: 2, units: 8, rules: rules)
    var chart = chart
    chart.nodes[1].findings = [0, 1, 4]
    chart.nodes[2].findings = [2]
    chart.nodes[3].findings = [3]
    chart.nodes[7].findings = [5]
    report.models = [
      CheckedModel(
        title: "org/", organisation: "Region <Norr> & \"co\"", asOf: "2021-01-01", chart: chart, otherFindings: [6])
    ]
    return report
  }

  /// A proposal: vo-a and vo-b merged into vo-ab, orphan moved under div-x, a new unit added.
  static var proposalReport: Report {
    var before = chart
    before.nodes[2].marks = [.merged]
    before.nodes[3].marks = [.merged]
    before.nodes[4].marks = [.moved]
    var after = OrgChart(nodes: [
      .init(id: "region", name: "Region & <Norr>", kind: "region", headcount: 100),
      .init(id: "div-x", name: hostileName, kind: "division", headcount: 70, parent: 0),
      .init(id: "vo-ab", name: "VO AB", kind: "vo", headcount: 60, parent: 1, marks: [.merged]),
      .init(id: "orphan", name: "Orphan", kind: "enhet", headcount: 10, parent: 1, marks: [.moved]),
      .init(id: "new", name: "New <unit>", kind: "enhet", parent: 2, marks: [.added]),
    ])
    after.nodes[1].findings = [0]
    after.nodes[2].findings = [1]
    before.nodes[4].findings = [2]
    let diagnostics = [
      Diagnostic(
        rule: "headcount-sum", severity: .error, message: "div-x \(awkward)",
        location: Location(file: "proposal.yaml", line: 10, column: 5), unit: "div-x", change: 1),
      Diagnostic(
        rule: "headcount-conserved", severity: .error, message: "merge changes the total",
        location: Location(file: "proposal.yaml", line: 12, column: 5), unit: "vo-ab", change: 1),
      Diagnostic(
        rule: "orphan-unit", severity: .error, message: "Orphan has no parent (already in the baseline)",
        location: Location(file: "zbase/a.yaml", line: 30, column: 3), unit: "orphan"),
    ]
    let view = ProposalView(
      file: "proposal.yaml", id: "p-1", title: "Merge <A> & B", base: "org/", effective: "2022-01-01",
      decision: "RS 1", before: before,
      changes: [
        ChangeSummary(
          index: 1, operation: "merge", subject: "vo-a, vo-b → vo-ab",
          location: Location(file: "proposal.yaml", line: 10, column: 5)),
        ChangeSummary(
          index: 2, operation: "transfer", subject: "orphan → div-x",
          location: Location(file: "proposal.yaml", line: 20, column: 5), headcountDelta: 10),
        ChangeSummary(
          index: 3, operation: "create", subject: "new", location: Location(file: "proposal.yaml", line: 25, column: 5),
          applied: false),
      ],
      diff: DiffSummary(
        entries: [
          .init(kind: "merged", unit: "vo-ab", before: "vo-a, vo-b", after: "vo-ab", change: 1),
          .init(kind: "moved", unit: "orphan", before: "(no parent)", after: "div-x", change: 2),
          .init(kind: "headcount", unit: "vo-ab", before: nil, after: "60", change: 1),
          .init(kind: "headcount", unit: "vo-a", before: "30", after: nil, change: 1),
          .init(kind: "headcount", unit: "vo-b", before: "30", after: nil, change: 1),
          .init(kind: "headcount", unit: "orphan", before: nil, after: "10", change: 2),
        ], totalBefore: 100, totalAfter: 110, unitsBefore: 8, unitsAfter: 5))
    var report = Report(diagnostics: diagnostics, files: 3, units: 5, rules: rules)
    report.models = [CheckedModel(title: "proposal.yaml", chart: after, proposal: view)]
    return report
  }
}
