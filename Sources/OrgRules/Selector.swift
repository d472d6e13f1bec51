import OrgModel
import OrgYAML

/// Which units a rule (or a `count`'s `where`) applies to: by kind, role,
/// presence or absence of keys, and a general condition. Every part given
/// must hold.
package struct Selector: Sendable {
  var kinds: [String]?
  var roles: [String]?
  var has: [FieldPath] = []
  var lacks: [FieldPath] = []
  var condition: CompiledExpression?
  /// Only units a proposal touched (true) or left alone (false).
  var changed: Bool?

  package static let keys = ["kind", "role", "has", "lacks", "where", "changed"]

  func matches(_ unit: Int32, _ evaluation: Evaluation) throws(EvaluationFailure) -> Bool {
    let model = evaluation.context.model
    let index = Int(unit)
    // This runs for every unit and every rule. Kind and role are read field
    // by field, and most units fail them; handing the whole unit to a
    // function would copy it (a retain of each of its strings and lists).
    if let kinds, !kinds.contains(model.units[index].kind) { return false }
    if let roles, !roles.contains(where: model.units[index].roles.contains) { return false }
    for field in has where !field.isPresent(in: model.units[index], model: model, unit: unit) { return false }
    for field in lacks where field.isPresent(in: model.units[index], model: model, unit: unit) { return false }
    if let changed, (evaluation.transition?.changed.contains(unit) ?? false) != changed { return false }
    if let condition {
      return try evaluation.condition(condition, unit: unit)
    }
    return true
  }

}

/// A key of a unit that rules can name: `headcount`, `name`, `parent`,
/// `attributes.budget`, …
enum FieldPath: Sendable, Equatable {
  case key(UnitKey)
  case attribute(String)

  static var attributePrefix: String { RuleCompiler.attributePathPrefix }

  init?(_ text: String) {
    let prefix = Self.attributePrefix
    if text.hasPrefix(prefix), text.count > prefix.count {
      self = .attribute(String(text.dropFirst(prefix.count)))
    } else if let key = UnitKey(rawValue: text) {
      self = .key(key)
    } else {
      return nil
    }
  }

  static var validNames: [String] { UnitKey.allCases.map(\.rawValue) + [attributePrefix + "<name>"] }

  func isPresent(in unit: Unit, model: Model, unit index: Int32) -> Bool {
    switch self {
    case .key(.headcount): unit.headcount != nil
    case .key(.directHeadcount): unit.directHeadcount != nil
    case .key(.parent): unit.parent != nil
    case .key(.roles): !unit.roles.isEmpty
    case .key(.relations): !unit.relations.isEmpty
    case .key(.attributes): unit.attributes != nil
    case .key(.manager): unit.manager != nil
    case .key(.description): unit.description != nil
    case .key(.formerly): !unit.formerly.isEmpty
    case .key(.suppress): !unit.suppressions.isEmpty
    case .key(.units): !model.children(of: index).isEmpty
    case .key: true  // id, name, kind: required
    case .attribute(let name): attribute(name, of: unit) != nil
    }
  }

  /// The value, as expressions see it (nil when absent).
  func value(of unit: Unit) -> ExprValue? {
    switch self {
    case .key(.id): .string(unit.id)
    case .key(.name): .string(unit.name)
    case .key(.kind): .string(unit.kind)
    case .key(.headcount): unit.headcount.map(ExprValue.int)
    case .key(.directHeadcount): unit.directHeadcount.map(ExprValue.int)
    case .key(.parent): unit.parent.map { .string($0.id) }
    case .key(.manager): unit.manager.map(ExprValue.string)
    case .key(.description): unit.description.map(ExprValue.string)
    case .key(.roles): .list(unit.roles.map(ExprValue.string))
    case .key(.formerly): .list(unit.formerly.map(ExprValue.string))
    case .key(.attributes): unit.attributes.map(ExprValue.init)
    case .key(.relations): .map(unit.relations.map { ($0.name, .list($0.targets.map { .string($0.id) })) })
    case .key(.suppress): .map(unit.suppressions.map { ($0.rule, .string($0.reason)) })
    case .attribute(let name): attribute(name, of: unit).map(ExprValue.init)
    case .key(.units): nil
    }
  }

  /// Where the key was written in the unit (the unit when unknown).
  func position(in unit: Unit) -> SourceRef {
    switch self {
    case .key(let key): unit.position(of: key)
    case .attribute: unit.position(of: .attributes)
    }
  }

  var name: String {
    switch self {
    case .key(let key): key.rawValue
    case .attribute(let name): "attributes.\(name)"
    }
  }

  private func attribute(_ name: String, of unit: Unit) -> DataValue? {
    guard case .map(let pairs)? = unit.attributes else { return nil }
    return pairs.first { $0.key == name }?.value
  }
}
