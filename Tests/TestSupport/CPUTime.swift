#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The CPU time the calling thread spends in `body`, in seconds: a bound on the work a test
/// does that other processes on a loaded machine do not stretch, as they stretch the wall clock.
public func threadCPUSeconds<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
  func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
  let start = now()
  let result = try body()
  return (result, now() - start)
}
