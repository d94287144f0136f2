/// The documented exit statuses of `cultivar` (BSD sysexits values where one fits).
public enum ExitStatus: Int32, Sendable {
  case success = 0
  /// An unexpected failure.
  case failure = 1
  /// Bad command-line usage.
  case usage = 64
  /// A response file with invalid rows (and no --skip-invalid).
  case dataError = 65
  /// An input file that does not exist or cannot be read.
  case noInput = 66
  /// `cultivar-net`, which serves the web form and reaches PostgreSQL stores, cannot be started.
  case unavailable = 69
  /// A plugin failed while scoring (a hook error or a limit).
  case pluginFailure = 70
  /// An output file that cannot be written.
  case cannotCreate = 73
  /// The response store cannot be opened, read or written (or stayed busy).
  case storeFailure = 74
  /// A broken survey definition or plugin, or a survey naming a plugin that is not found.
  case configuration = 78

  /// The exit status for any error: its own when it is a ``Diagnostic``, else ``failure``.
  public static func of(_ error: Error) -> ExitStatus {
    (error as? Diagnostic)?.exitStatus ?? .failure
  }
}

/// An error Cultivar reports to a person: it says what is wrong, where and how to fix it
/// (its `description`), and its type — not its wording — decides the exit status.
public protocol Diagnostic: Error, CustomStringConvertible {
  /// The status the command ends with.
  var exitStatus: ExitStatus { get }
}

/// The one rendering of a diagnostic: `place: error: message`, then an indented `hint:` line.
public enum DiagnosticText {
  /// `file:line: error: message` (or `error: message` without a place) and the hint, if any.
  public static func render(place: String? = nil, message: String, hint: String? = nil) -> String {
    (place.map { "\($0): error: " } ?? "error: ") + message + (hint.map { "\n  hint: \($0)" } ?? "")
  }
}

/// A command used in a way it cannot run (exit status 64).
public struct UsageError: Diagnostic, Equatable, Sendable {
  /// What is wrong with the request.
  public var message: String
  /// How to ask instead.
  public var hint: String?
  public init(message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }
  public var exitStatus: ExitStatus { .usage }
  public var description: String { DiagnosticText.render(message: message, hint: hint) }
}

extension UsageError {
  /// The one wording of a `--format` no reporter offers: the closest format, and all of them.
  public static func unknownFormat(_ format: String, among formats: [String]) -> UsageError {
    UsageError(
      message: "unknown format '\(format)'\(Suggestion.hint(for: format, in: formats))", hint: "use one of: \(formats.joined(separator: ", "))")
  }
}
