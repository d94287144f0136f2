/// The resource limits of one Lua state.
public struct LuaLimits: Equatable, Sendable {
  /// The most memory the state may hold, in bytes (default 64 MiB).
  public var memoryBytes: Int
  /// The longest a single call (a plugin load or one hook call) may run (default 2 s).
  public var timePerCall: Duration

  public init(memoryBytes: Int = 64 << 20, timePerCall: Duration = .seconds(2)) {
    self.memoryBytes = memoryBytes
    self.timePerCall = timePerCall
  }

  /// The default limits: 64 MiB and 2 s per call.
  public static let standard = LuaLimits()

  /// The time limit in nanoseconds, saturated (a limit too long to count in nanoseconds is
  /// as good as none; a negative one stops every call at once).
  var timePerCallNanoseconds: Int64 {
    let (seconds, attoseconds) = timePerCall.components
    let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    if overflow { return seconds < 0 ? 1 : Int64.max }
    let (total, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
    if overflow2 { return Int64.max }
    return Swift.max(total, 1)
  }

  /// The memory cap in bytes as the C state takes it (negative caps count as the smallest).
  var memoryCapBytes: Int { Swift.max(memoryBytes, 1) }
}
