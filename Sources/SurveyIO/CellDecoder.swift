import SurveyModel

/// The one decoder of answer cells, for `score`, `compare` and `import` alike, with one set
/// of messages. A rating item's cell holds a number on the scale (``NumberParser``) or one of
/// the scale's labels — in any case, accents and punctuation aside, also with the number the
/// tool adds ("5 - Strongly agree", "Strongly agree (5)"). A choice item's cell names one of
/// its options by id or label and counts as the option's score. Blank cells are no answer.
public struct CellDecoder: Sendable {
  public let item: ResponseFileReader.ItemColumn
  /// Lowercased labels (the fast, exact match) and TextKeys of labels, to their value.
  private let exactLabels: [String: Double]
  private let labelKeys: [String: Double]
  /// For a choice item: its options, byte by byte, and by TextKey.
  private let choice: ChoiceMatcher?
  private let optionKeys: [String: Double]
  /// For a multi-select item counted by a measure: its options.
  private let multi: MultiDecoder?

  public init(item: ResponseFileReader.ItemColumn) {
    self.item = item
    let labels = item.scale.labels.enumerated().map { ($1, item.scale.min + Double($0)) }
    exactLabels = Dictionary(labels.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { a, _ in a })
    labelKeys = Dictionary(labels.map { (TextKey.of($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
    multi = item.multi.map(MultiDecoder.init)
    choice = item.options.isEmpty || item.multi != nil ? nil : ChoiceMatcher(options: item.options)
    optionKeys = Dictionary(
      item.options.flatMap { [(TextKey.of($0.id), $0.score), (TextKey.of($0.label), $0.score)] }, uniquingKeysWith: { a, _ in a })
  }

  /// Why a cell cannot be read.
  public struct Problem: Error, Sendable {
    public let text: String
  }

  /// The value of `cell`: nil for an empty or blank cell (no answer).
  /// - Throws: ``Problem`` saying what is wrong and what the item takes.
  public func decode(_ cell: String) throws(Problem) -> Double? {
    var text = cell
    let value = text.withUTF8 { self.value($0) }
    if let value { return value.isNaN ? nil : value }
    throw Problem(text: reason(cell))
  }

  /// The value of a cell's bytes (NaN for a blank cell), or nil when the cell is invalid.
  func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .nan }
    if let multi {
      // A blank cell was handled above, so a nil here is a refused cell.
      guard let chosen = try? multi.decode(String(decoding: bytes, as: UTF8.self)) else { return nil }
      return Double(chosen)
    }
    if let choice {
      if let score = choice.score(bytes) { return score }
      return optionKeys[TextKey.of(String(decoding: bytes, as: UTF8.self))]
    }
    guard let x = NumberParser.parse(bytes) ?? label(String(decoding: bytes, as: UTF8.self)) else { return nil }
    return item.scale.contains(x) ? x : nil
  }

  /// A label's value: exactly (any case), by TextKey, or with a number before or after it
  /// that agrees with the label.
  private func label(_ text: String) -> Double? {
    if let value = exactLabels[text.trimmingSpaces.lowercased()] { return value }
    let key = TextKey.of(text)
    if let value = labelKeys[key] { return value }
    let words = key.split(separator: " ")
    guard words.count > 1 else { return nil }
    if let number = NumberParser.parse(words[0]), let value = labelKeys[words.dropFirst().joined(separator: " ")], value == number { return value }
    if let number = NumberParser.parse(words[words.count - 1]), let value = labelKeys[words.dropLast().joined(separator: " ")], value == number {
      return value
    }
    return nil
  }

  /// Why `text` is refused (for a cell ``value(_:)`` refused).
  func reason(_ text: String) -> String {
    if let multi {
      do throws(Problem) {
        _ = try multi.decode(text)
      } catch {
        return error.text
      }
    }
    if !item.options.isEmpty { return RowDecoder.notAnOption(text, of: item) }
    let scale = item.scale
    if let number = NumberParser.parse(text) ?? label(text) {
      return "\(Number.format(number)) is outside the scale \(scale.rangeText) of item '\(item.id)'"
    }
    let labelHint = scale.labels.isEmpty ? "" : " or one of its labels"
    return "'\(text)' is not a number; item '\(item.id)' takes a value from \(scale.rangeText)\(labelHint), or an empty cell for no answer"
  }
}
