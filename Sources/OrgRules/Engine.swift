import OrgDiagnostics
import OrgModel
import OrgYAML
import Synchronization

/// Runs compiled rules over a model and turns their findings into
/// diagnostics: messages written, suppressions applied, unused suppressions
/// reported.
public enum Engine {
  public static let unusedSuppression = "unused-suppression"
  /// Steps one expression may take on one unit.
  public static let defaultCostLimit = 100_000

  public struct Settings: Sendable {
    public var language: String
    public var costLimit: Int
    /// Where each rule's time is added up, for `check --timings`.
    public var clock: RuleClock?

    public init(language: String = "en", costLimit: Int = Engine.defaultCostLimit, clock: RuleClock? = nil) {
      self.language = language
      self.costLimit = costLimit
      self.clock = clock
    }
  }

  /// `rules` are the rules that run; `knownRuleIDs` every rule id there is,
  /// so that a suppression of a disabled rule is not called unknown.
  public static func run(
    _ rules: [Rule], on model: Model, transition: Transition? = nil, settings: Settings = Settings(),
    knownRuleIDs: Set<String>
  ) throws(EvaluationFailure) -> [Diagnostic] {
    try evaluate(rules, on: model, transition: transition, settings: settings, knownRuleIDs: knownRuleIDs)
      .map(\.diagnostic).sorted(by: Diagnostic.reportOrder)
  }

  /// The findings with the index of the unit each is about, for attributing
  /// a proposal's findings to its changes.
  static func evaluate(
    _ rules: [Rule], on model: Model, transition: Transition?, settings: Settings, knownRuleIDs: Set<String>
  ) throws(EvaluationFailure) -> [(diagnostic: Diagnostic, unit: Int32?)] {
    let context = ModelContext(model)
    let eligible = model.units.indices.filter { !model.units[$0].isIncomplete }.map(Int32.init)
    // Rules are independent of each other: they run side by side, and their
    // findings are taken in rule order.
    let perRule = parallelMap(rules.filter { !$0.isIntrinsic }) { rule in
      let start = ContinuousClock.now
      defer { settings.clock?.add(rule.id, start.duration(to: .now)) }
      return Result { () throws(EvaluationFailure) in
        try ruleFindings(rule, eligible: eligible, context: context, transition: transition, settings: settings)
      }
    }
    var findings: [(diagnostic: Diagnostic, unit: Int32?)] = []
    for result in perRule { findings += try result.get() }
    return applySuppressions(findings, model: model, rules: rules, knownRuleIDs: knownRuleIDs)
  }

  private static func ruleFindings(
    _ rule: Rule, eligible: [Int32], context: ModelContext, transition: Transition?, settings: Settings
  ) throws(EvaluationFailure) -> [(diagnostic: Diagnostic, unit: Int32?)] {
    var evaluation = Evaluation(
      context: context, options: .map(rule.options.map { ($0.name, ExprValue($0.value)) }),
      costLimit: settings.costLimit)
    evaluation.transition = transition
    let raised: [(finding: Finding, check: CompiledCheck)]
    switch rule.scope {
    case .units:
      var selected = eligible
      if !rule.selector.selectsAll {
        selected = []
        for unit in eligible where try rule.selector.matches(unit, evaluation) {
          selected.append(unit)
        }
      }
      raised = try unitFindings(rule, selected, evaluation)
    case .changes:
      guard let transition else { return [] }
      raised = try changeFindings(rule, transition, model: context.model, evaluation)
    }
    var findings: [(diagnostic: Diagnostic, unit: Int32?)] = []
    for (finding, check) in raised {
      let template = check.message ?? rule.messages
      let diagnostic = try diagnostic(for: finding, of: rule, template: template, evaluation, settings.language)
      findings.append((diagnostic, finding.unit))
    }
    return findings
  }

  /// The first failing check of a rule speaks for a unit; later checks of
  /// the same rule stay silent about it.
  private static func unitFindings(_ rule: Rule, _ selected: [Int32], _ evaluation: Evaluation)
    throws(EvaluationFailure) -> [(finding: Finding, check: CompiledCheck)]
  {
    var raised: [(finding: Finding, check: CompiledCheck)] = []
    var reportedByEarlierChecks = Set<Int32>()
    for check in rule.checks {
      var reportedNow = Set<Int32>()
      for finding in try check.check.run(on: selected, evaluation) {
        if let unit = finding.unit {
          guard !reportedByEarlierChecks.contains(unit) else { continue }
          reportedNow.insert(unit)
        }
        raised.append((finding, check))
      }
      reportedByEarlierChecks.formUnion(reportedNow)
    }
    return raised
  }

