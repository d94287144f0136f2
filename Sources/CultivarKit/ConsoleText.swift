import Foundation
import SurveyModel

/// Text on its way to a terminal: control characters, escape sequences and bidi marks from any
/// input (names, labels, advice, messages) are written out visibly; line breaks stay.
public enum ConsoleText {
  public static func safe(_ text: String) -> String { SafeText.terminal(text, keepingLineBreaks: true) }

  /// Whether the file descriptor is a terminal (reports written to files or pipes are data
  /// and stay byte for byte as rendered).
  public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}
