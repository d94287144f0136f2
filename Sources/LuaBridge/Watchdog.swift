import Foundation
import LuaShim

/// A pointer to a C state handed to the watchdog thread.
struct StateHandle: @unchecked Sendable, Hashable {
  let pointer: OpaquePointer
}

/// One background thread that checks every registered state for a call that has passed its
/// deadline, and arms that state's stop hook. Nothing is installed in a state while calls run
/// within their limit, so scoring pays no per-instruction cost for the time limit.
final class Watchdog: @unchecked Sendable {
  static let shared = Watchdog()

  private let lock = NSLock()
  private var states: Set<StateHandle> = []
  private var started = false
  /// How often the thread looks at the registered states.
  private let interval: TimeInterval = 0.01

  func register(_ handle: StateHandle) {
    lock.lock()
    states.insert(handle)
    if !started {
      started = true
      let thread = Thread { [unowned self] in self.run() }
      thread.name = "cultivar.lua-watchdog"
      thread.start()
    }
    lock.unlock()
  }

  /// Removes a state; after this returns the watchdog no longer touches it.
  func unregister(_ handle: StateHandle) {
    lock.lock()
    states.remove(handle)
    lock.unlock()
  }

  private func run() {
    while true {
      Thread.sleep(forTimeInterval: interval)
      lock.lock()
      let now = cv_now_ns()
      for handle in states { _ = cv_watchdog_check(handle.pointer, now) }
      lock.unlock()
    }
  }
}
