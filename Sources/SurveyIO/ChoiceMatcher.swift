import SurveyModel

/// Finds the option a response cell names for a choice item: the cell, without surrounding
/// spaces and tabs and in any case, equals an option's id or label. ASCII cells are compared
/// byte by byte against the ASCII ids and labels without making a string (the common case of
/// short codes such as `a`, `b`); other cells are compared as text.
struct ChoiceMatcher: Sendable {
  /// Lowercased ASCII keys (ids and labels) and the score they stand for.
  private let ascii: [(key: [UInt8], score: Double)]
  /// Every key as text, for cells or keys beyond ASCII.
  private let text: [String: Double]

  init(options: [Item.Option]) {
    var text: [String: Double] = [:]
    for option in options {
      for key in [option.id, option.label] { text[Item.Option.matchKey(key)] = text[Item.Option.matchKey(key)] ?? option.score }
    }
    self.text = text
    ascii = text.compactMap { key, score in key.utf8.allSatisfy { $0 < 0x80 } ? (Array(key.utf8), score) : nil }
  }

  /// The score of the option `bytes` names, or nil when it names none.
  func score(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
    var isASCII = true
    for i in lo..<hi where bytes[i] >= 0x80 { isASCII = false }
    if isASCII {
      for (key, score) in ascii where key.count == hi - lo {
        var same = true
        for j in 0..<key.count where Self.folded(bytes[lo + j]) != key[j] {
          same = false
          break
        }
        if same { return score }
      }
      return nil  // an ASCII cell, lowercased, can only equal an ASCII key
    }
    return text[Item.Option.matchKey(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self))]
  }

  /// An ASCII letter in lower case; other bytes as they are.
  @inline(__always)
  private static func folded(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
  }
}
