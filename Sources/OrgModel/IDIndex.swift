import OrgDiagnostics

/// id → the first unit with that id. Built for a million units: each id is
/// hashed once, on all cores, and the table is one flat array whose slots
/// hold a unit's index beside a piece of its hash, so that a probe compares
/// strings only when the hashes agree. The hash is Swift's own, seeded per
/// process, so no file can make the ids collide on purpose.
struct IDIndex: Sendable {
  /// Per slot: the high half of the hash above the unit's index + 1; 0 is free.
  private var slots: [UInt64] = []
  /// Each unit whose id an earlier unit already has, with that earlier
  /// unit, in model order: found while the table is filled, for free.
  private(set) var repeats: [(unit: Int32, first: Int32)] = []

  init() {}

  init(_ units: [Unit]) {
    let ranges = slices(of: units.count)
    let hashes = parallelMap(ranges) { range in range.map { units[$0].id.hashValue } }
    // At most half full: linear probing then stays short.
    var capacity = 16
    while capacity < 2 * units.count { capacity <<= 1 }
    slots = [UInt64](repeating: 0, count: capacity)
    for (range, hashes) in zip(ranges, hashes) {
      for (position, hash) in zip(range, hashes) {
        switch find(units[position].id, hash: hash, in: units) {
        case .found(let first): repeats.append((Int32(position), first))
        case .free(let slot): slots[slot] = Self.tag(hash) | UInt64(position + 1)
        }
      }
    }
  }

  /// The first unit whose id is `id`.
  func first(_ id: String, in units: [Unit]) -> Int32? {
    guard !slots.isEmpty, case .found(let unit) = find(id, hash: id.hashValue, in: units) else { return nil }
    return unit
  }

  private enum Probe {
    case found(Int32)
    case free(Int)
  }

  private func find(_ id: String, hash: Int, in units: [Unit]) -> Probe {
    let mask = slots.count - 1
    let tag = Self.tag(hash)
    var slot = hash & mask
    while slots[slot] != 0 {
      let entry = slots[slot]
      if entry & Self.tagMask == tag {
        let unit = Int(truncatingIfNeeded: entry & ~Self.tagMask) - 1
        // A model whose units changed since it was resolved has a stale
        // index: it may miss, but must not read past the units.
        if unit < units.count, units[unit].id == id { return .found(Int32(unit)) }
      }
      slot = (slot + 1) & mask
    }
    return .free(slot)
  }

  private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000
  private static func tag(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) & tagMask }
}
