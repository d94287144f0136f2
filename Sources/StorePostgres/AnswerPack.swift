import Foundation

/// A response's answers as Cultivar writes them into `response.answer_pack` (schema version 9),
/// beside the `answer_items`/`answer_values` arrays, so that the server ships them to the
/// scoring reader as stored instead of converting arrays (docs/store.md, "Answers ready to ship").
///
/// The format (version 1), byte by byte:
/// - `0x01`, the format's version (never 0: the arrays' binary form, which the reader also
///   takes, starts with a 0 byte);
/// - the response's team: its length in bytes (an unsigned LEB128 varint), then its UTF-8
///   (so that the reader's index-only scan needs nothing from the row but the pack);
/// - the number of answers, as an unsigned LEB128 varint (so a pack cut short anywhere is
///   told from a shorter one);
/// - per answer, in the arrays' order: the item's number in its wave (`wave_item.number`, at
///   least 1) as an unsigned LEB128 varint (1 byte up to 127), then its value:
///   - one byte `0...251`: that whole number (+0.0 for 0);
///   - `0xFC` and two bytes (big-endian): a whole number 252...65535 (multi-select bit sets);
///   - `0xFF` and eight bytes: the value's IEEE 754 bits, big-endian (everything else: 2.5,
///     -1, -0.0, 1e6, infinities), so every value comes back bit for bit.
///
///   `0xFD` and `0xFE` are not used (a reader refuses them). NaN is never written (it means
///   "not answered", which the arrays leave out too).
///
/// A pack longer than ``limit`` is not written (the row keeps a NULL pack and is read from its
/// arrays): the pack is in the scoring index (`response_ready`), whose entries must stay well
/// under PostgreSQL's 2,704 bytes.
enum AnswerPack {
  static let version: UInt8 = 1
  static let wordTag: UInt8 = 0xFC
  static let doubleTag: UInt8 = 0xFF
  /// The longest pack written, in bytes.
  static let limit = 1024

  /// The pack of a response of `team` with `answers` (item numbers and values), nil when it
  /// would be longer than ``limit``.
  static func encode(team: String, _ answers: [(number: Int32, value: Double)]) -> [UInt8]? {
    let name = Array(team.utf8)
    guard name.count + 2 * answers.count < limit else { return nil }
    var bytes: [UInt8] = [version]
    bytes.reserveCapacity(8 + name.count + 2 * answers.count)
    func varint(_ value: UInt32) {
      var rest = value
      while rest >= 0x80 {
        bytes.append(UInt8(rest & 0x7F) | 0x80)
        rest >>= 7
      }
      bytes.append(UInt8(rest))
    }
    varint(UInt32(name.count))
    bytes += name
    varint(UInt32(answers.count))
    for (number, value) in answers {
      precondition(number > 0, "item numbers start at 1")
      varint(UInt32(number))
      if value.sign == .plus, value <= 65535, value == value.rounded(.towardZero) {
        let whole = UInt16(value)
        if whole < wordTag {
          bytes.append(UInt8(whole))
        } else {
          bytes += [wordTag, UInt8(whole >> 8), UInt8(whole & 0xFF)]
        }
      } else {
        bytes.append(doubleTag)
        let bits = value.bitPattern
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
      }
    }
    return bytes.count <= limit ? bytes : nil
  }

  /// Whether a packed record's answers are a pack (not the arrays' binary form).
  @inline(__always) static func isPack(_ bytes: UnsafeRawBufferPointer) -> Bool { bytes.count > 0 && bytes[0] != 0 }

  /// What went wrong in a pack, for the caller's error.
  enum Flaw: Equatable {
    case version(UInt8)
    case cutShort
    /// Bytes after the answers the pack counts.
    case trailing
    case tag(UInt8)
    case unknownItem(Int)
  }

  /// Writes the answers of `pack` into `values[base + slot]`: `slots[number]` is the value slot
  /// of item `number`, -1 for an item of the wave without one (left out), -2 (or a number past
  /// the end) for a number the wave does not have; `team` receives the team's bytes. Returns
  /// what is wrong with the pack, if anything (the values written before it stay).
  static func decode(
    _ pack: UnsafeRawBufferPointer, slots: UnsafeBufferPointer<Int32>, into values: UnsafeMutableBufferPointer<Double>, at base: Int,
    team: inout UnsafeRawBufferPointer
  ) -> Flaw? {
    let count = pack.count
    guard count > 0 else { return .cutShort }
    guard pack[0] == version else { return .version(pack[0]) }
    var offset = 1
    /// The next unsigned LEB128 varint (at most 5 bytes); nil when cut short.
    func varint() -> Int? {
      var result = 0
      var shift = 0
      while offset < count, shift < 35 {
        let byte = pack[offset]
        offset += 1
        result |= Int(byte & 0x7F) << shift
        if byte < 0x80 { return result }
        shift += 7
      }
      return nil
    }
    guard let length = varint(), length <= count - offset else { return .cutShort }
    team = UnsafeRawBufferPointer(rebasing: pack[offset..<offset + length])
    offset += length
    guard let answers = varint() else { return .cutShort }
    for _ in 0..<answers {
      guard let number = varint() else { return .cutShort }
      guard offset < count else { return .cutShort }
      let tag = pack[offset]
      offset += 1
      let value: Double
      if tag < wordTag {
        value = Double(tag)
      } else if tag == wordTag {
        guard offset + 2 <= count else { return .cutShort }
        value = Double(UInt16(pack[offset]) << 8 | UInt16(pack[offset + 1]))
        offset += 2
      } else if tag == doubleTag {
        guard offset + 8 <= count else { return .cutShort }
        value = Double(bitPattern: UInt64(bigEndian: pack.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        offset += 8
      } else {
        return .tag(tag)
      }
      let slot = number < slots.count ? slots[number] : -2
      if slot >= 0 {
        values[base + Int(slot)] = value
      } else if slot == -2 {
        return .unknownItem(number)
      }
    }
    return offset == count ? nil : .trailing
  }

  /// The slot table ``decode(_:slots:into:at:)`` takes: for each number of the wave's items,
  /// the first slot of its item in `itemIDs` (-1: none); -2 for numbers the wave lacks.
  static func slots(numbers: [(number: Int32, item: String)], itemIDs: [String]) -> [Int32] {
    var firstSlot: [String: Int32] = [:]
    for (slot, item) in itemIDs.enumerated() where firstSlot[item] == nil { firstSlot[item] = Int32(slot) }
    let top = Int(numbers.map(\.number).max() ?? 0)
    var table = [Int32](repeating: -2, count: top + 1)
    for (number, item) in numbers where number > 0 { table[Int(number)] = firstSlot[item] ?? -1 }
    return table
  }
}
