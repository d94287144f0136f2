import Foundation
import SurveyModel

/// How answering in the terminal ended.
public enum SessionOutcome: Equatable, Sendable {
  /// Confirmed: the answers by item id, and the comments by item id.
  case confirmed([String: Double], comments: [String: String] = [:])
  /// Left without storing: by `q` then `y`, Ctrl-C, or the end of input.
  case cancelled(Key?)
}

/// Runs the answering screen until the respondent confirms or leaves.
public enum TerminalSession {
  /// Shows the items one by one. The terminal is restored before returning (and on a signal
  /// that ends the process).
  /// - Parameters:
  ///   - language: the language of the screen's own words (nil: English).
  ///   - minGroupSize: the survey's, for the note under questions on respondent attributes.
  /// - Throws: when standard input is not a terminal.
  public static func run(items: [FormItem], title: String, team: String, language: String? = nil, minGroupSize: Int = 5) throws -> SessionOutcome {
    let terminal = try RawTerminal()
    defer { terminal.restore() }
    var sheet = AnswerSheet(items: items)
    var decoder = KeyDecoder()
    let screen = Screen(title: title, team: team, width: terminal.width, language: language, minGroupSize: minGroupSize)
    var lastKey: Key?
    while sheet.phase != .confirmed, sheet.phase != .cancelled {
      terminal.draw(screen.lines(sheet))
      var key: Key?
      var silent = 0
      while key == nil {
        let (byte, timedOut) = terminal.readByte(timeout: 0.05)
        if timedOut {
          silent += 1
          // A lone ESC after 50 ms is the Escape key; a sequence cut off for 1 s is dropped.
          key = decoder.flush(abandon: silent >= 20)
          continue
        }
        silent = 0
        guard let byte else {
          key = .end
          break
        }
        key = decoder.feed(byte)
      }
      lastKey = key
      sheet.handle(key!)
    }
    if sheet.phase == .confirmed {
      terminal.draw(screen.lines(sheet))
      return .confirmed(sheet.answersByItem, comments: sheet.commentsByItem)
    }
    return .cancelled(lastKey)
  }
}
