import Statistics

/// Byte-level mutations of seed inputs, with a per-target dictionary of tokens that matter to
/// the format (quotes and line ends for CSV, anchors for YAML, tags for XML). The draws come
/// from Statistics' ``SplitMix64``: the same seed gives the same inputs, so every finding can
/// be replayed from the seed the harness prints.
struct Mutator {
  let dictionary: [[UInt8]]
  /// The largest input produced.
  let maxLength: Int

  func mutate(_ input: [UInt8], corpus: [[UInt8]], random: inout SplitMix64) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
      switch Int.random(in: 0..<9, using: &random) {
      case 0 where !bytes.isEmpty:
        let i = min(at, bytes.count - 1)
        bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
      case 1 where !bytes.isEmpty:
        bytes[min(at, bytes.count - 1)] = UInt8.random(in: 0...255, using: &random)
      case 2, 3:
        bytes.insert(contentsOf: dictionary.randomElement(using: &random) ?? [], at: at)
      case 4 where !bytes.isEmpty:
        let end = min(bytes.count, at + Int.random(in: 1...16, using: &random))
        bytes.removeSubrange(min(at, end)..<end)
      case 5 where !bytes.isEmpty:
        // Repeat a slice (long fields, many records, deep nesting).
        let from = Int.random(in: 0..<bytes.count, using: &random)
        let slice = Array(bytes[from..<min(bytes.count, from + Int.random(in: 1...64, using: &random))])
        for _ in 0..<Int.random(in: 1...8, using: &random) { bytes.insert(contentsOf: slice, at: min(at, bytes.count)) }
      case 6 where !corpus.isEmpty:
        // Splice: the head of this input, the tail of another.
        let other = corpus.randomElement(using: &random)!
        let cut = other.isEmpty ? 0 : Int.random(in: 0..<other.count, using: &random)
        bytes = Array(bytes[..<min(at, bytes.count)]) + other[cut...]
      case 7 where !bytes.isEmpty:
        bytes.removeSubrange(min(at, bytes.count)...)
      default:
        bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
      }
    }
    return bytes.count > maxLength ? Array(bytes.prefix(maxLength)) : bytes
  }
}
