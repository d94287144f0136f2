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

  var timePerCallNanoseconds: Int64 {
    let (seconds, attoseconds) = timePerCall.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
