/// Writing the planned units as organisation files: the header and the
/// national levels first, then the regions split evenly over the files, and
/// the loose units of planted faults at the end of the last one.
extension Plan {
  func write() -> [SyntheticOrganisation.File] {
    let count = options.files
    return (0..<count).map { f in
      var out = Output()
      if f == 0 {
        out.line("orglint: 1")
        out.line("organisation:")
        out.line("  id: sverige")
        out.line("  name: Sveriges regioner (syntetisk)")
        out.line("  as_of: 2026-01-01")
        out.line("  root: sverige")
      }
      out.line("units:")
      if f == 0 {
        writeUnit(0, indent: 2, topLevel: true, into: &out)
      }
      for region in regions[f * regions.count / count..<(f + 1) * regions.count / count] {
        writeUnit(region, indent: 2, topLevel: true, into: &out)
      }
      if f == count - 1 {
        for unit in units.indices where units[unit].isLoose {
          writeUnit(Int32(unit), indent: 2, topLevel: true, into: &out)
        }
      }
      let name = count == 1 ? "organisation.yaml" : "part-\(String(f + 1).leftPadded(to: 2)).yaml"
      return SyntheticOrganisation.File(name: name, bytes: out.bytes)
    }
  }

  /// Children written right after their parent (nested in its `units:`, or
  /// next at the top level when flat); regions start their file's top level
  /// and loose units end the last file.
  func writtenWithParent(_ index: Int32) -> [Int32] {
    units[Int(index)].children.filter { units[Int($0)].kind != "region" && !units[Int($0)].isLoose }
  }

  func writeUnit(_ index: Int32, indent: Int, topLevel: Bool, into out: inout Output) {
    let unit = units[Int(index)]
    let pad = String(repeating: " ", count: indent)
    out.line(pad + "- id: " + unit.id)
    let keys = pad + "  "
    out.line(keys + "name: " + unit.name)
    out.line(keys + "kind: " + unit.kind)
    if topLevel, let parent = unit.parent { out.line(keys + "parent: " + units[Int(parent)].id) }
    if let headcount = unit.headcount { out.line(keys + unit.headcountKey + ": \(headcount)") }
    if unit.directHeadcount > 0 { out.line(keys + "direct_headcount: \(unit.directHeadcount)") }
    if let roles = unit.roles { out.line(keys + "roles: " + roles) }
    if let relations = unit.relations { out.line(keys + "relations: " + relations) }
    if let manager = unit.manager { out.line(keys + "manager: " + manager) }
    if let attributes = unit.attributes { out.line(keys + "attributes: " + attributes) }
    if let suppress = unit.suppress { out.line(keys + "suppress: " + suppress) }
    let children = writtenWithParent(index)
    switch options.layout {
    case .nested where !children.isEmpty:
      out.line(keys + "units:")
      for child in children { writeUnit(child, indent: indent + 4, topLevel: false, into: &out) }
    case .nested:
      break
    case .flat:
      for child in children { writeUnit(child, indent: indent, topLevel: true, into: &out) }
    }
  }
}

struct Output {
  var bytes: [UInt8] = []

  mutating func line(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    bytes.append(0x0A)
  }
}
