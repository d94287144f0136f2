/// A failure reported by Lua: its kind, the message (which starts with `file:line:` when Lua
/// knows the place) and the traceback, when there is one.
public struct LuaError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Equatable, Sendable {
    /// The chunk does not compile (or is a binary chunk).
    case syntax
    /// A Lua error raised while running.
    case runtime
    /// The state hit its memory cap.
    case memoryLimit
    /// A call ran past its time limit and was stopped.
    case timeLimit
    /// The error handler itself failed.
    case errorHandler
    /// The called field is not a function.
    case notAFunction
  }

  public var kind: Kind
  public var message: String
  public var traceback: String

  public init(kind: Kind, message: String, traceback: String = "") {
    self.kind = kind
    self.message = message
    self.traceback = traceback
  }

  public var description: String { message }
}
