import Foundation

/// A run of whole CSV records cut from a file, with the line its first record starts on.
public struct CSVChunk: Sendable {
  public let index: Int
  public let bytes: [UInt8]
  public let firstLine: Int
}

/// Reads a CSV file in large blocks and cuts it into chunks of whole records (a quoted line
/// break never splits a record), so that chunks can be parsed on several threads.
public final class CSVChunker {
  private let handle: FileHandle
  private let chunkSize: Int
  private var buffer: [UInt8] = []
  private var atEOF = false
  private var nextIndex = 0
  private var nextLine: Int
  /// The header record's fields.
  public private(set) var header: [String] = []

  /// Opens `path` and reads its header record.
  /// - Throws: `CocoaError` when the file cannot be opened; ``CSVReader/SyntaxError`` for a
  ///   malformed header; ``InputError`` for an empty file is left to the caller (empty header).
  public init(path: String, chunkSize: Int = 256 << 10) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    self.handle = handle
    self.chunkSize = chunkSize
    nextLine = 1
    fill()
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
    var end = recordEnd(from: 0)
    while end == nil, !atEOF {
      fill()
      end = recordEnd(from: 0)
    }
    let headerBytes = Array(buffer[0..<(end ?? buffer.count)])
    let reader = CSVReader(bytes: headerBytes)
    header = try reader.next() ? reader.strings : []
    nextLine = 1 + headerBytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    buffer.removeFirst(headerBytes.count)
  }

  deinit { try? handle.close() }

  private func fill() {
    let data = handle.readData(ofLength: chunkSize)
    if data.isEmpty { atEOF = true } else { buffer.append(contentsOf: data) }
  }

  /// The end (one past the line break) of the record starting at `start`, if the buffer
  /// holds all of it.
  private func recordEnd(from start: Int) -> Int? {
    var quoted = false
    var i = start
    while i < buffer.count {
      let byte = buffer[i]
      if byte == 0x22 { quoted.toggle() } else if byte == 0x0A, !quoted { return i + 1 }
      i += 1
    }
    return nil
  }

  /// The next chunk, or nil at the end of the file.
  public func next() -> CSVChunk? {
    while buffer.count < chunkSize, !atEOF { fill() }
    guard !buffer.isEmpty else { return nil }
    let cut = atEOF && buffer.count <= chunkSize ? buffer.count : boundary()
    let bytes = Array(buffer[0..<cut])
    buffer.removeFirst(cut)
    let chunk = CSVChunk(index: nextIndex, bytes: bytes, firstLine: nextLine)
    nextIndex += 1
    nextLine += bytes.withUnsafeBufferPointer(Self.countLineBreaks)
    return chunk
  }

  /// Where to cut: after the last whole record within the first `chunkSize` bytes (or the
  /// first whole record, if it is longer).
  private func boundary() -> Int {
    let limit = min(chunkSize, buffer.count)
    let hasQuote = buffer.withUnsafeBufferPointer { memchr($0.baseAddress!, 0x22, limit) != nil }
    if !hasQuote {
      if let last = buffer[0..<limit].lastIndex(of: 0x0A) { return last + 1 }
    } else {
      var quoted = false
      var lastEnd = 0
      for i in 0..<limit {
        if buffer[i] == 0x22 { quoted.toggle() } else if buffer[i] == 0x0A, !quoted { lastEnd = i + 1 }
      }
      if lastEnd > 0 { return lastEnd }
    }
    while true {
      if let end = recordEnd(from: 0) { return end }
      if atEOF { return buffer.count }
      fill()
    }
  }

  static func countLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte == 0x0A { count += 1 }
    return count
  }
}
