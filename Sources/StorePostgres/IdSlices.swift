import Foundation
import PostgresNIO

/// The rest of a wave's ids after its first page, cut into consecutive slices of the id space
/// that several connections read at once (``PackedPages``). Response ids are random (16
/// bytes from the system's generator), so the first page of `pageSize` responses, ids
/// `('', last]`, says how densely the ids lie: the slices are cut to hold about 7/8 of a page
/// each (most are read in one query, a few need a second). Where ids lie otherwise, a slice
/// just takes more pages (or none): what is read never depends on the slices, only how fast.
///
/// Slice `j` (1-based) holds the ids in `(upper(j - 1), upper(j)]`, with `upper(0)` the first
/// page's last id; the last slice ends at the largest id (16 bytes of 0xFF).
struct IdSlices {
  /// The most slices (a wave of about 470 million responses at 7/8 of a page each): beyond
  /// it slices hold more pages, which still read correctly.
  static let most = 1 << 16
  /// How many slices there are (at least one).
  let count: Int
  /// The first 8 bytes of the first page's last id, and the width of each slice in them.
  private let start: UInt64
  private let width: UInt64

  /// The slices after a full first page whose last id is `lastID` (16 bytes).
  init(after lastID: ByteBuffer) {
    let top = lastID.getInteger(at: lastID.readerIndex, endianness: .big, as: UInt64.self) ?? 0
    start = top
    let rest = UInt64.max - top
    // The first page's ids fill [0, top]: the rest holds about rest / (top + 1) pages.
    let pages = Double(rest) / (Double(top) + 1)
    let wanted = (pages * 8 / 7).rounded(.up)
    count = wanted.isFinite ? Int(min(max(wanted, 1), Double(Self.most))) : Self.most
    width = max(1, rest / UInt64(count))
  }

  /// The largest id of slice `j` (1...count), inclusive: its first 8 bytes, then 8 of 0xFF.
  func upper(_ j: Int) -> ByteBuffer {
    var bytes = ByteBuffer()
    if j >= count {
      bytes.writeInteger(UInt64.max, endianness: .big)
    } else {
      let (step, over) = width.multipliedReportingOverflow(by: UInt64(j))
      let (top, past) = start.addingReportingOverflow(step)
      bytes.writeInteger(over || past ? UInt64.max : top, endianness: .big)
    }
    bytes.writeInteger(UInt64.max, endianness: .big)
    return bytes
  }

  /// The largest id there is: the upper end of a read that is not cut into slices.
  static var last: ByteBuffer { ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: PackedRecord.idLength)) }
}
