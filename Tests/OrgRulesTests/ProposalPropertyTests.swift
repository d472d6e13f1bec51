import OrgDiagnostics
import OrgModel
import OrgProposal
import OrgSynthetic
import OrgYAML
import Testing

@testable import OrgRules

/// A random organisation as a tree of ids, and random valid proposals on it.
/// The generator keeps its own picture of the tree, change by change, so
/// that every change it writes is valid where it is applied.
struct RandomCase {
  static let kinds = ["division", "vo", "enhet", "stab"]
  static let names = ["Service", "Servise", "Drift", "Ekonomi", "HR", "IT", "Vård", "Vård 2"]

  var rng: SplitMix64
  /// Parent of each live unit (nil for the root), and the root.
  var parent: [String: String?] = [:]
  var root = "u0"
  var rootHasHeadcount = true
  var baseYAML = ""
  var proposalYAML = ""
  var kindsUsed: [String] = []

  init(seed: UInt64) {
    rng = SplitMix64(seed: seed)
    makeBase()
    makeProposal()
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

  func children(of id: String) -> [String] { parent.filter { $0.value == id }.map(\.key).sorted() }

  func isInSubtree(_ candidate: String, of ancestor: String) -> Bool {
    var current: String? = candidate
    while let unit = current {
      if unit == ancestor { return true }
      current = parent[unit] ?? nil
    }
    return false
  }

  /// A tree of 5–40 units whose headcounts add up: each unit's headcount is
  /// its direct headcount plus its children's. The root gives one or not.
  mutating func makeBase() {
    let count = int(5...40)
    var parents: [Int?] = [nil]
    for i in 1..<count { parents.append(int(0...i - 1)) }
    var headcount = [Int](repeating: 0, count: count)
    var direct = [Int?](repeating: nil, count: count)
    for i in stride(from: count - 1, through: 0, by: -1) {
      let hasChildren = parents.contains { $0 == i }
      if hasChildren {
        direct[i] = chance(0.5) ? int(0...10) : nil
        headcount[i] += direct[i] ?? 0
      } else {
        headcount[i] = int(0...50)
      }
      if let p = parents[i] { headcount[p] += headcount[i] }
    }
    rootHasHeadcount = chance(0.5)
    var lines: [String] = []
    if chance(0.5) { lines.append("organisation: { id: org, name: Org, root: u0 }") }
    lines.append("units:")
    for i in 0..<count {
      let kind = i == 0 ? "region" : pick(Self.kinds)
      var fields = ["id: u\(i)", "name: \"\(pick(Self.names))\"", "kind: \(kind)"]
      if let p = parents[i] { fields.append("parent: u\(p)") }
      if i > 0 || rootHasHeadcount { fields.append("headcount: \(headcount[i])") }
      if let d = direct[i] { fields.append("direct_headcount: \(d)") }
      if chance(0.3) { fields.append("roles: [\(pick(["beställare", "utförare"]))]") }
      if chance(0.3) {
        let targets = (0..<int(1...2)).map { _ in "u\(int(0...count - 1))" }
        fields.append("relations: { beställare: [\(Set(targets).sorted().joined(separator: ", "))] }")
      }
      lines.append("  - { \(fields.joined(separator: ", ")) }")
      parent.updateValue(parents[i].map { "u\($0)" }, forKey: "u\(i)")
    }
    baseYAML = lines.joined(separator: "\n") + "\n"
  }

  /// One to four changes: merges of two siblings (no into.headcount),
  /// transfers of a non-root unit outside its own subtree, renames.
  mutating func makeProposal() {
    var lines = ["proposal: { id: p, base: org.yaml }", "changes:"]
    for k in 1...int(1...4) {
      switch int(0...2) {
      case 0:
        let parents = Set(parent.values.compactMap { $0 }).sorted().filter { children(of: $0).count >= 2 }
        guard !parents.isEmpty else { fallthrough }
        let siblings = children(of: pick(parents)).shuffled(using: &rng)
        let (a, b) = (siblings[0], siblings[1])
        let id = "m\(k)"
        let kind = pick(Self.kinds)
        lines.append("  - merge: [\(a), \(b)]")
        lines.append("    into: { id: \(id), name: \"Merged \(k)\", kind: \(kind) }")
        let common = parent[a]!
        parent[a] = nil
        parent[b] = nil
        parent.updateValue(common, forKey: id)
        for (unit, p) in parent where p == a || p == b { parent[unit] = id }
        kindsUsed.append("merge")
      case 1:
        // With a root that gives no headcount, a root child counts on its
        // own: keep transfers below the counted units so that totals hold.
        let movable = parent.keys.sorted().filter {
          $0 != root && (rootHasHeadcount || parent[$0]! != root)
        }
        let unit = movable.isEmpty ? nil : pick(movable)
        let targets =
          unit.map { u in
            parent.keys.sorted().filter { !isInSubtree($0, of: u) && (rootHasHeadcount || $0 != root) }
          } ?? []
        guard let unit, !targets.isEmpty else { fallthrough }
        let to = pick(targets)
        lines.append("  - transfer: \(unit)")
        lines.append("    to: \(to)")
        parent[unit] = to
        kindsUsed.append("transfer")
      default:
        let unit = pick(parent.keys.sorted())
        let id = "r\(k)"
        lines.append("  - rename: \(unit)")
        lines.append("    id: \(id)")
        lines.append("    name: \"Renamed \(k)\"")
        let p = parent[unit]!
        parent[unit] = nil
        parent.updateValue(p, forKey: id)
        for (child, cp) in parent where cp == unit { parent[child] = id }
        if root == unit { root = id }
        kindsUsed.append("rename")
      }
    }
    proposalYAML = lines.joined(separator: "\n") + "\n"
  }
}

@Suite struct ProposalPropertyTests {
  static let rules = builtinRules()
  static let known = Set(rules.map(\.id))
  /// Change-scoped and change-only rules, which a model alone cannot show.
  static let changeRules: Set<String> = ["headcount-conserved", "invalid-change"]

