import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Work that shares nothing (plugins, each with its own Lua state; the anonymity engine's
/// blocks), run on the machine's cores.
public enum SideBySide {
  /// The cores online.
  public static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  /// `body(i)` for every `i` in `0..<count`, on up to `threads` threads at once; the results in
  /// index order, whatever the order the work finished in.
  public static func map<T>(_ count: Int, threads: Int = cores, _ body: (Int) -> T) -> [T] {
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

  /// One slot per index, filled under a lock (each result comes after much more work than
  /// the lock costs).
  private final class Slots<T>: @unchecked Sendable {
    private var values: [T?]
    private let lock = Mutex(())
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
    func put(_ value: T, at i: Int) { lock.withLock { _ in values[i] = value } }
    /// The results, once every thread is done.
    func taken() -> [T] { values.map { $0! } }
  }
}
