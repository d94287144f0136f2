import SurveyModel

/// A plugin-authoring command that cannot do what was asked (`plugins new`, `plugins types`,
/// `plugins docs`, `plugins run`): what is wrong, what to do, and the exit status.
public struct AuthoringError: Diagnostic {
  /// What is wrong, e.g. "not overwriting surveys/x.yaml".
  public var message: String
  /// What to do about it.
  public var hint: String?
  /// The exit status the command ends with.
  public var status: ExitStatus

  public init(_ message: String, hint: String? = nil, status: ExitStatus = .usage) {
    self.message = message
    self.hint = hint
    self.status = status
  }

  public var exitStatus: ExitStatus { status }
  public var description: String { DiagnosticText.render(message: message, hint: hint) }
}
