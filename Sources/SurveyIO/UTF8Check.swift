import Foundation

/// Finds text that is not UTF-8 in a record, so that a file saved in another encoding
/// (Windows-1252, Latin-1, UTF-16) is refused with its line and field instead of its names
/// being changed: two teams that differ only in such bytes would otherwise print alike.
/// Written by hand because it runs on every record: records of ASCII bytes (the usual case)
/// cost one test of eight bytes at a time.
public enum UTF8Check {
  /// Whether any byte of `bytes[from ..< to]` is 0x80 or above.
  @inline(__always)
  static func hasHighBytes(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    var i = from
    while i + 8 <= to {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
      i += 8
    }
    while i < to {
      if base[i] >= 0x80 { return true }
      i += 1
    }
    return false
  }

  /// The first field (1-based) that is not valid UTF-8, and a message that names the bad byte.
  static func firstBadField(_ fields: FieldSlices) -> (field: Int, message: String)? {
    for i in 0..<fields.count {
      let bytes = fields.bytes(i)
      if let offset = firstInvalid(bytes) {
        let before = bytes[..<offset].suffix(12).map { $0 >= 0x20 && $0 < 0x7F ? Character(Unicode.Scalar($0)) : "?" }
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        let context = before.isEmpty ? "at its start" : "after '\(String(before))'"
        let utf16 = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        let encoding = utf16 ? "the file seems to be saved as UTF-16" : "the file seems to be saved in another encoding, such as Windows-1252"
        return (i + 1, "field \(i + 1) is not UTF-8 text: byte 0x\(byte.count == 1 ? "0" + byte : byte) \(context) (\(encoding))")
      }
    }
    return nil
  }

  /// The offset of the first byte of `bytes` that does not belong to a well-formed UTF-8
  /// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
  static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return i
      }
      guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return i }
      for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return i }
      i += length
    }
    return nil
  }
}

extension UTF8Check {
  /// The text of a definition file (survey, organisation), or an error naming the line of the
  /// first byte that is not UTF-8.
  /// - Throws: ``InputError`` of `kind`.
  public static func text(of data: Data, file: String, kind: InputError.Kind) throws -> String {
    let bad = data.withUnsafeBytes { UTF8Check.firstInvalid($0.bindMemory(to: UInt8.self)) }
    guard let bad else { return String(decoding: data, as: UTF8.self) }
    let line = 1 + data.prefix(bad).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    throw InputError(
      kind: kind, file: file, line: line,
      message: "the file is not UTF-8 text: byte 0x\(String(data[data.startIndex + bad], radix: 16, uppercase: true))",
      hint: "save it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8")
  }
}
