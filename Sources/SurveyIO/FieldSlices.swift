/// The fields of one CSV record as byte ranges of a buffer: field `i` is
/// `base[starts[i] ..< ends[i]]`. Valid only while the buffer is.
struct FieldSlices {
  let base: UnsafePointer<UInt8>
  let starts: UnsafePointer<Int32>
  let ends: UnsafePointer<Int32>
  let count: Int

  /// The bytes of field `i`.
  @inline(__always)
  func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base + Int(starts[i]), count: Int(ends[i] - starts[i]))
  }

  /// The text of field `i`.
  func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

  /// Every field as text.
  var strings: [String] { (0..<count).map(string) }
}
