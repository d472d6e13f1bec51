import Foundation
import OrgDiagnostics
import OrgReport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An XML element as a parser delivers it: every error the parser reports
/// fails the parse (libxml2 behind `XMLParser` on Linux returns `true` from
/// `parse()` for some documents that are not well-formed, but always tells
/// its delegate).
final class XMLElementTree: NSObject, XMLParserDelegate {
  final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var text = ""
    init(_ name: String, _ attributes: [String: String]) {
      self.name = name
      self.attributes = attributes
    }
    func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
  }

  private var stack: [Element] = []
  private(set) var root: Element?
  private(set) var errors: [String] = []

  static func parse(_ xml: String) throws -> Element {
    let tree = XMLElementTree()
    let parser = XMLParser(data: Data(xml.utf8))
    parser.delegate = tree
    let parsed = parser.parse()
    #expect(parsed && parser.parserError == nil && tree.errors.isEmpty, "not well-formed: \(tree.errors)")
    return try #require(tree.root)
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let element = Element(name, attributes)
    if let parent = stack.last { parent.children.append(element) } else if root == nil { root = element }
    stack.append(element)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { errors.append("\(parseError)") }
}

@Suite struct JUnitFormatterTests {
  @Test func theCheckOfWellFormednessCanFail() {
    // The helper itself: these must be rejected, or the tests below prove nothing.
    for bad in ["<a><b></a>", "<a/><b/>", "<a>\u{1}</a>", "<a x=\"<\"/>", "<a>]]></a>", "<a>&bogus;</a>"] {
      let tree = XMLElementTree()
      let parser = XMLParser(data: Data(bad.utf8))
      parser.delegate = tree
      let accepted = parser.parse() && parser.parserError == nil && tree.errors.isEmpty
      #expect(!accepted, "accepted \(bad)")
    }
  }

  @Test func wellFormedWithTheStructureGitLabAndJenkinsRead() throws {
    let output = JUnitFormatter().format(hostileReport)
    #expect(output.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
    let root = try XMLElementTree.parse(output)
    #expect(root.name == "testsuites")
    let suites = root.all("testsuite")
    try #require(suites.count == 1)
    let cases = suites[0].all("testcase")
    // One test case per rule that ran, and one for the rule that did not but has findings.
    #expect(cases.map { $0.attributes["name"] } == hostileRules.map(\.id) + ["yaml-syntax"])
    #expect(cases.allSatisfy { $0.attributes["classname"] == "orglint" })
    let failing = cases.filter { !$0.all("failure").isEmpty }
    for element in [root, suites[0]] {
      #expect(element.attributes["tests"] == String(cases.count))
      #expect(element.attributes["failures"] == String(failing.count))
      #expect(element.attributes["errors"] == "0")
    }
    #expect(suites[0].attributes["skipped"] == "0")
    #expect(failing.map { $0.attributes["name"] } == ["headcount-sum", "similar-sibling-names", "yaml-syntax"])
  }

  func testcase(_ root: XMLElementTree.Element, _ name: String) throws -> XMLElementTree.Element {
    try #require(root.all("testsuite").first?.all("testcase").first { $0.attributes["name"] == name })
  }

  @Test func severitiesDecideWhatFails() throws {
    let root = try XMLElementTree.parse(JUnitFormatter().format(hostileReport))
    let error = try #require(try testcase(root, "headcount-sum").all("failure").first)
    #expect(error.attributes["type"] == "error")
    #expect(error.attributes["message"] == "Headcounts <add> up: 1 error")
    let warning = try #require(try testcase(root, "similar-sibling-names").all("failure").first)
    #expect(warning.attributes["type"] == "warning")
    #expect(warning.attributes["message"] == "Similar names: 1 warning")
    #expect(warning.text == "a.yaml:3:1: warning: w\n  note: caused by change 2 of the proposal\n")
    // Infos do not fail: the test case passes and shows them as its output.
    let info = try testcase(root, "span-of-control")
    #expect(info.all("failure").isEmpty)
    #expect(info.all("system-out").first?.text == "a.yaml:4:1: info: i\n")
    // No findings: a passing, empty test case.
    #expect(try testcase(root, "division-has-vo").children.isEmpty)
    // A rule without a title is named by its id.
    let syntax = try #require(try testcase(root, "yaml-syntax").all("failure").first)
    #expect(syntax.attributes["message"] == "yaml-syntax: 1 error")
  }

