import Foundation

/// Finds where a byte sequence stops being UTF-8, so a plugin file can be refused at its line.
enum UTF8Validation {
  /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
  static func firstInvalidByte(in data: Data) -> Int? {
    let bytes = [UInt8](data)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length: Int
      switch b {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return i
      }
      guard i + length <= bytes.count else { return i }
      if String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
      i += length
    }
    return nil
  }
}
