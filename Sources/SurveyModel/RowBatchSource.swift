/// Where the scoring pipeline's rows come from: pieces of work cut in order on one thread (chunks
/// of a CSV file, pages of a store), each turned into a ``RowBatch`` on a worker thread by that
/// worker's own ``RowBatchReader``.
public protocol RowBatchSource: AnyObject {
  associatedtype Piece
  associatedtype Reader: RowBatchReader where Reader.Piece == Piece
  /// How messages name the source, e.g. `surveys/sample-responses.csv`.
  var file: String { get }
  /// The column names of the source (for the rejects file).
  var header: [String] { get }
  /// The next piece, or nil at the end. Called on one thread only, in order.
  func nextPiece() throws -> Piece?
  /// A reader for one worker thread.
  /// - Parameter keepsIdentity: batches must carry respondent ids (a `score` hook needs them).
  func makeReader(keepsIdentity: Bool) -> Reader
}

/// Turns pieces into batches on one worker thread. Team ids of a batch are the reader's own
/// numbering (``teamName(_:)``): either kept from batch to batch, or, when
/// ``numbersTeamsPerBatch``, made afresh for every batch.
public protocol RowBatchReader {
  associatedtype Piece
  /// - Throws: an input error naming the file and line of a malformed record.
  mutating func read(_ piece: Piece) throws -> RowBatch
  /// Teams numbered so far: ids `0..<teamCount`.
  var teamCount: Int { get }
  /// The name of team id `id`.
  func teamName(_ id: Int32) -> String
  /// Whether ids start again from 0 in every batch (else each id keeps its team for good).
  var numbersTeamsPerBatch: Bool { get }
  /// Appends the names of team ids `ids` to `list`, in order (``teamName(_:)``'s texts).
  func appendTeamNames(_ ids: [Int32], to list: inout TextList)
}

extension RowBatchReader {
  public func appendTeamNames(_ ids: [Int32], to list: inout TextList) {
    for id in ids { list.append(teamName(id)) }
  }
}
