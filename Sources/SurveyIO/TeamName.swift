/// What a team cell must be, for every reader (`score`, `compare`, `import`): not blank, and
/// free of control characters — a NUL would end the name early in C and SQLite, merging
/// "A\0B" into team "A", and a name nobody can read cannot be reported.
public enum TeamName {
  /// Why the team cell `bytes` cannot be used, or nil when it can.
  public static func problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var blank = true
    for byte in bytes where byte != 0x20 && byte != 0x09 {
      if byte < 0x20 || byte == 0x7F {
        return "the team name contains a control character (U+\(hex(byte))); remove it from the cell"
      }
      blank = false
    }
    return blank ? "the team is missing" : nil
  }

  /// Why the team cell `text` cannot be used, or nil when it can.
  public static func problem(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { problem($0) }
  }

  /// Whether the team cell is usable (the hot path of ``problem(_:)-(UnsafeBufferPointer<UInt8>)``).
  @inline(__always)
  static func isUsable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var blank = true
    for byte in bytes where byte != 0x20 && byte != 0x09 {
      if byte < 0x20 || byte == 0x7F { return false }
      blank = false
    }
    return !blank
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }
}
