import SurveyModel

/// Reads the answers of a multi-select item (`type = "multi"`), as a bit set with bit `i` for
/// option `i`. Two layouts: one cell naming the options chosen (ids or labels, any case,
/// separated by `;` or `,`, as Google Forms and ODK write them; a label that holds a comma is
/// recognised whole), or one column per option (Qualtrics, SurveyMonkey) whose cell says
/// whether it was ticked.
public struct MultiDecoder: Sendable {
  /// How an export writes an option that was not ticked, in the one-column-per-option layout.
  public enum Unticked: String, Sendable, CaseIterable {
    /// Unticked boxes are `0`; a blank cell means the question was not answered.
    case zero
    /// Unticked boxes are blank (Qualtrics' default, SurveyMonkey): a response with no box
    /// ticked cannot be told from one that skipped the question, and counts as not answered.
    case blank
  }

  public let item: Item
  /// TextKeys of ids and labels, to the option's index.
  private let keys: [String: Int]
  /// Ids and labels as ``Item/Option/matchKey(_:)`` gives them (the fast, exact match).
  private let exact: [String: Int]
  /// The most separators an id or label holds: how many pieces of a cell one option can span.
  private let span: Int

  /// TextKeys of labels that name different options in two languages, to why (refused).
  private let clashes: [String: String]

  /// The decoder of `item`'s cells, whose labels may be in any language of `labels`
  /// (``ItemLabels``; empty: the item's own labels).
  public init(item: Item, labels: [ItemLabels] = []) {
    self.item = item
    let languages = labels.isEmpty ? [ItemLabels(language: "", scale: [], options: item.options.map(\.label))] : labels
    var keys = LabelIndex<Int>()
    var exact = LabelIndex<Int>()
    var span = 0
    for (i, option) in item.options.enumerated() {
      keys.add(TextKey.of(option.id), i, language: nil) { _ in "" }
      exact.add(Item.Option.matchKey(option.id), i, language: nil) { _ in "" }
      span = max(span, option.id.filter { $0 == ";" || $0 == "," }.count)
    }
    for language in languages {
      for (i, label) in language.options.enumerated() where i < item.options.count {
        keys.add(TextKey.of(label), i, language: language.language) { "option '\(item.options[$0].id)'" }
        exact.add(Item.Option.matchKey(label), i, language: language.language) { "option '\(item.options[$0].id)'" }
        span = max(span, label.filter { $0 == ";" || $0 == "," }.count)
      }
    }
    self.keys = keys.unambiguous
    self.exact = exact.unambiguous
    self.clashes = keys.clashes
    self.span = span
  }

  /// The option a piece of a cell names: exactly (any case), else by TextKey.
  private func option(_ text: String) -> Int? {
    exact[Item.Option.matchKey(text)] ?? keys[TextKey.of(text)]
  }

  /// The options chosen in a one-cell answer: nil for a blank cell (not answered).
  /// - Throws: ``CellDecoder/Problem`` naming the part that is not an option.
  public func decode(_ cell: String) throws(CellDecoder.Problem) -> UInt32? {
    let parts = cell.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == "," }.map(String.init)
    guard parts.contains(where: { $0.contains { $0.isLetter || $0.isNumber } }) else {
      if cell.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
      throw CellDecoder.Problem(text: "'\(cell)' names no option of multi-select item '\(item.id)'; \(accepted)")
    }
    let separators = cell.filter { $0 == ";" || $0 == "," }.map { $0 }
    var chosen: UInt32 = 0
    var start = 0
    while start < parts.count {
      if !parts[start].contains(where: { $0.isLetter || $0.isNumber }) {
        start += 1
        continue
      }
      // The longest run of parts, joined back with its separators, that names one option
      // (so "Reading, writing" can be one label).
      var matched: (index: Int, end: Int)?
      var joined = ""
      for end in start..<min(parts.count, start + span + 1) {
        joined += (end == start ? "" : String(separators[end - 1])) + parts[end]
        if let index = option(joined) { matched = (index, end) }
      }
      guard let matched else {
        if let clash = clashes[TextKey.of(parts[start])] {
          throw CellDecoder.Problem(
            text:
              "'\(parts[start].trimmingSpaces)' in '\(cell)' is ambiguous for multi-select item '\(item.id)': it names \(clash); write the option's id instead"
          )
        }
        throw CellDecoder.Problem(
          text:
            "'\(parts[start].trimmingSpaces)' in '\(cell)' is not an option of multi-select item '\(item.id)'\(parts[start].count > 60 ? "" : Suggestion.hint(for: TextKey.of(parts[start]), in: keys.keys.sorted())); \(accepted)"
        )
      }
      chosen |= 1 << UInt32(matched.index)
      start = matched.end + 1
    }
    return chosen
  }

  /// Whether the cell of option `option`'s column says it was ticked: true for `1`, `true`,
  /// `yes`, `x`, `checked`, `selected` or the option's id or label; false for `0`, `false`, `no`
  /// (and a blank cell when unticked boxes are blank); nil for a blank cell when unticked boxes
  /// are written as 0.
  /// - Throws: ``CellDecoder/Problem`` for anything else.
  public func ticked(_ cell: String, option: Int, unticked: Unticked) throws(CellDecoder.Problem) -> Bool? {
    if cell.allSatisfy({ $0 == " " || $0 == "\t" }) { return unticked == .blank ? false : nil }
    let lower = Item.Option.matchKey(cell)
    if Self.tickedWords.contains(lower) || exact[lower] == option { return true }
    if Self.untickedWords.contains(lower) { return false }
    let key = TextKey.of(cell)
    if let clash = clashes[key] {
      throw CellDecoder.Problem(text: "'\(cell)' is ambiguous for multi-select item '\(item.id)': it names \(clash); write 1 for ticked")
    }
    if Self.tickedWords.contains(key) || keys[key] == option { return true }
    if Self.untickedWords.contains(key) { return false }
    let name = item.options[option]
    throw CellDecoder.Problem(
      text:
        "'\(cell)' does not say whether option '\(name.id)' of multi-select item '\(item.id)' was ticked; use 1 (or the option's label) for ticked and \(unticked == .zero ? "0" : "an empty cell") for not ticked"
    )
  }

  static let tickedWords: Set<String> = ["1", "true", "yes", "x", "checked", "selected"]
  static let untickedWords: Set<String> = ["0", "false", "no"]

  private var accepted: String {
    "give option ids or labels separated by ';' or ',': "
      + item.options.map { "\($0.id) (\"\(Shortening.shortened($0.label, to: 41))\")" }.joined(separator: ", ")
  }

  /// The options of a bit set, in declaration order.
  public func options(in chosen: UInt32) -> [Item.Option] {
    item.options.indices.filter { chosen & (1 << UInt32($0)) != 0 }.map { item.options[$0] }
  }
}
