import Foundation

/// The one parser of numbers in response cells (`score`, `compare`, `import`): decimal
/// notation only — an optional sign, digits with an optional fraction, an optional exponent,
/// surrounding spaces and tabs allowed. No hexadecimal (`0x1p2`), no `inf` or `nan`, no
/// trailing bytes (`4\0junk`), and only finite results. The common cells (`4`, `-1`, `3.5`)
/// are parsed from the bytes without making a string.
public enum NumberParser {
  /// The number in `bytes`, or nil when the text is not a number.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
    guard lo < hi else { return nil }
    var i = lo
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var whole: Int64 = 0
    var digits = 0
    while i < hi, bytes[i] &- 0x30 < 10, digits < 15 {
      whole = whole * 10 + Int64(bytes[i] &- 0x30)
      digits += 1
      i += 1
    }
    var value = Double(whole)
    if i < hi, bytes[i] == UInt8(ascii: ".") {
      i += 1
      var fraction: Int64 = 0
      var scale = 1.0
      var fractionDigits = 0
      while i < hi, bytes[i] &- 0x30 < 10, fractionDigits < 15 {
        fraction = fraction * 10 + Int64(bytes[i] &- 0x30)
        scale *= 10
        fractionDigits += 1
        i += 1
      }
      digits += fractionDigits
      value += Double(fraction) / scale
    }
    if i == hi, digits > 0 { return negative ? -value : value }
    return slowParse(UnsafeBufferPointer(rebasing: bytes[lo..<hi]))
  }

  /// The number in `text`, or nil (the same rules as for bytes).
  public static func parse(_ text: some StringProtocol) -> Double? {
    var text = String(text)
    return text.withUTF8 { parse($0) }
  }

  /// Exponents and long digit strings, checked against the decimal grammar first (strtod
  /// alone would take hexadecimal, `inf`, and stop at a NUL byte).
  private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard isDecimal(bytes) else { return nil }
    guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
    return value
  }

  /// Whether `bytes` is `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit
  /// before the exponent.
  static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    func digits() -> Int {
      let from = i
      while i < n, bytes[i] &- 0x30 < 10 { i += 1 }
      return i - from
    }
    if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
    var mantissa = digits()
    if i < n, bytes[i] == UInt8(ascii: ".") {
      i += 1
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == n
  }
}
