import OrgDiagnostics
import OrgModel

/// An expression that failed on a unit: the run stops (exit 2) with the
/// place in the rule file and the unit it failed on.
public struct EvaluationFailure: Error, Sendable {
  public var message: String
  public var location: Location
}

/// What one rule's evaluation shares: the model with its indices, the rule's
/// options, and the cost limit of each expression.
struct Evaluation {
  let context: ModelContext
  let options: ExprValue
  let costLimit: Int
  /// Set when the model is a proposal's result.
  var transition: Transition?

  /// The names every expression sees; `unit` is nil for a finding about the
  /// model itself (such as `organisation.root`).
  func variables(for unit: Int32?, extra: [(name: String, value: ExprValue)] = []) -> [(name: String, value: ExprValue)]
  {
    let model = context.model
    var variables: [(name: String, value: ExprValue)] = [("options", options)]
    if let unit {
      let old = transition.flatMap { $0.baseIndex[Int(unit)] }.map(ExprValue.oldUnit) ?? .null
      variables += [
        ("self", .unit(unit)),
        ("old", old),
        ("parent", model.parentIndex[Int(unit)].map(ExprValue.unit) ?? .null),
        ("children", .list(model.children(of: unit).map(ExprValue.unit))),
        (
          "relations",
          .map(model.units[Int(unit)].relations.map { ($0.name, .list($0.targets.map { .string($0.id) })) })
        ),
      ]
    } else {
      variables += [
        ("self", .null), ("old", .null), ("parent", .null), ("children", .list([])), ("relations", .map([])),
      ]
    }
    variables += extra
    return variables
  }

  func value(_ expression: CompiledExpression, unit: Int32?, extra: [(name: String, value: ExprValue)] = [])
    throws(EvaluationFailure) -> ExprValue
  {
    var evaluator = Evaluator(
      context: context, before: transition?.before, variables: variables(for: unit, extra: extra), budget: costLimit)
    do {
      return try evaluator.evaluate(expression.expr)
    } catch {
      throw failure(error, expression, unit)
    }
  }

  func condition(_ expression: CompiledExpression, unit: Int32) throws(EvaluationFailure) -> Bool {
    var evaluator = Evaluator(
      context: context, before: transition?.before, variables: variables(for: unit), budget: costLimit)
    do {
      return try evaluator.evaluateCondition(expression.expr)
    } catch {
      throw failure(error, expression, unit)
    }
  }

  /// A condition over a proposal's change, for rules with `scope: changes`.
  func condition(_ expression: CompiledExpression, change: ExprValue) throws(EvaluationFailure) -> Bool {
    var evaluator = Evaluator(
      context: context, before: transition?.before, variables: [("options", options), ("change", change)],
      budget: costLimit)
    do {
      return try evaluator.evaluateCondition(expression.expr)
    } catch {
      throw EvaluationFailure(message: error.message, location: expression.location(ofOffset: error.offset))
    }
  }

  private func failure(_ error: EvaluationError, _ expression: CompiledExpression, _ unit: Int32?) -> EvaluationFailure
  {
    var message = error.message
    if let unit {
      let u = context.model.units[Int(unit)]
      message += " (on unit '\(u.id)' at \(context.model.location(u.at)))"
    }
    return EvaluationFailure(message: message, location: expression.location(ofOffset: error.offset))
  }
}

/// A finding of a check, before its message is written.
struct Finding {
  /// The unit concerned; nil for a finding about the model itself.
  var unit: Int32?
  /// The proposal change concerned (1-based), for transition findings.
  var change: Int?
  /// Where to point; the unit (or the rule's `at:` key) when nil.
  var at: SourceRef?
  /// Values the message can use, besides self, parent, children, options.
  var variables: [(name: String, value: ExprValue)] = []
  var related: [(at: SourceRef, message: String)] = []
}