  @Test func everyFindingOnceWithItsTextIntact() throws {
    let report = hostileReport
    let root = try XMLElementTree.parse(JUnitFormatter().format(report))
    let texts = root.all("testsuite")[0].all("testcase").flatMap { $0.children.map(\.text) }.joined()
    for diagnostic in report.diagnostics {
      let line = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(xmlPermitted(diagnostic.message))"
      #expect(texts.components(separatedBy: line).count == 2, "\(line) not there exactly once")
    }
    let failure = try #require(try testcase(root, "headcount-sum").all("failure").first)
    #expect(
      Array(failure.text.unicodeScalars)
        == Array(
          """
          \(hostilePath):12:5: error: \(xmlPermitted(hostileText))
            base/org.yaml:20:9: note: child "x" & <y>
          here
            \(hostilePath):2:3: note: second, 50%: here

          """.unicodeScalars))
  }

  @Test func escapingOfHostileText() {
    let output = JUnitFormatter().format(hostileReport)
    #expect(!output.contains("<script>"))
    #expect(!output.contains("]]>"))
    #expect(output.contains("&lt;script&gt;alert(\"x\" &amp; 'y')&lt;/script&gt; ]]&gt; 100%"))
    #expect(output.contains("message=\"Headcounts &lt;add&gt; up: 1 error\""))
    // A carriage return survives as a reference; control characters are gone.
    #expect(output.contains("next&#13;\nline&#13;end\ttab \u{7F}"))
    #expect(!output.unicodeScalars.contains { $0.value < 0x20 && !["\t", "\n"].contains($0) })
  }

  @Test func attributesKeepLineBreaksAndQuotes() throws {
    let report = Report(
      diagnostics: [diagnostic("a.yaml", 1, 1, rule: "r\"1\n2\t3&")], files: 1, units: 1,
      rules: [RuleDescription(id: "r\"1\n2\t3&", title: "T \"q\"\r\nx", description: "", severity: .error)])
    let output = JUnitFormatter().format(report)
    #expect(output.contains("name=\"r&quot;1&#10;2&#9;3&amp;\""))
    let root = try XMLElementTree.parse(output)
    let testcase = try #require(root.all("testsuite").first?.all("testcase").first)
    #expect(testcase.attributes["name"] == "r\"1\n2\t3&")
    #expect(testcase.all("failure").first?.attributes["message"] == "T \"q\"\r\nx: 1 error")
  }

  @Test func exactBytes() {
    let report = Report(
      diagnostics: [
        diagnostic("a.yaml", 2, 3, rule: "r1", severity: .error, message: "e1"),
        diagnostic("a.yaml", 5, 1, rule: "r1", severity: .warning, message: "w1"),
      ], files: 1, units: 2,
      rules: [
        RuleDescription(id: "r1", title: "Rule one", description: "", severity: .error),
        RuleDescription(id: "r2", title: "Rule two", description: "", severity: .error),
      ])
    #expect(
      JUnitFormatter().format(report) == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="orglint" tests="2" failures="1" errors="0">
          <testsuite name="orglint" tests="2" failures="1" errors="0" skipped="0">
            <testcase name="r1" classname="orglint">
              <failure message="Rule one: 1 error, 1 warning" type="error">a.yaml:2:3: error: e1
        a.yaml:5:1: warning: w1
        </failure>
            </testcase>
            <testcase name="r2" classname="orglint"/>
          </testsuite>
        </testsuites>

        """)
  }

  @Test func noRulesNoFindingsIsStillADocument() throws {
    let root = try XMLElementTree.parse(JUnitFormatter().format(Report(diagnostics: [], files: 0, units: 0)))
    #expect(root.attributes["tests"] == "0")
    #expect(root.all("testsuite").count == 1)
  }

  @Test func sameInputSameBytes() {
    let report = hostileReport
    let shuffled = Report(
      diagnostics: report.diagnostics.reversed(), files: report.files, units: report.units, rules: report.rules)
    #expect(Array(JUnitFormatter().format(report).utf8) == Array(JUnitFormatter().format(shuffled).utf8))
  }
}
