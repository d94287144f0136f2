import SurveyModel

/// The one decoder of answer cells, for `score`, `compare` and `import` alike, with one set
/// of messages. A rating item's cell holds a number on the scale (``NumberParser``) or one of
/// the scale's labels — in any case, accents and punctuation aside, also with the number the
/// tool adds ("5 - Strongly agree", "Strongly agree (5)"). A choice item's cell names one of
/// its options by id or label and counts as the option's score. Blank cells are no answer.
/// Labels are read in every language of ``ResponseFileReader/ItemColumn/labels``; one that
/// means different values in two of them is refused, naming both.
public struct CellDecoder: Sendable {
  public let item: ResponseFileReader.ItemColumn
  /// Lowercased labels (the fast, exact match) and TextKeys of labels, to their value, in
  /// every language of ``ResponseFileReader/ItemColumn/labels``.
  private let exactLabels: [String: Double]
  private let labelKeys: [String: Double]
  /// For a choice item: its options, byte by byte, and by TextKey.
  private let choice: ChoiceMatcher?
  private let optionKeys: [String: Double]
  /// For a multi-select item counted by a measure: its options.
  private let multi: MultiDecoder?
  /// TextKeys of labels that mean different values in two languages, to why (refused).
  private let clashes: [String: String]

  public init(item: ResponseFileReader.ItemColumn) {
    self.item = item
    let languages = item.labels.isEmpty ? [ItemLabels(language: "", scale: item.scale.labels, options: item.options.map(\.label))] : item.labels
    var exact = LabelIndex<Double>()
    var keys = LabelIndex<Double>()
    var options = LabelIndex<Int>()
    var translated: [Item.Option] = []
    let scale = item.scale
    let point = { (value: Double) in Number.format(value) }
    for (i, option) in item.options.enumerated() { options.add(TextKey.of(option.id), i, language: nil) { _ in "" } }
    for labels in languages {
      for (i, label) in labels.scale.enumerated() {
        exact.add(label.lowercased(), scale.min + Double(i), language: labels.language, describe: point)
        keys.add(TextKey.of(label), scale.min + Double(i), language: labels.language, describe: point)
      }
      for (i, option) in item.options.enumerated() where i < labels.options.count {
        options.add(TextKey.of(labels.options[i]), i, language: labels.language) { "option '\(item.options[$0].id)'" }
        if labels.options[i] != option.label { translated.append(Item.Option(id: option.id, label: labels.options[i], score: option.score)) }
      }
    }
    exactLabels = exact.unambiguous
    labelKeys = keys.unambiguous
    clashes = keys.clashes.merging(item.multi == nil ? options.clashes : [:]) { a, _ in a }
    multi = item.multi.map { MultiDecoder(item: $0, labels: item.labels) }
    choice = item.options.isEmpty || item.multi != nil ? nil : ChoiceMatcher(options: item.options + translated)
    optionKeys = options.unambiguous.mapValues { item.options[$0].score }
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
    if !clashes.isEmpty, clashes[TextKey.of(String(decoding: bytes, as: UTF8.self))] != nil { return nil }
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
    if let clash = clashes[TextKey.of(text)] {
      return
        "'\(text)' is ambiguous for item '\(item.id)': it means \(clash); write \(item.options.isEmpty ? "the answer as a number on the scale" : "the option's id") instead"
    }
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
