import Foundation

/// A run of whole CSV records cut from a file, with the line its first record starts on.
public struct CSVChunk: Sendable {
  public let index: Int
  public let bytes: [UInt8]
  public let firstLine: Int
}

/// Reads a CSV file in large blocks and cuts it into chunks of whole records, so that chunks
/// can be parsed on several threads. Where a record ends is decided by ``CSVTokenizer`` (a
/// quoted line break never splits a record; a chunk is never cut between CR and LF).
public final class CSVChunker {
  private let file: InputFile
  private let chunkSize: Int
  private let tokenizer: CSVTokenizer
  private var buffer: [UInt8] = []
  private var atEOF = false
  private var nextIndex = 0
  private var nextLine = 1
  /// The header record's fields (empty for an empty file).
  public private(set) var header: [String] = []

  /// Bytes per chunk unless told otherwise. Chunks, their parsed rows and partial totals are
  /// what the pipeline holds in flight; at 128 KiB the 1M-row benchmark peaks about 1.4 MiB
  /// lower than at 256 KiB, in the same time (docs/performance.md, session 22).
  public static let defaultChunkSize = 128 << 10

  /// Opens `path` and reads its header record (the first record after empty lines).
  /// - Throws: ``InputFile/Failure`` when the file cannot be read; ``CSVReader/SyntaxError``
  ///   for a malformed header. An empty file gives an empty header, for the caller to report.
  public init(path: String, chunkSize: Int = defaultChunkSize, delimiter: UInt8 = UInt8(ascii: ",")) throws {
    file = try InputFile(path: path)
    self.chunkSize = max(1, chunkSize)
    tokenizer = CSVTokenizer(delimiter: delimiter)
    while buffer.count < 3, !atEOF { try fill() }
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
    try readHeader()
  }

  private func readHeader() throws {
    let fields = CSVFields()
    var position = 0
    while true {
      if position >= buffer.count {
        if atEOF { break }
        try fill()
        continue
      }
      let step = buffer.withUnsafeBufferPointer { tokenizer.scan($0, from: position, atEnd: atEOF, into: fields) }
      switch step {
      case .blank(let next):
        position = next
        nextLine += 1
        continue
      case .incomplete:
        try fill()
        continue
      case .malformed(let lineBreaks, let field, let message, let hint):
        throw CSVReader.SyntaxError(line: nextLine + lineBreaks, column: field, message: message, hint: hint)
      case .record(let next, let lineBreaks):
        header = buffer.withUnsafeBufferPointer { fields.with(scanned: $0) { $0.strings } }
        position = next
        nextLine += lineBreaks
      }
      break
    }
    buffer.removeFirst(min(position, buffer.count))
  }

  /// Reads more: a block, or as much as is buffered already when a record is longer than
  /// that (so a long record costs linear time).
  private func fill() throws(InputFile.Failure) {
    if try file.read(upTo: max(chunkSize, buffer.count), appendingTo: &buffer) == 0 { atEOF = true }
  }

  /// The next chunk, or nil at the end of the file.
  /// - Throws: ``InputFile/Failure`` when the file cannot be read.
  public func next() throws(InputFile.Failure) -> CSVChunk? {
    while buffer.count < chunkSize, !atEOF { try fill() }
    guard !buffer.isEmpty else { return nil }
    let cut = atEOF && buffer.count <= chunkSize ? buffer.count : try boundary()
    // The chunk keeps the buffer; only the part after the cut (most often less than a record)
    // is copied, into a new buffer with room for the next block.
    var bytes: [UInt8] = []
    swap(&bytes, &buffer)
    buffer.reserveCapacity(bytes.count - cut + chunkSize)
    buffer.append(contentsOf: bytes[cut...])
    bytes.removeSubrange(cut...)
    let chunk = CSVChunk(index: nextIndex, bytes: bytes, firstLine: nextLine)
    nextIndex += 1
    nextLine += bytes.withUnsafeBufferPointer(Self.countLineBreaks)
    return chunk
  }

  /// Where to cut: after the last whole record within the first `chunkSize` bytes (or after
  /// the first record, if it is longer).
  private func boundary() throws(InputFile.Failure) -> Int {
    let limit = min(chunkSize, buffer.count)
    let fast: Int? = buffer.withUnsafeBufferPointer { bytes in
      // Without a quote every line break ends a record.
      guard memchr(bytes.baseAddress!, 0x22, limit) == nil,
        let last = bytes[0..<limit].lastIndex(where: { $0 == CSVTokenizer.lf || $0 == CSVTokenizer.cr })
      else { return nil }
      if bytes[last] == CSVTokenizer.lf { return last + 1 }
      guard last + 1 < bytes.count else { return nil }
      return bytes[last + 1] == CSVTokenizer.lf ? last + 2 : last + 1
    }
    if let fast { return fast }
    while true {
      let cut: Int? = buffer.withUnsafeBufferPointer { bytes in
        var position = 0
        var lastEnd: Int?
        while position < limit, let end = tokenizer.recordEnd(bytes, from: position, atEnd: atEOF) {
          if end > limit, lastEnd != nil { break }
          lastEnd = end
          position = end
        }
        return lastEnd
      }
      if let cut { return cut }
      if atEOF { return buffer.count }
      try fill()
    }
  }

  /// Line breaks in a chunk of whole records, as ``CSVTokenizer`` counts them.
  static func countLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) != nil else {
      // Without a CR every LF is a line break: memchr finds them many bytes at a time.
      var count = 0
      var position = UnsafeRawPointer(bytes.baseAddress)
      let end = position.map { $0 + bytes.count }
      while let from = position, let end, from < end, let found = memchr(from, 0x0A, end - from) {
        count += 1
        position = UnsafeRawPointer(found) + 1
      }
      return count
    }
    return CSVTokenizer.lineBreaks(in: bytes)
  }
}
