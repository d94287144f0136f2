/// Maps team names (as bytes) to small integer ids without making a string per row: an
/// open-addressing hash table over a byte arena. Written by hand because it runs once per
/// response row on the hot path.
public struct TeamInterner {
  private var arena: [UInt8] = []
  private var offsets: [Int32] = [0]
  private var table: [Int32]
  private var mask: Int

  public init() {
    table = Array(repeating: -1, count: 1024)
    mask = 1023
  }

  /// The number of distinct teams seen.
  public var count: Int { offsets.count - 1 }

  /// The id of the team named by `bytes` (trimmed of spaces), added if new.
  public mutating func id(of raw: UnsafeBufferPointer<UInt8>) -> Int32 {
    var lo = 0, hi = raw.count
    while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
    let bytes = UnsafeBufferPointer(rebasing: raw[lo..<hi])
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let id = table[slot]
      if id < 0 { break }
      if equals(id, bytes) { return id }
      slot = (slot + 1) & mask
    }
    let id = Int32(count)
    arena.append(contentsOf: bytes)
    offsets.append(Int32(arena.count))
    table[slot] = id
    if count * 2 > mask { grow() }
    return id
  }

  /// The name of team `id`.
  public func name(_ id: Int32) -> String {
    arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])]), as: UTF8.self) }
  }

  private func equals(_ id: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let from = Int(offsets[Int(id)]), to = Int(offsets[Int(id) + 1])
    guard to - from == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      bytes.isEmpty || memcmp(arena.baseAddress! + from, bytes.baseAddress!, bytes.count) == 0
    }
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    table = Array(repeating: -1, count: size)
    mask = size - 1
    for id in 0..<Int32(count) {
      let from = Int(offsets[Int(id)]), to = Int(offsets[Int(id) + 1])
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for i in from..<to { hash = (hash ^ UInt64(arena[i])) &* 0x100_0000_01b3 }
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while table[slot] >= 0 { slot = (slot + 1) & mask }
      table[slot] = id
    }
  }
}

import Foundation
