import SurveyModel

/// Any ``ResponseSource`` (a store's wave, a survey tool's export, a small CSV file read row by
/// row) cut into batches for the scoring pipeline, so that every command scores through the
/// same path. The source is read on the pipeline's reading thread; team ids are numbered per
/// batch.
public final class ResponseBatches: RowBatchSource, @unchecked Sendable {
  /// One batch with the names of its team ids.
  public struct Piece {
    let batch: RowBatch
    let teams: [String]
  }

  private let source: ResponseSource
  private let slots: Int
  private let rowsPerBatch: Int
  private var index = 0

  /// - Parameters:
  ///   - slots: answers per row (the scoring plan's item slots).
  ///   - rowsPerBatch: records per batch (the batches' sums are merged in order, so the numbers
  ///     do not depend on the number of threads; they can on this size in the last bits).
  public init(_ source: ResponseSource, slots: Int, rowsPerBatch: Int = 2048) {
    self.source = source
    self.slots = slots
    self.rowsPerBatch = rowsPerBatch
  }

  public var file: String { source.file }
  public var header: [String] { source.header }

  public func nextPiece() throws -> Piece? {
    var batch = RowBatch(chunk: index, slots: slots)
    var teams: [String] = []
    var idOfTeam: [String: Int32] = [:]
    while batch.rowsRead < rowsPerBatch, let outcome = try source.next() {
      batch.rowsRead += 1
      switch outcome {
      case .row(let row):
        precondition(row.values.count == slots, "a response row has one value per item slot")
        let id: Int32
        if let known = idOfTeam[row.team] {
          id = known
        } else {
          id = Int32(teams.count)
          idOfTeam[row.team] = id
          teams.append(row.team)
        }
        batch.count += 1
        batch.values += row.values
        batch.teams.append(id)
        batch.lines.append(Int32(clamping: row.line))
        batch.respondents.append(row.respondent)
      case .rejected(let line, let problems, let fields):
        batch.rejected.append((line, problems, fields))
      }
    }
    if batch.rowsRead == 0 { return nil }
    index += 1
    return Piece(batch: batch, teams: teams)
  }

  public func makeReader(keepsIdentity: Bool) -> Reader { Reader() }

  /// Hands each batch over as read, with its team names.
  public struct Reader: RowBatchReader {
    private var teams: [String] = []

    public mutating func read(_ piece: Piece) -> RowBatch {
      teams = piece.teams
      return piece.batch
    }

    public var teamCount: Int { teams.count }
    public func teamName(_ id: Int32) -> String { teams[Int(id)] }
    public var numbersTeamsPerBatch: Bool { true }
  }
}
