import Foundation
import SurveyModel

/// A record that cannot be used: its line, its problems and its original fields.
public typealias RejectedRecord = (line: Int, problems: [RowProblem], fields: [String])

extension ScoreEngine {
  /// Reads every piece of `source` through the scoring pipeline (``ParallelScoring``), one
  /// worker thread per scorer, and folds it into this engine. The numbers are the same
  /// whatever the number of scorers.
  /// - Parameter scorers: one per worker, each with its own hooks (Lua states).
  /// - Returns: records read and the rejected ones, in source order.
  /// - Throws: the first error in source order (a malformed record, a hook failure).
  public func score<Source: RowBatchSource>(_ source: Source, scorers: [BatchScorer]) throws -> (rowsRead: Int, rejected: [RejectedRecord]) {
    try ParallelScoring(source: source, engine: self, workers: scorers.count).run(scorers: scorers)
  }
}

/// The scoring pipeline every command reads responses through: one thread cuts the source into
/// pieces (chunks of a file, pages of a store), workers turn pieces into batches and score them
/// (each with its own Lua states for `score` hooks), and the calling thread merges their totals
/// in piece order, so the numbers are the same to the last bit whatever the number of workers.
final class ParallelScoring<Source: RowBatchSource>: @unchecked Sendable {
  private let source: Source
  private let engine: ScoreEngine
  private let condition = NSCondition()
  private var pieces: [(index: Int, piece: Source.Piece)] = []
  private var readingDone = false
  private var readCount = 0
  private var merged = 0
  private var partials: [Int: (worker: Int, partial: PartialScores, teams: [String]?)] = [:]
  private var failure: (piece: Int, error: Error)?
  private let maxInFlight: Int
  /// For each worker numbering teams for good: its team ids → the engine's team slots.
  private var workerTeams: [Int: [Int]] = [:]

  init(source: Source, engine: ScoreEngine, workers: Int) {
    MallocTuning.apply()
    self.source = source
    self.engine = engine
    maxInFlight = workers + 2
  }

  /// Runs the scorers (one worker thread each) to the end of the source and merges everything
  /// into the engine.
  /// - Returns: rows read and the rejected records, in source order.
  /// - Throws: the first error in source order (a malformed record, a hook failure).
  func run(scorers: [BatchScorer]) throws -> (rowsRead: Int, rejected: [RejectedRecord]) {
    let reader = Thread { [self] in readPieces() }
    reader.start()
    for (index, scorer) in scorers.enumerated() {
      let box = WorkerBox(scorer: scorer, reader: source.makeReader(keepsIdentity: scorer.needsIdentity))
      let thread = Thread { [self] in work(index, box) }
      thread.stackSize = 8 << 20
      thread.start()
    }
    var rowsRead = 0
    var rejected: [RejectedRecord] = []
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let failure, failure.piece <= merged || (readingDone && merged == readCount) {
        stopReadingAndWorking()
        throw failure.error
      }
      if let (worker, partial, teams) = partials.removeValue(forKey: merged) {
        condition.unlock()
        merge(partial, worker: worker, batchTeams: teams)
        rowsRead += partial.rowsRead
        rejected += partial.rejected
        condition.lock()
        merged += 1
        condition.broadcast()
        continue
      }
      if readingDone, merged == readCount {
        MallocTuning.releaseFreeMemory()
        return (rowsRead, rejected)
      }
      condition.wait()
    }
  }

  /// Maps the partial's team ids to the engine's slots: through the worker's lasting table,
  /// or through the batch's own names.
  private func merge(_ partial: PartialScores, worker: Int, batchTeams: [String]?) {
    if let batchTeams {
      engine.merge(partial, slots: batchTeams.map(engine.slot(ofTeam:)))
      return
    }
    // Grown in place: a copy taken out of the dictionary would be copied whole by its first
    // append, once per batch.
    precondition(workerTeams[worker, default: []].count == partial.firstNewTeam, "partials of a worker must be merged in order")
    for name in partial.newTeamNames { workerTeams[worker, default: []].append(engine.slot(ofTeam: name)) }
    engine.merge(partial, slots: workerTeams[worker, default: []])
  }

  /// After a failure: the reader stops and workers take no more pieces. Call with the lock held.
  private func stopReadingAndWorking() {
    readingDone = true
    pieces.removeAll()
    condition.broadcast()
  }

  private func readPieces() {
    while true {
      condition.lock()
      while !readingDone, readCount - merged >= maxInFlight { condition.wait() }
      let stop = readingDone
      condition.unlock()
      if stop { return }
      let result = Result { try source.nextPiece() }
      condition.lock()
      switch result {
      case .success(let piece?):
        pieces.append((readCount, piece))
        readCount += 1
      case .success(nil):
        readingDone = true
      case .failure(let error):
        if failure == nil || readCount < failure!.piece { failure = (readCount, error) }
        readingDone = true
      }
      let done = readingDone
      condition.broadcast()
      condition.unlock()
      if done { return }
    }
  }

  private func work(_ worker: Int, _ box: WorkerBox) {
    var knownTeams = 0
    while true {
      condition.lock()
      while pieces.isEmpty, !readingDone { condition.wait() }
      if pieces.isEmpty {
        condition.unlock()
        return
      }
      let (index, piece) = pieces.removeFirst()
      condition.unlock()
      var batchTeams: [String]?
      let result: Result<PartialScores, Error> = Result {
        let batch = try box.reader.read(piece)
        let reader = box.reader
        // Each of the worker's teams is named once, when first read, for the merge. Hooks and
        // observers ask the reader for the names of a batch's teams, once per batch: a copy of
        // every name seen held about 1.2 MiB per worker with 50,000 teams (docs/performance.md).
        let firstNew = reader.numbersTeamsPerBatch ? 0 : knownTeams
        let newNames = (firstNew..<reader.teamCount).map { reader.teamName(Int32($0)) }
        if reader.numbersTeamsPerBatch { batchTeams = newNames }
        var partial = try box.scorer.score(batch) { reader.appendTeamNames($0, to: &$1) }
        if !reader.numbersTeamsPerBatch {
          partial.firstNewTeam = knownTeams
          partial.newTeamNames = newNames
          knownTeams = reader.teamCount
        }
        return partial
      }
      condition.lock()
      switch result {
      case .success(let partial): partials[index] = (worker, partial, batchTeams)
      case .failure(let error):
        if failure == nil || index < failure!.piece { failure = (index, error) }
      }
      condition.broadcast()
      condition.unlock()
      if case .failure = result { return }
    }
  }

  /// One worker's reader and scorer, handed to its thread.
  private final class WorkerBox: @unchecked Sendable {
    let scorer: BatchScorer
    var reader: Source.Reader
    init(scorer: BatchScorer, reader: Source.Reader) {
      self.scorer = scorer
      self.reader = reader
    }
  }
}
