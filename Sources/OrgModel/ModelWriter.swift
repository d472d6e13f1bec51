import OrgYAML

/// Writes a model as an organisation file that reads like a person wrote it:
/// units nested under their parents in model order, keys in the order of the
/// format's table, short lists in flow style. Units on a loop of parents, or
/// nested deeper than `maxNesting`, are written flat (with `parent:`) so that
/// the file always reads back. Iterative, so a million-deep chain is fine.
public struct ModelWriter {
  /// Nesting levels before the writer switches to the flat form; well inside
  /// the reader's depth limit.
  public var maxNesting = 64

  public init() {}

  public func write(_ model: Model) -> String {
    var out = "orglint: 1\n"
    if let header = model.header {
      var fields: [(String, String)] = []
      if let id = header.id { fields.append(("id", scalar(id))) }
      if let name = header.name { fields.append(("name", scalar(name))) }
      if let asOf = header.asOf { fields.append(("as_of", asOf)) }
      if let root = header.root { fields.append(("root", scalar(root.id))) }
      if !fields.isEmpty {
        out += "organisation:\n" + fields.map { "  \($0.0): \($0.1)\n" }.joined()
      }
    }
    out += "units:\n"
    // Entries at the top: units without a resolved parent, units on a loop of
    // parents (they cannot nest anywhere), and units past the nesting limit.
    let onLoop = model.unitsOnParentLoops()
    var roots = model.units.indices.filter { model.parentIndex[$0] == nil || onLoop[$0] }.map(Int32.init)
    var next = 0
    while next < roots.count {
      var stack: [(unit: Int32, depth: Int)] = [(roots[next], 0)]
      next += 1
      while let (unit, depth) = stack.popLast() {
        let indent = String(repeating: "    ", count: depth)
        out += unitText(model.units[Int(unit)], indent: indent, writeParent: depth == 0)
        let children = model.children(of: unit).filter { !onLoop[Int($0)] }
        if depth + 1 >= maxNesting {
          roots += children
        } else if !children.isEmpty {
          out += "\(indent)    units:\n"
          stack += children.reversed().map { ($0, depth + 1) }
        }
      }
    }
    return out
  }

  private func unitText(_ unit: Unit, indent: String, writeParent: Bool) -> String {
    var lines = ["id: \(scalar(unit.id))", "name: \(scalar(unit.name))", "kind: \(scalar(unit.kind))"]
    if writeParent, let parent = unit.parent { lines.append("parent: \(scalar(parent.id))") }
    if let headcount = unit.headcount { lines.append("headcount: \(headcount)") }
    if let direct = unit.directHeadcount { lines.append("direct_headcount: \(direct)") }
    if !unit.roles.isEmpty { lines.append("roles: " + flowList(unit.roles)) }
    if !unit.relations.isEmpty {
      lines.append("relations:")
      for relation in unit.relations {
        let ids = relation.targets.map(\.id)
        lines.append("  \(scalar(relation.name)): " + (ids.count == 1 ? scalar(ids[0]) : flowList(ids)))
      }
    }
    if case .map(let pairs)? = unit.attributes, !pairs.isEmpty {
      lines.append("attributes:")
      for (key, value) in pairs { lines.append("  \(scalar(key)): \(value.flowYAML())") }
    }
    if let manager = unit.manager { lines.append("manager: \(scalar(manager))") }
    if !unit.formerly.isEmpty { lines.append("formerly: " + flowList(unit.formerly)) }
    if let description = unit.description { lines.append("description: \(scalar(description))") }
    if !unit.suppressions.isEmpty {
      lines.append("suppress:")
      for suppression in unit.suppressions {
        lines.append("  \(scalar(suppression.rule)): \(scalar(suppression.reason))")
      }
    }
    return indent + "  - " + lines[0] + "\n" + lines.dropFirst().map { indent + "    " + $0 + "\n" }.joined()
  }

  private func scalar(_ text: String) -> String { DataValue.string(text).flowYAML() }

  private func flowList(_ items: [String]) -> String { "[" + items.map(scalar).joined(separator: ", ") + "]" }
}