  /// A model from YAML text; the text must load cleanly.
  func build(_ yaml: String, file: String) throws -> (Model, [Diagnostic]) {
    var builder = ModelBuilder()
    builder.add(try YAMLParser.parse(Array(yaml.utf8), file: file))
    return builder.finish()
  }

  /// Everything of a unit that writing and reading back must keep.
  func summary(_ model: Model) -> [String: String] {
    var result: [String: String] = [:]
    for (i, unit) in model.units.enumerated() {
      let parentID = model.parentIndex[i].map { model.units[Int($0)].id } ?? "-"
      let relations = unit.relations.map { "\($0.name)=\($0.targets.map(\.id).joined(separator: ","))" }
      result[unit.id] = [
        unit.name, unit.kind, parentID, unit.headcount.map(String.init) ?? "-",
        unit.directHeadcount.map(String.init) ?? "-", unit.roles.joined(separator: ","),
        relations.joined(separator: ";"), unit.formerly.joined(separator: ","),
      ].joined(separator: " | ")
    }
    return result
  }

  @Test func randomValidProposals() throws {
    var operations: [String: Int] = [:]
    var casesWithFindings = 0
    for seed in UInt64(1)...200 {
      let random = RandomCase(seed: seed)
      let context = "seed \(seed)\n\(random.baseYAML)\n\(random.proposalYAML)"
      let (base, baseDiagnostics) = try build(random.baseYAML, file: "org.yaml")
      try #require(baseDiagnostics.isEmpty, "\(baseDiagnostics.map(\.message))\n\(context)")
      var reader = ProposalReader(
        tree: try YAMLParser.parse(Array(random.proposalYAML.utf8), file: "p.yaml"),
        fileIndex: UInt32(base.files.count))
      let proposal = reader.read(basePath: "org.yaml")
      try #require(reader.diagnostics.isEmpty, "\(reader.diagnostics.map(\.message))\n\(context)")
      let applied = Applier.apply(proposal, to: base)
      try #require(applied.diagnostics.isEmpty, "\(applied.diagnostics.map(\.message))\n\(context)")
      #expect(applied.outcomes.allSatisfy { $0.applied }, "\(context)")
      for kind in random.kindsUsed { operations[kind, default: 0] += 1 }

      // (a) Merges of siblings, transfers within the counted units and
      // renames move people; they do not add or remove any.
      let first = try #require(applied.outcomes.first, "\(context)")
      let last = try #require(applied.outcomes.last, "\(context)")
      #expect(last.totalAfter == first.totalBefore, "\(context)")
      #expect(applied.outcomes.allSatisfy { $0.totalAfter == $0.totalBefore }, "\(context)")

      // (c) The result written and read back is the same organisation.
      let written = ModelWriter().write(applied.after)
      let (reparsed, reparseDiagnostics) = try build(written, file: "result.yaml")
      try #require(reparseDiagnostics.isEmpty, "\(reparseDiagnostics.map(\.message))\n\(written)\n\(context)")
      #expect(summary(reparsed) == summary(applied.after), "\(context)")
      #expect(reparsed.units.count == applied.after.units.count, "\(context)")
      #expect(Set(reparsed.ids) == Set(random.parent.keys), "\(context)")
      #expect(reparsed.rootID == applied.after.rootID, "\(context)")

      // (b) Checking the written result finds what checking the proposal
      // finds, rule by rule and unit by unit (change-scoped rules aside).
      let direct = try Engine.run(
        Self.rules.filter { $0.id != "headcount-conserved" }, on: reparsed, knownRuleIDs: Self.known)
      let loaded = LoadedProposal(
        applied: applied, baseDiagnostics: [], proposalDiagnostics: [], hasSyntaxError: false)
      let checked = try ProposalCheck.run(loaded, rules: Self.rules, knownRuleIDs: Self.known, showBaseline: true)
        .filter { !Self.changeRules.contains($0.rule) }
      let key = { (d: Diagnostic) in "\(d.rule) \(d.unit ?? "-")" }
      #expect(direct.map(key).sorted() == checked.map(key).sorted(), "\(context)")
      // Findings the proposal caused point into the proposal file at a change.
      for diagnostic in checked where !diagnostic.message.hasSuffix(ProposalCheck.baselineSuffix) {
        #expect(
          diagnostic.change != nil, "\(diagnostic.rule) \(diagnostic.unit ?? "") \(diagnostic.message)\n\(context)")
        #expect(diagnostic.location.file == "p.yaml", "\(diagnostic.message)\n\(context)")
      }
      if !direct.isEmpty { casesWithFindings += 1 }
    }
    // The cases exercise every operation, and findings on both sides.
    #expect(operations.keys.sorted() == ["merge", "rename", "transfer"])
    #expect(operations.values.allSatisfy { $0 >= 50 }, "\(operations)")
    #expect(casesWithFindings >= 50, "\(casesWithFindings)")
  }
}

extension Model {
  fileprivate var ids: [String] { units.map(\.id) }
  fileprivate var rootID: String? { root.map { units[Int($0)].id } }
}
