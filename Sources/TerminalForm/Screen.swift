/// What the answering screen shows for a state of the ``AnswerSheet``: plain lines, drawn
/// from the top of a cleared terminal.
public struct Screen {
  /// The survey's title and the respondent's team, shown at the top.
  public var title: String
  public var team: String
  /// The terminal's width, for wrapping item texts.
  public var width: Int

  public init(title: String, team: String, width: Int = 80) {
    self.title = title
    self.team = team
    self.width = max(40, width)
  }

  /// The lines of the screen.
  public func lines(_ sheet: AnswerSheet) -> [String] {
    var out = ["\(title) · team \(team)", ""]
    switch sheet.phase {
    case .answering: out += item(sheet)
    case .review: out += review(sheet)
    case .confirmingQuit: out += ["Leave without storing your answers? (y: leave, any other key: go on)"]
    case .confirmed: out += ["Your answers are being stored."]
    case .cancelled: out += ["Nothing was stored."]
    }
    return out
  }

  private func item(_ sheet: AnswerSheet) -> [String] {
    let item = sheet.items[sheet.position]
    var out = ["Item \(sheet.position + 1) of \(sheet.items.count)", ""]
    out += wrap(item.text).map { "  " + $0 }
    out.append("")
    if item.kind == .text {
      out += wrap(sheet.comments[sheet.position] + "_").map { "> " + $0 }
      out += ["", "Type your comment · Enter: next · Left: back · Right: skip · Esc: quit"]
      out += wrap("Comments are shown only for groups in which many people commented, in a random order, with names, e-mail addresses and phone numbers removed.")
      return out
    }
    if item.kind == .multi {
      for (index, choice) in item.choices.enumerated() {
        let marker = index == sheet.highlight ? ">" : " "
        let number = sheet.digitsPick ? "\(index + 1) " : ""
        out.append("\(marker) [\(sheet.isTicked(index) ? "x" : " ")] \(number)\(choice.label)")
      }
      out.append("")
      let pick = sheet.digitsPick ? "1-\(item.choices.count) or Space: tick (any number)" : "Up/Down+Space: tick (any number)"
      out.append("\(pick) · Enter: next · b/Left: back · q: quit")
      return out
    }
    for (index, choice) in item.choices.enumerated() {
      let marker = index == sheet.highlight ? ">" : " "
      let number = sheet.digitsPick ? "\(index + 1) " : ""
      let chosen = sheet.answers[sheet.position] == choice.value ? "  (your answer)" : ""
      out.append("\(marker) \(number)\(choice.label)\(chosen)")
    }
    out.append("")
    let pick = sheet.digitsPick ? "1-\(item.choices.count) or Up/Down+Enter: answer" : "Up/Down+Enter: answer"
    out.append("\(pick) · b/Left: back · s/Right: skip · q: quit")
    return out
  }

  private func review(_ sheet: AnswerSheet) -> [String] {
    var out = ["You answered \(sheet.answeredCount) of \(sheet.items.count) items."]
    let skipped = sheet.items.indices.filter { !sheet.isAnswered($0) }.map { String($0 + 1) }
    if !skipped.isEmpty { out.append("Skipped: item\(skipped.count == 1 ? "" : "s") \(skipped.joined(separator: ", ")).") }
    out.append("")
    out += wrap("Your answers are stored without your name, and only counted in results for groups of several people.")
    out += ["", "y/Enter: store your answers · b/Left: go back · q: quit without storing"]
    return out
  }

  /// `text` broken into lines of at most `width - 4` characters, at spaces.
  func wrap(_ text: String) -> [String] {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width - 4 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
