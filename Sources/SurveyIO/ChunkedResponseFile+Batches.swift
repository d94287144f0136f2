import SurveyModel

/// A response file as the scoring pipeline reads it: chunks of whole records, parsed on the
/// workers, each worker with its own team table.
extension ChunkedResponseFile: RowBatchSource {
  public func nextPiece() throws -> CSVChunk? { try nextChunk() }

  public func makeReader(keepsIdentity: Bool) -> ChunkReader {
    ChunkReader(parser: makeParser(keepsIdentity: keepsIdentity), file: self)
  }
}

/// One worker's parser of a response file's chunks.
public struct ChunkReader: RowBatchReader {
  var parser: ChunkParser
  let file: ChunkedResponseFile

  public mutating func read(_ chunk: CSVChunk) throws -> RowBatch {
    do { return try parser.parse(chunk) } catch let syntax as CSVReader.SyntaxError { throw file.error(syntax) }
  }

  public var teamCount: Int { parser.teams.count }
  /// A team's name (or group key) as read: a leading `'` that keeps a spreadsheet from running
  /// it is removed (``SafeText/spreadsheetValue(_:)``).
  public func teamName(_ id: Int32) -> String { SafeText.spreadsheetValue(parser.teams.name(id)) }
  public func appendTeamNames(_ ids: [Int32], to list: inout TextList) {
    parser.teams.appendNames(ids, to: &list, skipping: SafeText.spreadsheetMarkLength)
  }
  public var numbersTeamsPerBatch: Bool { false }
}
