import OrgModel
import OrgYAML

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
    for group in evaluation.context.siblingGroups(of: units) where group.count > 1 {
      var members = group.compactMap { unit in
        field.value(of: unit, in: model).map { Name(unit: unit, text: $0.rendered(in: model).lowercased()) }
      }
      let exhaustive = members.count <= Self.fullComparisonLimit
      if !exhaustive { members.sort { $0.scalars.lexicographicallyPrecedes($1.scalars) { $0.value < $1.value } } }
      var reported = Set<Int32>()
      for i in members.indices {
        let end = exhaustive ? members.count : min(members.count, i + 1 + Self.window)
        for j in (i + 1)..<max(i + 1, end) {
          let (a, b) = (members[i], members[j])
          let longer = max(a.scalars.count, b.scalars.count)
          let allowed = Int((1 - threshold) * Double(longer))
          // Most pairs differ in length by more than the distance allowed.
          guard abs(a.scalars.count - b.scalars.count) <= allowed, a.scalars != b.scalars,
            a.withoutDigits != b.withoutDigits
          else { continue }
          let distance = editDistance(a.scalars, b.scalars, limit: allowed)
          guard distance <= allowed else { continue }
          let (first, later) = a.unit < b.unit ? (a.unit, b.unit) : (b.unit, a.unit)
          guard reported.insert(later).inserted else { continue }
          let similarity = 1 - Double(distance) / Double(longer)
          findings.append(
            Finding(
              unit: later, at: field.position(of: later, in: model),
              variables: [
                ("value", field.value(of: later, in: model) ?? .null), ("other", .unit(first)),
                ("similarity", .int(Int((similarity * 100).rounded()))),
              ],
              related: [
                (field.position(of: first, in: model), "the similar sibling '\(model.units[Int(first)].id)'")
              ]
            ))
        }
      }
    }
    return findings
  }

  /// A name split into scalars once, with and without its digits.
  struct Name {
    let unit: Int32
    let scalars: [Unicode.Scalar]
    let withoutDigits: [Unicode.Scalar]

    init(unit: Int32, text: String) {
      self.unit = unit
      scalars = Array(text.unicodeScalars)
      withoutDigits = scalars.filter { !Self.isDigit($0) }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isASCII ? ("0"..."9").contains(scalar) : scalar.properties.numericType == .decimal
    }
  }
}
