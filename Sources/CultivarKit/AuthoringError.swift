/// A plugin-authoring command that cannot do what was asked (`plugins new`, `plugins types`,
/// `plugins docs`, `plugins run`): what is wrong, what to do, and the exit status.
public struct AuthoringError: Error, CustomStringConvertible {
  public var message: String
  public var hint: String?
  public var status: ExitStatus

  public init(_ message: String, hint: String? = nil, status: ExitStatus = .usage) {
    self.message = message
    self.hint = hint
    self.status = status
  }

  public var description: String {
    "error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
  }
}
