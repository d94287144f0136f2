import Foundation

/// Parses a number straight from a CSV field's bytes, without making a string on the common
/// path (`4`, `-1`, `3.5`, with surrounding spaces).
enum NumberParser {
  /// The number in `bytes`, or nil when the text is not a number.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var lo = 0, hi = bytes.count
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

  /// Exponents, long digit strings and the like, through strtod.
  private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
    return Double(text)
  }
}
