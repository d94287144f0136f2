import Foundation
import SurveyModel

/// Maps team names (as bytes) to small integer ids without making a string per row: an
/// open-addressing hash table over a byte arena. Written by hand because it runs once per
/// response row on the hot path. Each table entry holds a tag from the name's hash and its
/// length beside the id, so a probe that meets another name costs no look-up elsewhere; each
/// name's first 16 bytes are kept beside its id, so short names (the usual case) are matched
/// without touching the arena. With tens of thousands of teams in random order a row costs
/// about two cache misses: its table entry and its name's first bytes.
public struct TeamInterner {
  private var arena: [UInt8] = []
  private var offsets: [Int32] = [0]
  /// Per id: the first 16 bytes of the name, zero-padded.
  private var heads: [(UInt64, UInt64)] = []
  /// Open addressing: 0 = empty, else the hash's top 24 bits, the name's length (255 for 255
  /// bytes or more) and the team's id + 1 (see ``entry(_:length:id:)``).
  private var table: [UInt64]
  private var mask: Int
  /// Scratch for ``appendIDs(starts:ends:in:to:)``: the names' hashes, and the sum of what its
  /// first passes read (kept so that the reads are not optimised away).
  private var hashes: [UInt64] = []
  private var warmed: UInt64 = 0
  /// Mixed into every hash, so that which names share a slot differs from run to run and
  /// cannot be chosen in a file to slow the look-ups down.
  private let seed = UInt64.random(in: .min ... .max)

  public init() {
    table = Array(repeating: 0, count: 1024)
    mask = 1023
  }

  /// A table entry; its upper 32 bits (tag and length) are what a look-up compares first.
  private static func entry(_ hash: UInt64, length: Int, id: Int32) -> UInt64 {
    (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(length, 255)) << 32 | UInt64(UInt32(id) + 1)
  }

  /// The number of distinct teams seen.
  public var count: Int { offsets.count - 1 }

  /// The id of the team named by `bytes` (trimmed of spaces), added if new.
  public mutating func id(of raw: UnsafeBufferPointer<UInt8>) -> Int32 {
    let bytes = Self.trimmed(raw)
    let head = Self.head(bytes)
    return id(of: bytes, head: head, hash: hash(head, bytes))
  }

  /// The ids of the teams named by `bytes[starts[i] ..< ends[i]]` (trimmed of spaces), added
  /// if new, appended to `ids` in order: the same ids as asking for each name in turn. The
  /// table entries of all the names, then their first bytes, are read in two passes of
  /// independent loads before the names are looked up, so that with many teams the cache
  /// misses of a chunk's rows overlap instead of following one another.
  public mutating func appendIDs(starts: [Int32], ends: [Int32], in bytes: UnsafeBufferPointer<UInt8>, to ids: inout [Int32]) {
    let count = starts.count
    hashes.removeAll(keepingCapacity: true)
    var touched: UInt64 = 0
    for i in 0..<count {
      let name = Self.trimmed(UnsafeBufferPointer(rebasing: bytes[Int(starts[i])..<Int(ends[i])]))
      hashes.append(hash(Self.head(name), name))
    }
    // Loops of a few instructions, so that many of their loads are in flight at once (in the
    // loop above, the entry's load waited behind each name's hashing: perf put a third of the
    // parser's time on it).
    let mask = mask
    table.withUnsafeBufferPointer { table in
      for hash in hashes { touched &+= table[Int(truncatingIfNeeded: hash) & mask] }
      heads.withUnsafeBufferPointer { heads in
        for hash in hashes {
          let entry = table[Int(truncatingIfNeeded: hash) & mask]
          if entry != 0 { touched &+= heads[Int(entry & 0xFFFF_FFFF) - 1].0 }
        }
      }
    }
    warmed = touched
    for i in 0..<count {
      let name = Self.trimmed(UnsafeBufferPointer(rebasing: bytes[Int(starts[i])..<Int(ends[i])]))
      ids.append(id(of: name, head: Self.head(name), hash: hashes[i]))
    }
  }

