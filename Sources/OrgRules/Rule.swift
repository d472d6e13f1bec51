import OrgDiagnostics
import OrgModel
import OrgYAML

/// A compiled rule: what it selects, what it checks, how it reports.
public struct Rule: Sendable {
  public let id: String
  public let severity: Severity
  public let title: String
  public let description: String
  /// Message templates by language ("en" always present).
  let messages: [String: MessageTemplate]
  public let options: [(name: String, value: DataValue)]
  /// Rules with `enabled: false` run only when enabled by name.
  public let enabledByDefault: Bool
  /// What the rule is evaluated for: each unit, or each change of a proposal.
  let scope: RuleScope
  let selector: Selector
  let checks: [CompiledCheck]
  /// Every name the rule's constructs give messages; a finding of one
  /// construct sees the others' names as null.
  let messageVariables: [String]
  /// The unit key a finding points at (the unit itself when nil).
  let reportAt: UnitKey?
  /// For `scope: changes`: point at the change's `headcount_delta` when it
  /// declares one (`at: headcount_delta`), else at the change.
  let reportAtDelta: Bool
  public let examples: [RuleExample]
  /// Where the rule was defined: its file and the location of its `id`.
  public let location: Location
  /// The folder (relative to the rules root) it came from, e.g. "core".
  public let group: String

  /// A finding that the loader, not a check, produces (yaml-syntax,
  /// invalid-document) or that the engine produces (unused-suppression).
  public var isIntrinsic: Bool { checks.isEmpty }

  public func messageTemplate(language: String) -> String {
    (messages[language] ?? messages["en"])?.source ?? ""
  }
}

public enum RuleScope: String, CaseIterable, Sendable {
  case units, changes
}

/// One construct of a rule's `check:`, with its own message if it has one.
struct CompiledCheck: Sendable {
  let check: any Check
  let message: [String: MessageTemplate]?
}

/// An example that must (or must not) trigger its rule.
public struct RuleExample: Sendable {
  public enum Content: Sendable {
    /// An organisation document, as a node of the rule file; with
    /// `changes`, also a proposal applied to it (for transition rules).
    case organisation(YAMLTree, NodeID, changes: NodeID?)
    /// Raw YAML text, for rules about the file itself (yaml-syntax).
    case source(String)
  }

  /// The keys an example may have: an organisation document's, and these.
  package static let extraKeys = ["expect", "source", "changes"]
  package static let keys = ModelBuilder.topLevelKeys + extraKeys

  public let triggers: Bool
  public let content: Content
  /// Ids of the units that must be reported, when the example lists them.
  public let expectedUnits: [String]?
  public let location: Location
  /// The example as read, checked when the rule is compiled.
  let data: DataValue?

  /// The example as compact YAML, for `orglint rules ID` and the docs:
  /// written only when asked for, since `check` compiles every rule and
  /// shows no example.
  public var display: String {
    if case .source(let text) = content { return text }
    return data?.flowYAML(dropping: ["expect"]) ?? ""
  }
}

/// A message such as "{self.name} declares {self.headcount} people": text
/// with expressions in braces (`{{` and `}}` for literal braces).
struct MessageTemplate: Sendable {
  enum Part: Sendable {
    case text(String)
    case expression(CompiledExpression)
  }

  let source: String
  let parts: [Part]

  init(_ source: String, at location: Location, quoted: Bool, scope: CompiledExpression.Scope) throws(RuleError) {
    self.source = source
    var parts: [Part] = []
    var text = ""
    let scalars = Array(source.unicodeScalars)
    let isOneLine = !source.utf8.contains(0x0A)
    // Literal text is added a run at a time, not scalar by scalar: every
    // rule's messages in both languages are read at every start.
    var run = 0
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "{" || c == "}", i + 1 < scalars.count, scalars[i + 1] == c {  // {{ and }} stand for { and }
        text += String(scalars: scalars[run...i])
        i += 2
        run = i
      } else if c == "{" {
        text += String(scalars: scalars[run..<i])
        guard let close = scalars[(i + 1)...].firstIndex(of: "}") else {
          throw RuleError(message: "message has a '{' without its '}'", location: location)
        }
        let inner = String(scalars: scalars[(i + 1)..<close])
        var exprLocation = location
        if isOneLine { exprLocation.column += i + 1 + (quoted ? 1 : 0) }
        if !text.isEmpty { parts.append(.text(text)) }
        text = ""
        parts.append(.expression(try CompiledExpression(inner, at: exprLocation, quoted: false, scope: scope)))
        i = close + 1
        run = i
      } else {
        i += 1
      }
    }
    text += String(scalars: scalars[run...])
    if !text.isEmpty { parts.append(.text(text)) }
    self.parts = parts
  }
}
