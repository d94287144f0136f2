import SurveyIO
import SurveyModel

/// The records `cultivar plugins run` tries a plugin on: the first `limit` records of a
/// response source (0: all), leaving out the rows at `leftOut` lines. Read through the scoring
/// pipeline like any other source (``ResponseBatches``).
final class TryOutRows: ResponseSource {
  private let source: ResponseSource
  private let limit: Int
  private let leftOut: Set<Int>

  init(_ source: ResponseSource, limit: Int, leavingOut leftOut: Set<Int> = []) {
    self.source = source
    self.limit = limit
    self.leftOut = leftOut
  }

  var file: String { source.file }
  var header: [String] { source.header }
  var rowsRead: Int { source.rowsRead }

  func next() throws -> ResponseOutcome? {
    while limit == 0 || source.rowsRead < limit, let outcome = try source.next() {
      if case .row(let row) = outcome, leftOut.contains(row.line) { continue }
      return outcome
    }
    return nil
  }
}
