import SurveyIO
import SurveyModel

/// Turns an answer cell into an item's value: a number on the item's scale, or one of the
/// scale's labels ("Strongly agree" → 5), also when the tool adds the number to the label
/// ("5 - Strongly agree", "Strongly agree (5)"). A choice item's cell names one of its options
/// (by id or label) and counts as the option's score.
struct AnswerDecoder {
  let item: ImportItem
  private let values: [String: Double]
  private var isChoice: Bool { !item.options.isEmpty }

  init(item: ImportItem) {
    self.item = item
    var values: [String: Double] = [:]
    if item.options.isEmpty {
      for (offset, label) in item.scale.labels.enumerated() where values[TextKey.of(label)] == nil {
        values[TextKey.of(label)] = item.scale.min + Double(offset)
      }
    } else {
      for option in item.options {
        for key in [option.id, option.label].map(TextKey.of) where values[key] == nil { values[key] = option.score }
      }
    }
    self.values = values
  }

  /// The value of `cell`: nil for an empty cell (no answer).
  /// - Throws: the reason the cell cannot be read, for the row's problems.
  func decode(_ cell: String) throws(Reason) -> Double? {
    let text = cell.trimmed
    if text.isEmpty { return nil }
    let scale = item.scale
    if isChoice {
      if let score = values[TextKey.of(text)] { return score }
      let options = item.options.map { "'\($0.id)' (\($0.label))" }.joined(separator: ", ")
      throw Reason(text: "'\(cell)' is not an option of choice item '\(item.id)': give an option's id or label: \(options), or an empty cell for no answer")
    }
    let value: Double
    if let number = NumberParser.parse(text) {
      value = number
    } else if let labelled = label(TextKey.of(text)) {
      value = labelled
    } else {
      let labels = scale.labels.isEmpty ? "" : " or one of its labels (\(scale.labels.map { "'\($0)'" }.joined(separator: ", ")))"
      throw Reason(text: "'\(cell)' is not an answer to item '\(item.id)': it takes a number from \(scale.rangeText)\(labels), or an empty cell for no answer")
    }
    guard scale.contains(value) else {
      throw Reason(text: "\(Number.format(value)) is outside the scale \(scale.rangeText) of item '\(item.id)'")
    }
    return value
  }

  /// A label's value, also with a number before or after it that agrees with the label.
  private func label(_ key: String) -> Double? {
    if let value = values[key] { return value }
    let words = key.split(separator: " ")
    guard words.count > 1 else { return nil }
    if let number = NumberParser.parse(words[0]), let value = values[words.dropFirst().joined(separator: " ")], value == number { return value }
    if let number = NumberParser.parse(words[words.count - 1]), let value = values[words.dropLast().joined(separator: " ")], value == number { return value }
    return nil
  }

  /// Why a cell cannot be read.
  struct Reason: Error {
    let text: String
  }
}
