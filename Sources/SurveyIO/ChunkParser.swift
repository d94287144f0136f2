import SurveyModel

/// Parses chunks of a response file into ``RowBatch``es: the per-thread half of fast
/// reading. Unquoted records are split in place, without copying; a record with quotes goes
/// through ``CSVReader``. Each parser has its own team table.
public struct ChunkParser {
  private let decoder: RowDecoder
  /// Whether batches carry respondent ids (for hooks).
  private let keepsIdentity: Bool
  public private(set) var teams = TeamInterner()
  private let bounds = FieldBounds()

  /// A parser for files laid out like `reader`'s header.
  init(decoder: RowDecoder, keepsIdentity: Bool) {
    self.decoder = decoder
    self.keepsIdentity = keepsIdentity
  }

  /// Parses one chunk.
  /// - Throws: ``CSVReader/SyntaxError`` (with the line in the file) for a malformed record.
  public mutating func parse(_ chunk: CSVChunk) throws -> RowBatch {
    var batch = RowBatch(chunk: chunk.index, slots: decoder.items.count)
    batch.values.reserveCapacity(decoder.items.count * 8192)
    try chunk.bytes.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress else { return }
      var position = 0
      var line = chunk.firstLine
      while position < bytes.count {
        let (next, lineBreaks, quoted) = split(bytes, from: position)
        defer {
          position = next
          line += lineBreaks
        }
        if bounds.count == 1, bounds.starts[0] == bounds.ends[0] { continue }  // a blank line
        batch.rowsRead += 1
        if quoted {
          try parseQuoted(UnsafeBufferPointer(rebasing: bytes[position..<next]), line: line, into: &batch)
        } else {
          add(FieldSlices(base: base, starts: bounds.starts, ends: bounds.ends, count: bounds.count), line: line, into: &batch)
        }
      }
    }
    return batch
  }

  /// Finds the fields of the record at `from`; returns where the next record starts, how
  /// many line breaks the record spans, and whether it holds a quote.
  private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> (Int, Int, Bool) {
    bounds.count = 0
    var i = from
    var fieldStart = from
    while i < bytes.count {
      let byte = bytes[i]
      if byte == 0x2C {
        bounds.append(fieldStart, i)
        fieldStart = i + 1
      } else if byte == 0x0A {
        break
      } else if byte == 0x22 {
        var end = i
        var quoted = false
        var breaks = 0
        while end < bytes.count {
          if bytes[end] == 0x22 { quoted.toggle() } else if bytes[end] == 0x0A {
            breaks += 1
            if !quoted { break }
          }
          end += 1
        }
        return (min(end + 1, bytes.count), max(breaks, 1), true)
      }
      i += 1
    }
    var fieldEnd = i
    if fieldEnd > fieldStart, bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
    bounds.append(fieldStart, fieldEnd)
    return (i + 1, 1, false)
  }

  private mutating func add(_ fields: FieldSlices, line: Int, into batch: inout RowBatch) {
    let offset = batch.values.count
    batch.values.append(contentsOf: repeatElement(.nan, count: batch.slots))
    let ok = batch.values.withUnsafeMutableBufferPointer { decoder.fill($0.baseAddress! + offset, from: fields) }
    guard ok else {
      batch.values.removeLast(batch.slots)
      batch.rejected.append((line, decoder.problems(fields, line: line), fields.strings))
      return
    }
    batch.count += 1
    batch.teams.append(teams.id(of: fields.bytes(decoder.teamColumn)))
    batch.lines.append(Int32(line))
    if keepsIdentity { batch.respondents.append(decoder.identity(fields, line: line).respondent) }
  }

  private mutating func parseQuoted(_ record: UnsafeBufferPointer<UInt8>, line: Int, into batch: inout RowBatch) throws {
    let reader = CSVReader(bytes: Array(record))
    do {
      guard try reader.next() else { return }
    } catch let error as CSVReader.SyntaxError {
      throw CSVReader.SyntaxError(line: line + error.line - 1, column: error.column, message: error.message)
    }
    reader.withFields { fields in add(fields, line: line, into: &batch) }
  }
}

/// Reusable storage for the field bounds of one record (no allocation per record).
final class FieldBounds {
  private(set) var starts: UnsafeMutablePointer<Int32>
  private(set) var ends: UnsafeMutablePointer<Int32>
  private var capacity = 64
  var count = 0

  init() {
    starts = .allocate(capacity: capacity)
    ends = .allocate(capacity: capacity)
  }

  deinit {
    starts.deallocate()
    ends.deallocate()
  }

  @inline(__always)
  func append(_ start: Int, _ end: Int) {
    if count == capacity { grow() }
    starts[count] = Int32(truncatingIfNeeded: start)
    ends[count] = Int32(truncatingIfNeeded: end)
    count += 1
  }

  private func grow() {
    let bigger = capacity * 2
    let newStarts = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
    let newEnds = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
    newStarts.update(from: starts, count: count)
    newEnds.update(from: ends, count: count)
    starts.deallocate()
    ends.deallocate()
    starts = newStarts
    ends = newEnds
    capacity = bigger
  }
}
