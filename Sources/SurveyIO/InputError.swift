import SurveyModel

/// A problem in a user's file, rendered compiler-style: `file:line: error: message`.
public struct InputError: Diagnostic, Equatable, Sendable {
  /// What kind of input it is about (the exit code depends on it).
  public enum Kind: Equatable, Sendable {
    /// A survey definition (YAML).
    case survey
    /// A response file (CSV).
    case responses
    /// A file that cannot be opened or read.
    case file
    /// An output file that cannot be written.
    case output
  }

  public var kind: Kind
  public var file: String
  /// 1-based line, or 0 when the problem is about the whole file.
  public var line: Int
  public var message: String
  /// How to fix it, when we can tell.
  public var hint: String?

  public init(kind: Kind, file: String, line: Int = 0, message: String, hint: String? = nil) {
    self.kind = kind
    self.file = file
    self.line = line
    self.message = message
    self.hint = hint
  }

  public var exitStatus: ExitStatus {
    switch kind {
    case .survey: .configuration
    case .responses: .dataError
    case .file: .noInput
    case .output: .cannotCreate
    }
  }

  public var description: String {
    DiagnosticText.render(place: line > 0 ? "\(file):\(line)" : file, message: message, hint: hint)
  }
}
