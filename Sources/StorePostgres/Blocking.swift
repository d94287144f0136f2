import Foundation

/// Runs async PostgreSQL work from the synchronous commands (import, invite, score), waiting
/// on the calling thread. The work runs on a thread of its own (``Blocking/executor``), never
/// on Swift's shared pool: a caller that is itself on that pool (a test, the web server's
/// start) could otherwise wait for work that has no thread left to run on.
enum Blocking {
  private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
  }

  /// The thread that runs the waited-for work.
  static let executor = ThreadExecutor()

  /// The result of `body`, run to its end.
  static func run<T>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task(executorPreference: executor) {
      do {
        outcome.result = .success(try await body())
      } catch {
        outcome.result = .failure(error)
      }
      done.signal()
    }
    done.wait()
    return try outcome.result!.get()
  }
}

/// A task executor with one thread of its own that runs jobs in the order they come.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  init() {
    let thread = Thread { [unowned self] in self.loop() }
    thread.name = "cultivar-postgres"
    thread.start()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func loop() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let batch = jobs
      jobs.removeAll()
      condition.unlock()
      for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
  }
}