  /// `raw` without leading and trailing spaces and tabs.
  private static func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var lo = 0
    var hi = raw.count
    while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
    return UnsafeBufferPointer(rebasing: raw[lo..<hi])
  }

  /// The id of the trimmed name `bytes`, whose first bytes and hash are given, added if new.
  private mutating func id(of bytes: UnsafeBufferPointer<UInt8>, head: (UInt64, UInt64), hash: UInt64) -> Int32 {
    let wanted = Self.entry(hash, length: bytes.count, id: 0) >> 32
    var slot = Int(truncatingIfNeeded: hash) & mask
    let found: Int32? = table.withUnsafeBufferPointer { table in
      heads.withUnsafeBufferPointer { heads in
        while true {
          let entry = table[slot]
          if entry == 0 { return nil }
          if entry >> 32 == wanted {
            let id = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
            // The length is in the entry (exactly, for names shorter than 255 bytes).
            if heads[Int(id)] == head, bytes.count <= 16 || equals(id, bytes) { return id }
          }
          slot = (slot + 1) & mask
        }
      }
    }
    if let found { return found }
    let id = Int32(count)
    arena.append(contentsOf: bytes)
    offsets.append(Int32(arena.count))
    heads.append(head)
    table[slot] = Self.entry(hash, length: bytes.count, id: id)
    if count * 2 > mask { grow() }
    return id
  }

  /// Appends the names of `ids` to `list` in order, each without its first `skip(name)`
  /// bytes. With many teams each name is a cache miss or two: the names' bounds, then their
  /// first bytes (read by `skip`), are read in passes of independent loads before the names
  /// are copied, so that the misses overlap.
  public func appendNames(_ ids: [Int32], to list: inout TextList, skipping skip: (UnsafeBufferPointer<UInt8>) -> Int) {
    var bounds: [(start: Int32, end: Int32)] = []
    bounds.reserveCapacity(ids.count)
    offsets.withUnsafeBufferPointer { offsets in
      for id in ids { bounds.append((offsets[Int(id)], offsets[Int(id) + 1])) }
    }
    arena.withUnsafeBufferPointer { arena in
      var length = 0
      for k in bounds.indices {
        let (start, end) = bounds[k]
        bounds[k].start = start + Int32(skip(UnsafeBufferPointer(rebasing: arena[Int(start)..<Int(end)])))
        length += Int(end - bounds[k].start)
      }
      list.reserveCapacity(texts: ids.count, bytes: length)
      for (start, end) in bounds { list.append(UnsafeBufferPointer(rebasing: arena[Int(start)..<Int(end)])) }
    }
  }

  /// The name of team `id`.
  public func name(_ id: Int32) -> String { withName(id) { String(decoding: $0, as: UTF8.self) } }

  /// Calls `body` with the UTF-8 bytes of team `id`'s name.
  public func withName<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])])) }
  }

  /// The first 16 bytes, zero-padded.
  private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    var words: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &words) { target in
      if let base = bytes.baseAddress { target.copyMemory(from: UnsafeRawBufferPointer(start: base, count: min(16, bytes.count))) }
    }
    return words
  }

  /// A name's hash: its slot is taken from the low bits, its tag from the top 24.
  private func hash(_ head: (UInt64, UInt64), _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h = (head.0 &* 0x9E37_79B9_7F4A_7C15) ^ (head.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(bytes.count) ^ seed
    if bytes.count > 16 { for byte in bytes[16...] { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 } }
    // A product carries each byte only into higher bits, so without mixing every bit into
    // the low ones, names that differ only in their first bytes shared a slot: 50,000
    // `team-NNNNN` names started from 500 slots, 73 probes a look-up on average.
    h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 33)
  }

  /// The average number of entries a look-up of a known name reads (1 when every name sits
  /// in its own slot), for tests of the hash's spread.
  func averageProbes() -> Double {
    guard count > 0 else { return 0 }
    var total = 0
    for slot in 0...mask where table[slot] != 0 {
      let id = Int(table[slot] & 0xFFFF_FFFF) - 1
      let home = arena.withUnsafeBufferPointer {
        Int(truncatingIfNeeded: hash(heads[id], UnsafeBufferPointer(rebasing: $0[Int(offsets[id])..<Int(offsets[id + 1])])))
      }
      total += ((slot - home) & mask) + 1
    }
    return Double(total) / Double(count)
  }

  private func equals(_ id: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let from = Int(offsets[Int(id)])
    let to = Int(offsets[Int(id) + 1])
    guard to - from == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      bytes.isEmpty || memcmp(arena.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0
    }
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    var bigger = [UInt64](repeating: 0, count: size)
    let biggerMask = size - 1
    for id in 0..<count {
      let from = Int(offsets[id])
      let to = Int(offsets[id + 1])
      let hash = arena.withUnsafeBufferPointer { self.hash(heads[id], UnsafeBufferPointer(rebasing: $0[from..<to])) }
      var slot = Int(truncatingIfNeeded: hash) & biggerMask
      while bigger[slot] != 0 { slot = (slot + 1) & biggerMask }
      bigger[slot] = Self.entry(hash, length: to - from, id: Int32(id))
    }
    table = bigger
    mask = biggerMask
  }
}
