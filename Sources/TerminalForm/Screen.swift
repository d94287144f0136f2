import FormText

/// What the answering screen shows for a state of the ``AnswerSheet``: plain lines, drawn
/// from the top of a cleared terminal.
public struct Screen {
  /// The survey's title and the respondent's team, shown at the top.
  public var title: String
  public var team: String
  /// The terminal's width, for wrapping item texts.
  public var width: Int
  /// The screen's own words, in the respondent's language.
  public var words: Messages
  /// The minimum group size, for the note under the questions on respondent attributes.
  public var minGroupSize: Int

  public init(title: String, team: String, width: Int = 80, language: String? = nil, minGroupSize: Int = 5) {
    self.minGroupSize = minGroupSize
    self.title = title
    self.team = team
    self.width = max(40, width)
    words = Messages(language)
  }

  /// The lines of the screen.
  public func lines(_ sheet: AnswerSheet) -> [String] {
    var out = [words("terminal.header", ["title": title, "team": team]), ""]
    switch sheet.phase {
    case .answering: out += item(sheet)
    case .review: out += review(sheet)
    case .confirmingQuit: out += [words("terminal.confirm-quit")]
    case .confirmed: out += [words("terminal.storing")]
    case .cancelled: out += [words("terminal.nothing-stored")]
    }
    return out
  }

  private func item(_ sheet: AnswerSheet) -> [String] {
    let item = sheet.items[sheet.position]
    var out = [words("terminal.progress", ["n": String(sheet.position + 1), "total": String(sheet.items.count)]), ""]
    out += wrap(item.text).map { "  " + $0 }
    out.append("")
    if item.kind == .text {
      out += wrap(sheet.comments[sheet.position] + "_").map { "> " + $0 }
      out += ["", words("terminal.comment-keys")]
      out += wrap(words("form.comment-note"))
      return out
    }
    if item.kind == .multi {
      for (index, choice) in item.choices.enumerated() {
        let marker = index == sheet.highlight ? ">" : " "
        let number = sheet.digitsPick ? "\(index + 1) " : ""
        out.append("\(marker) [\(sheet.isTicked(index) ? "x" : " ")] \(number)\(choice.label)")
      }
      out.append("")
      out.append(sheet.digitsPick ? words("terminal.multi-keys-digits", ["count": String(item.choices.count)]) : words("terminal.multi-keys"))
      return out
    }
    for (index, choice) in item.choices.enumerated() {
      let marker = index == sheet.highlight ? ">" : " "
      let number = sheet.digitsPick ? "\(index + 1) " : ""
      let chosen = sheet.answers[sheet.position] == choice.value ? "  " + words("terminal.your-answer") : ""
      out.append("\(marker) \(number)\(choice.label)\(chosen)")
    }
    out.append("")
    if item.attributeName != nil {
      out.append(words("terminal.attribute-keys", ["count": String(item.choices.count)]))
      out += wrap(words("form.attributes-note", ["size": String(minGroupSize)]))
      return out
    }
    out.append(sheet.digitsPick ? words("terminal.keys-digits", ["count": String(item.choices.count)]) : words("terminal.keys"))
    return out
  }

  private func review(_ sheet: AnswerSheet) -> [String] {
    var out = [words("terminal.answered", ["n": String(sheet.answeredCount), "total": String(sheet.items.count)])]
    let skipped = sheet.items.indices.filter { !sheet.isAnswered($0) }.map { String($0 + 1) }
    if !skipped.isEmpty {
      out.append(words(skipped.count == 1 ? "terminal.skipped-one" : "terminal.skipped-many", ["items": skipped.joined(separator: ", ")]))
    }
    out.append("")
    out += wrap(words("terminal.privacy"))
    out += ["", words("terminal.review-keys")]
    return out
  }

  /// `text` broken into lines of at most `width - 4` characters, at spaces.
  func wrap(_ text: String) -> [String] {
    var lines: [String] = []
    var line = ""
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
