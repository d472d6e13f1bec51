extension Diagnostic {
  /// What a finding is about, wherever its lines have moved: the rule, the
  /// file, the unit and the message. Baselines match findings on it, and
  /// SARIF fingerprints are made from it, so both survive edits elsewhere.
  public var identity: String {
    [rule, location.file, unit ?? "", message].joined(separator: "\u{1F}")
  }
}

/// A hash that is the same on every machine and in every run (Swift's
/// `Hasher` is seeded per process): 64-bit FNV-1a over the UTF-8 bytes, as
/// 16 hex digits.
public func stableHash(_ text: String) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash &*= 0x0000_0100_0000_01b3
  }
  let digits = String(hash, radix: 16)
  return String(repeating: "0", count: 16 - digits.count) + digits
}
