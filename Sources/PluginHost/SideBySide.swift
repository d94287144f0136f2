import Dispatch
import Foundation

/// Work that shares nothing (each plugin has its own Lua state), run on the machine's cores.
enum SideBySide {
  /// `body(i)` for every `i` in `0..<count`, on up to `threads` threads at once; the results in
  /// index order, whatever the order the work finished in.
  static func map<T>(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: (Int) -> T) -> [T] {
    let threads = min(threads, count)
    guard threads > 1 else { return (0..<count).map(body) }
    let results = Slots<T>(count)
    withoutActuallyEscaping(body) { body in
      let work = Work(body: body)
      DispatchQueue.concurrentPerform(iterations: threads) { worker in
        for i in stride(from: worker, to: count, by: threads) { results.put(work.body(i), at: i) }
      }
    }
    return results.taken()
  }

  /// The closure handed to the threads (it only runs while ``map(_:threads:_:)`` waits).
  private struct Work<T>: @unchecked Sendable {
    let body: (Int) -> T
  }

  /// One slot per index, filled under a lock (a handful of results, each after milliseconds
  /// of work).
  private final class Slots<T>: @unchecked Sendable {
    private var values: [T?]
    private let lock = NSLock()
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
    func put(_ value: T, at i: Int) { lock.withLock { values[i] = value } }
    func taken() -> [T] { lock.withLock { values.map { $0! } } }
  }
}
