import ArgumentParser
import CultivarKit
import Foundation
import SurveyModel

/// Writing to the terminal and ending with the documented exit codes.
enum Terminal {
  /// Writes to standard output; on a terminal, control characters from any input are shown,
  /// not obeyed.
  static func out(_ text: String) {
    let text = ConsoleText.isTerminal(1) ? ConsoleText.safe(text) : text
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes a message to standard error, control characters always made visible.
  static func err(_ text: String) {
    let text = ConsoleText.safe(text)
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Prints the error the way users read it and exits with its code.
  static func fail(_ error: Error) -> ExitCode {
    let status = ExitStatus.of(error)
    let text = String(describing: error)
    err(status == .failure && !text.hasPrefix("error:") ? "error: \(text)" : text)
    return ExitCode(status.rawValue)
  }
}