  /// Rules with `scope: changes`: each applied change, reported at the change.
  private static func changeFindings(
    _ rule: Rule, _ transition: Transition, model: Model, _ evaluation: Evaluation
  ) throws(EvaluationFailure) -> [(finding: Finding, check: CompiledCheck)] {
    var raised: [(finding: Finding, check: CompiledCheck)] = []
    let proposalFile = UInt32(model.files.count - 1)
    for outcome in transition.changes where outcome.applied {
      let change = transition.value(of: outcome)
      for check in rule.checks {
        guard let expression = (check.check as? ExpressionCheck)?.expression,
          try !evaluation.condition(expression, change: change)
        else { continue }
        let location =
          (rule.reportAtDelta ? outcome.change.headcountDeltaLocation : nil) ?? outcome.change.location
        let at = SourceRef(file: proposalFile, line: UInt32(location.line), column: UInt32(location.column))
        raised.append(
          (Finding(unit: nil, change: outcome.change.index, at: at, variables: [("change", change)]), check))
        break
      }
    }
    return raised
  }

  private static func diagnostic(
    for finding: Finding, of rule: Rule, template: [String: MessageTemplate], _ evaluation: Evaluation,
    _ language: String
  ) throws(EvaluationFailure) -> Diagnostic {
    let model = evaluation.context.model
    var variables = finding.variables
    for name in rule.messageVariables where !variables.contains(where: { $0.name == name }) {
      variables.append((name, .null))
    }
    var message = ""
    for part in (template[language] ?? template["en"])?.parts ?? [] {
      switch part {
      case .text(let text): message += text
      case .expression(let expression):
        message += try evaluation.value(expression, unit: finding.unit, extra: variables)
          .rendered(in: model, before: evaluation.transition?.before.model)
      }
    }
    let unit = finding.unit.map { model.units[Int($0)] }
    let at = finding.at ?? unit.map { u in rule.reportAt.map { u.position(of: $0) } ?? u.at }
    return Diagnostic(
      rule: rule.id, severity: rule.severity, message: message,
      location: model.location(at ?? model.header?.at ?? SourceRef(file: 0, line: 1, column: 1)),
      unit: unit?.id, change: finding.change,
      related: finding.related.map { Diagnostic.Related(model.location($0.at), $0.message) })
  }

  /// Drops findings that a unit's `suppress:` silences, and reports each
  /// suppression that silenced nothing (as ESLint reports unused disables).
  private static func applySuppressions(
    _ findings: [(diagnostic: Diagnostic, unit: Int32?)], model: Model, rules: [Rule], knownRuleIDs: Set<String>
  ) -> [(diagnostic: Diagnostic, unit: Int32?)] {
    var used = Set<SourceRef>()
    var kept: [(diagnostic: Diagnostic, unit: Int32?)] = []
    kept.reserveCapacity(findings.count)
    for (diagnostic, unit) in findings {
      if let unit, let suppression = model.units[Int(unit)].suppressions.first(where: { $0.rule == diagnostic.rule }) {
        used.insert(suppression.at)
      } else {
        kept.append((diagnostic, unit))
      }
    }
    guard let unusedRule = rules.first(where: { $0.id == unusedSuppression }) else { return kept }
    let ran = Set(rules.filter { !$0.isIntrinsic }.map(\.id))
    for position in model.units.indices where !model.units[position].isIncomplete {
      for suppression in model.units[position].suppressions where !used.contains(suppression.at) {
        let message: String
        if ran.contains(suppression.rule) {
          message = "the suppression of '\(suppression.rule)' silences nothing here; remove it"
        } else if RuleCompiler.intrinsicRules.contains(suppression.rule) {
          message = "'\(suppression.rule)' findings cannot be suppressed; correct the file instead"
        } else if !knownRuleIDs.contains(suppression.rule) {
          let hint =
            closestMatch(to: suppression.rule, in: knownRuleIDs.sorted()).map { "; did you mean '\($0)'?" } ?? ""
          message = "no rule is called '\(suppression.rule)'\(hint)"
        } else {
          continue  // a rule that is known but not running now
        }
        let diagnostic = Diagnostic(
          rule: unusedSuppression, severity: unusedRule.severity, message: message,
          location: model.location(suppression.at), unit: model.units[position].id)
        kept.append((diagnostic, Int32(position)))
      }
    }
    return kept
  }
}

/// The time each rule took, added up over every model and proposal a run
/// checks. Rules run side by side, so the times add up to more than the
/// rules stage took.
public final class RuleClock: Sendable {
  private let times = Mutex(StageTimes())

  public init() {}

  func add(_ rule: String, _ duration: Duration) { times.withLock { $0.add(rule, duration) } }

  /// Each rule that ran and its seconds, the slowest first.
  public var rules: [(rule: String, seconds: Double)] {
    times.withLock { $0.stages }.map { (rule: $0.name, seconds: $0.seconds) }.sorted {
      $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.rule < $1.rule
    }
  }
}
