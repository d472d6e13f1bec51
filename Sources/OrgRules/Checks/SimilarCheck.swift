import OrgModel
import OrgYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `similar`: sibling units whose names (or another text key) are nearly the
/// same, such as "Inköps- och försäljningsservice" beside "Inköp- och
/// försörjningsservice": likely one unit written twice. Names equal but for
/// their digits ("Länssjukvård 1", "Länssjukvård 2") are deliberate series,
/// and exact repeats are `unique`'s to report.
struct SimilarCheck: Check {
  let field: FieldPath
  /// Similarity (1 − edit distance / length of the longer) at or above which
  /// two names are reported.
  let threshold: Double

  static let variables = ["value", "other", "similarity"]
  /// Sibling groups larger than this compare each name with its nearest
  /// neighbours in sorted order only, so the cost stays linear.
  static let fullComparisonLimit = 200
  static let window = 16

  func run(on units: [Int32], _ evaluation: Evaluation) throws(EvaluationFailure) -> [Finding] {
    let model = evaluation.context.model
    var findings: [Finding] = []
    var names = LowercasedNames()  // one buffer for every group
    for group in evaluation.context.siblingGroups(of: units) where group.count > 1 {
      names.removeAll()
      for unit in group {
        if let value = field.value(of: unit, in: model) { names.append(unit, value.rendered(in: model)) }
      }
      // A constant copy for the closure below: the variable captured would
      // be checked for exclusive access at every read.
      let siblingNames = names
      siblingNames.scalars.withUnsafeBufferPointer { scalars in
        func text(_ member: Int) -> UnsafeBufferPointer<Unicode.Scalar> {
          UnsafeBufferPointer(rebasing: scalars[siblingNames.members[member].text])
        }
        var order = Array(siblingNames.members.indices)
        let exhaustive = order.count <= Self.fullComparisonLimit
        if !exhaustive { order.sort { text($0).lexicographicallyPrecedes(text($1)) { $0.value < $1.value } } }
        var reported = Set<Int32>()
        for i in order.indices {
          let end = exhaustive ? order.count : min(order.count, i + 1 + Self.window)
          for j in (i + 1)..<max(i + 1, end) {
            let (a, b) = (text(order[i]), text(order[j]))
            let longer = max(a.count, b.count)
            let allowed = Int((1 - threshold) * Double(longer))
            // Most pairs differ in length by more than the distance allowed;
            // most of the rest are a series ("Sektion 1", "Sektion 2").
            guard abs(a.count - b.count) <= allowed, !Self.same(a, b),
              !siblingNames.sameWithoutDigits(order[i], order[j])
            else { continue }
            let distance = editDistance(a, b, limit: allowed)
            guard distance <= allowed else { continue }
            let (first, later) = sorted(siblingNames.members[order[i]].unit, siblingNames.members[order[j]].unit)
            guard reported.insert(later).inserted else { continue }
            let similarity = 1 - Double(distance) / Double(longer)
            findings.append(finding(later, like: first, similarity: similarity, model))
          }
        }
      }
    }
    return findings
  }

  private func sorted(_ a: Int32, _ b: Int32) -> (Int32, Int32) { a < b ? (a, b) : (b, a) }

  private func finding(_ unit: Int32, like other: Int32, similarity: Double, _ model: Model) -> Finding {
    Finding(
      unit: unit, at: field.position(of: unit, in: model),
      variables: [
        ("value", field.value(of: unit, in: model) ?? .null), ("other", .unit(other)),
        ("similarity", .int(Int((similarity * 100).rounded()))),
      ],
      related: [(field.position(of: other, in: model), "the similar sibling '\(model.units[Int(other)].id)'")])
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? ("0"..."9").contains(scalar) : scalar.properties.numericType == .decimal
  }

  static func same(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
    a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count * 4) == 0)
  }

  /// The names of one sibling group, lowercased as `String.lowercased()`
  /// does (scalar by scalar), in one buffer of scalars: a name costs no
  /// allocation of its own. Each name's digits are left out in a second
  /// buffer, with a hash of what remains, so that most pairs of a series
  /// are told apart, or found the same, without a scalar compared.
  struct LowercasedNames {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var members: [(unit: Int32, text: Range<Int>, withoutDigits: Range<Int>, hash: UInt64)] = []
    private var digitless: [Unicode.Scalar] = []

    mutating func removeAll() {
      scalars.removeAll(keepingCapacity: true)
      digitless.removeAll(keepingCapacity: true)
      members.removeAll(keepingCapacity: true)
    }

    mutating func append(_ unit: Int32, _ text: String) {
      let (start, digitlessStart) = (scalars.count, digitless.count)
      for scalar in text.unicodeScalars {
        if scalar.isASCII {
          let isUpper = ("A"..."Z").contains(scalar)
          scalars.append(isUpper ? Unicode.Scalar(UInt8(scalar.value + 0x20)) : scalar)
        } else {
          scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
      }
      var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
      for scalar in scalars[start...] where !SimilarCheck.isDigit(scalar) {
        digitless.append(scalar)
        hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01B3
      }
      members.append((unit, start..<scalars.count, digitlessStart..<digitless.count, hash))
    }

    /// Whether two names are the same once their digits are left out.
    func sameWithoutDigits(_ a: Int, _ b: Int) -> Bool {
      guard members[a].hash == members[b].hash else { return false }
      return digitless.withUnsafeBufferPointer { buffer in
        SimilarCheck.same(
          UnsafeBufferPointer(rebasing: buffer[members[a].withoutDigits]),
          UnsafeBufferPointer(rebasing: buffer[members[b].withoutDigits]))
      }
    }
  }
}
