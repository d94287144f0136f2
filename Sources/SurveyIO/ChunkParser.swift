import SurveyModel

/// Parses chunks of a response file into ``RowBatch``es: the per-thread half of fast
/// reading. ``CSVTokenizer`` splits the records (unquoted ones in place, without copying).
/// Each parser has its own team table.
public struct ChunkParser {
  private let decoder: RowDecoder
  /// Whether batches carry respondent ids (for hooks).
  private let keepsIdentity: Bool
  public private(set) var teams = TeamInterner()
  private let tokenizer = CSVTokenizer()
  private let fields = CSVFields()
  private var keyBuffer: [UInt8] = []
  /// The team cells (offsets in the chunk) of the rows whose teams are still to be looked up.
  private var teamStarts: [Int32] = []
  private var teamEnds: [Int32] = []
  /// The arrays of the last batch, kept for the next (see ``parse(_:)``).
  private var recycled = RowBatch(chunk: 0, slots: 0)

  /// A parser for files laid out like `reader`'s header.
  init(decoder: RowDecoder, keepsIdentity: Bool) {
    self.decoder = decoder
    self.keepsIdentity = keepsIdentity
  }

  /// Parses one chunk.
  /// - Throws: ``CSVReader/SyntaxError`` (with the line in the file) for a malformed record.
  public mutating func parse(_ chunk: CSVChunk) throws -> RowBatch {
    // The batch's arrays are this parser's: once the caller has let go of the previous batch,
    // they are refilled in place instead of being allocated (and page-faulted) per chunk.
    var batch = recycled
    recycled = RowBatch(chunk: 0, slots: 0)
    batch.chunk = chunk.index
    batch.slots = decoder.items.count
    batch.count = 0
    batch.rowsRead = 0
    batch.values.removeAll(keepingCapacity: true)
    batch.teams.removeAll(keepingCapacity: true)
    batch.lines.removeAll(keepingCapacity: true)
    batch.respondents.removeAll()
    batch.rejected.removeAll()
    teamStarts.removeAll(keepingCapacity: true)
    teamEnds.removeAll(keepingCapacity: true)
    try chunk.bytes.withUnsafeBufferPointer { bytes in
      // The decoder is handed to `add` as an argument (borrowed), not read from `self` for
      // every record (which copied it, retaining every reference it holds).
      let decoder = decoder
      try tokenizer.forEachRecord(in: bytes, firstLine: chunk.firstLine, fields: fields) { record, line in
        batch.rowsRead += 1
        add(record, line: line, chunk: bytes, decoder: decoder, into: &batch)
      }
      lookUpTeams(in: bytes, into: &batch)
    }
    recycled = batch
    return batch
  }

  /// Looks up the teams of the rows added since the last look-up, all together (see
  /// ``TeamInterner/appendIDs(starts:ends:in:to:)``), in row order.
  private mutating func lookUpTeams(in chunk: UnsafeBufferPointer<UInt8>, into batch: inout RowBatch) {
    guard !teamStarts.isEmpty else { return }
    teams.appendIDs(starts: teamStarts, ends: teamEnds, in: chunk, to: &batch.teams)
    teamStarts.removeAll(keepingCapacity: true)
    teamEnds.removeAll(keepingCapacity: true)
  }

  private mutating func add(
    _ fields: FieldSlices, line: Int, chunk: UnsafeBufferPointer<UInt8>, decoder: RowDecoder, into batch: inout RowBatch
  ) {
    let offset = batch.values.count
    batch.values.append(contentsOf: repeatElement(.nan, count: batch.slots))
    let ok = batch.values.withUnsafeMutableBufferPointer { decoder.fill($0.baseAddress! + offset, from: fields) }
    guard ok else {
      batch.values.removeLast(batch.slots)
      batch.rejected.append((line, decoder.problems(fields, line: line), fields.strings))
      return
    }
    batch.count += 1
    if decoder.keyAttributes {
      decoder.key(fields, into: &keyBuffer)
      batch.teams.append(keyBuffer.withUnsafeBufferPointer { teams.id(of: $0) })
    } else {
      let team = fields.bytes(decoder.teamColumn)
      if let start = team.baseAddress, let base = chunk.baseAddress, start >= base, start + team.count <= base + chunk.count,
        start - base + team.count < Int(Int32.max)
      {
        // In the chunk's own bytes (an unquoted record): looked up with the chunk's other rows.
        teamStarts.append(Int32(start - base))
        teamEnds.append(Int32(start - base + team.count))
      } else {
        lookUpTeams(in: chunk, into: &batch)
        batch.teams.append(teams.id(of: team))
      }
    }
    batch.lines.append(Int32(line))
    if keepsIdentity { decoder.appendRespondent(fields, line: line, to: &batch.respondents) }
  }
}

/// Reusable storage for the field bounds of one record (no allocation per record).
final class FieldBounds {
  private(set) var starts: UnsafeMutablePointer<Int32>
  private(set) var ends: UnsafeMutablePointer<Int32>
  private(set) var capacity = 64
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

  func grow() {
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

/// Appends to a ``FieldBounds`` through local copies of its pointers and count, written back
/// by ``finish()``: stores through the class's own pointers made the optimiser reload them
/// after every field (the tokenizer's loop runs once per byte of a response file).
struct FieldBoundsWriter {
  private let bounds: FieldBounds
  private var starts: UnsafeMutablePointer<Int32>
  private var ends: UnsafeMutablePointer<Int32>
  private var capacity: Int
  private var count: Int

  init(_ bounds: FieldBounds) {
    self.bounds = bounds
    starts = bounds.starts
    ends = bounds.ends
    capacity = bounds.capacity
    count = bounds.count
  }

  @inline(__always)
  mutating func append(_ start: Int, _ end: Int) {
    if count == capacity {
      bounds.count = count
      bounds.grow()
      (starts, ends, capacity) = (bounds.starts, bounds.ends, bounds.capacity)
    }
    starts[count] = Int32(truncatingIfNeeded: start)
    ends[count] = Int32(truncatingIfNeeded: end)
    count += 1
  }

  /// Writes the count back.
  @inline(__always)
  func finish() { bounds.count = count }
}
