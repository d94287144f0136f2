import Foundation
import PluginHost
import Scoring
import SurveyIO
import SurveyModel

/// Scores a response file on several threads: one thread cuts the file into chunks of whole
/// records, workers parse and score chunks (each with its own Lua states for `score` hooks),
/// and the calling thread merges their totals in chunk order, so the numbers are the same to
/// the last bit whatever the number of workers.
final class ParallelScoring: @unchecked Sendable {
  private let file: ChunkedResponseFile
  private let engine: ScoreEngine
  private let condition = NSCondition()
  private var chunks: [CSVChunk] = []
  private var readingDone = false
  private var readCount = 0
  private var merged = 0
  private var partials: [Int: (worker: Int, partial: PartialScores)] = [:]
  private var failure: (chunk: Int, error: Error)?
  private let maxInFlight: Int

  init(file: ChunkedResponseFile, engine: ScoreEngine, workers: Int) {
    MallocTuning.apply()
    self.file = file
    self.engine = engine
    maxInFlight = workers + 2
  }

  /// Runs `workers` scorers (each made by `makeScorer` on the calling thread) to the end of
  /// the file and merges everything into the engine.
  /// - Returns: rows read and the rejected records, in file order.
  /// - Throws: the first error in file order (a malformed record, a hook failure).
  func run(scorers: [BatchScorer]) throws -> (rowsRead: Int, rejected: [(line: Int, problems: [RowProblem], fields: [String])]) {
    var threads: [Thread] = []
    let reader = Thread { [self] in readChunks() }
    reader.start()
    for (index, scorer) in scorers.enumerated() {
      let box = WorkerBox(scorer: scorer, parser: file.makeParser(keepsIdentity: scorer.needsIdentity))
      let thread = Thread { [self] in work(index, box) }
      thread.stackSize = 8 << 20
      threads.append(thread)
      thread.start()
    }
    var rowsRead = 0
    var rejected: [(line: Int, problems: [RowProblem], fields: [String])] = []
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let failure, failure.chunk <= merged || (readingDone && merged == readCount) {
        stopReadingAndWorking()
        throw failure.error
      }
      if let (worker, partial) = partials.removeValue(forKey: merged) {
        condition.unlock()
        engine.merge(partial, worker: worker)
        rowsRead += partial.rowsRead
        rejected += partial.rejected
        condition.lock()
        merged += 1
        condition.broadcast()
        continue
      }
      if readingDone, merged == readCount { return (rowsRead, rejected) }
      condition.wait()
    }
  }

  /// After a failure: the reader stops and workers take no more chunks. Call with the lock held.
  private func stopReadingAndWorking() {
    readingDone = true
    chunks.removeAll()
    condition.broadcast()
  }

  private func readChunks() {
    while true {
      condition.lock()
      while !readingDone, readCount - merged >= maxInFlight { condition.wait() }
      let stop = readingDone
      condition.unlock()
      if stop { return }
      let chunk = file.nextChunk()
      condition.lock()
      if let chunk {
        chunks.append(chunk)
        readCount += 1
      } else {
        readingDone = true
      }
      condition.broadcast()
      condition.unlock()
      if chunk == nil { return }
    }
  }

  private func work(_ worker: Int, _ box: WorkerBox) {
    var knownTeams = 0
    while true {
      condition.lock()
      while chunks.isEmpty, !readingDone { condition.wait() }
      if chunks.isEmpty {
        condition.unlock()
        return
      }
      let chunk = chunks.removeFirst()
      condition.unlock()
      let result: Result<PartialScores, Error> = Result {
        let batch: RowBatch
        do { batch = try box.parser.parse(chunk) } catch let syntax as CSVReader.SyntaxError { throw file.error(syntax) }
        let parser = box.parser
        var partial = try box.scorer.score(batch) { parser.teams.name($0) }
        partial.firstNewTeam = knownTeams
        partial.newTeamNames = (knownTeams..<parser.teams.count).map { parser.teams.name(Int32($0)) }
        knownTeams = parser.teams.count
        return partial
      }
      condition.lock()
      switch result {
      case .success(let partial): partials[chunk.index] = (worker, partial)
      case .failure(let error):
        if failure == nil || chunk.index < failure!.chunk { failure = (chunk.index, error) }
      }
      condition.broadcast()
      condition.unlock()
      if case .failure = result { return }
    }
  }
}

/// One worker's parser and scorer, handed to its thread.
private final class WorkerBox: @unchecked Sendable {
  let scorer: BatchScorer
  var parser: ChunkParser
  init(scorer: BatchScorer, parser: ChunkParser) {
    self.scorer = scorer
    self.parser = parser
  }
}
