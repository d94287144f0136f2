import Foundation
import SurveyModel

/// Runs the answering screen until the respondent confirms or leaves.
public enum TerminalSession {
  /// Shows the items one by one and returns the answers on confirmation, nil when the
  /// respondent left. The terminal is restored before returning.
  /// - Throws: when standard input is not a terminal.
  public static func run(items: [FormItem], title: String, team: String) throws -> [String: Double]? {
    let terminal = try RawTerminal()
    defer { terminal.restore() }
    var sheet = AnswerSheet(items: items)
    var decoder = KeyDecoder()
    let screen = Screen(title: title, team: team, width: terminal.width)
    while sheet.phase != .confirmed, sheet.phase != .cancelled {
      terminal.draw(screen.lines(sheet))
      var key: Key?
      while key == nil {
        let (byte, timedOut) = terminal.readByte(timeout: 0.05)
        if timedOut {
          key = decoder.flush()
          continue
        }
        guard let byte else {
          key = .end
          break
        }
        key = decoder.feed(byte)
      }
      sheet.handle(key!)
    }
    terminal.draw(screen.lines(sheet))
    return sheet.phase == .confirmed ? sheet.answersByItem : nil
  }
}
