import LuaBridge
import SurveyModel

/// Choice items (added within plugin API 1): an item with `options = { { id, label, score },
/// ... }` is answered by picking one option, and counts as that option's score.
extension ContractReader {
  static let optionFields = ["id", "label", "score"]
  /// The most options a multi-select may have (its answer is stored as one bit per option).
  static let maximumMultiOptions = 32

  /// The options of item `item`, or `[]` when it has none (a rating item). Lists every problem:
  /// the options must be a list of two or more tables with a text `id` and `label` and a
  /// `score` on the framework's scale; no id or label (compared without case or surrounding
  /// spaces, as response cells are) may name two options; and the scores may not all be equal.
  mutating func readOptions(_ value: LuaValue, item: String, line: Int?, scale: Scale?, scored: Bool = true) -> [Item.Option] {
    guard !value.isNil else { return [] }
    let shape =
      scored
      ? "a list of { id = ..., label = ..., score = ... } tables, one per option" : "a list of { id = ..., label = ... } tables, one per option"
    guard let list = value.table, list.fields.isEmpty, list.otherKeys.isEmpty else {
      problem(
        "item '\(item)': 'options' must be \(shape) (got \(value.typeName == "table" ? "a table with named fields" : value.typeName))", line: line)
      return []
    }
    guard list.sequence.count >= 2 else {
      problem("item '\(item)': a \(scored ? "choice" : "multi-select") needs at least two options (got \(list.sequence.count))", line: line)
      return []
    }
    if !scored, list.sequence.count > Self.maximumMultiOptions {
      problem(
        "item '\(item)': a multi-select has at most \(Self.maximumMultiOptions) options (got \(list.sequence.count)); split it into several questions",
        line: line)
      return []
    }
    var options: [Item.Option] = []
    var owner: [String: String] = [:]  // id or label, as matched in response cells -> option id
    for (index, entry) in list.sequence.enumerated() {
      guard let table = entry.table else {
        problem("item '\(item)': option #\(index + 1) must be a { id = ..., label = ..., score = ... } table (got \(entry.typeName))", line: line)
        continue
      }
      let id = table["id"].string ?? ""
      let name = id.isEmpty ? "option #\(index + 1)" : "option '\(id)'"
      let at = id.isEmpty ? line : locator.line(ofString: id, after: (line ?? 1) - 1) ?? line
      for key in table.fieldNames where !Self.optionFields.contains(key) && !key.hasPrefix("_") {
        problem("item '\(item)', \(name): unknown field '\(key)'\(Suggestion.hint(for: key, in: Self.optionFields))", line: at)
      }
      let label =
        visibleText(table["label"], field: "label", owner: "item '\(item)', \(name)", path: Translations.Field.option(item, id), line: at) ?? ""
      if Item.Option.matchKey(id).isEmpty {
        problem("item '\(item)': option #\(index + 1) needs an 'id' (the code a response file may hold)", line: at)
      }
      if Item.Option.matchKey(label).isEmpty {
        problem("item '\(item)', \(name) needs a 'label' (the reaction or answer shown to respondents)", line: at)
      }
      if !scored {
        if !table["score"].isNil {
          problem("item '\(item)', \(name): a multi-select option has no 'score' (the share choosing it is reported); remove it", line: at)
        }
        if !Item.Option.matchKey(id).isEmpty, !Item.Option.matchKey(label).isEmpty {
          noteKeys(id: id, label: label, item: item, at: at, owner: &owner)
        }
        options.append(Item.Option(id: id, label: label, score: 0))
        continue
      }
      guard let score = table["score"].number else {
        problem("item '\(item)', \(name) needs a number 'score' (got \(table["score"].typeName))", line: at)
        continue
      }
      if let scale, !scale.contains(score) {
        problem(
          "item '\(item)', \(name): score \(Number.format(score)) is outside the scale \(scale.rangeText); option scores are points of the framework's scale",
          line: at)
      }
      let keys = Set([Item.Option.matchKey(id), Item.Option.matchKey(label)])
      guard !keys.contains("") else { continue }
      noteKeys(id: id, label: label, item: item, at: at, owner: &owner)
      options.append(Item.Option(id: id, label: label, score: score))
    }
    if scored, options.count == list.sequence.count, Set(options.map(\.score)).count == 1 {
      problem(
        "item '\(item)': every option scores \(Number.format(options[0].score)), so the answer says nothing; give the options different scores",
        line: line)
    }
    return options
  }

  /// Records an option's id and label as answers, naming an option declared twice or two
  /// options answered by the same text.
  private mutating func noteKeys(id: String, label: String, item: String, at: Int?, owner: inout [String: String]) {
    for key in Set([Item.Option.matchKey(id), Item.Option.matchKey(label)]).sorted() {
      if let other = owner[key] {
        let what =
          Item.Option.matchKey(other) == Item.Option.matchKey(id)
          ? "option '\(id)' is declared twice"
          : "options '\(other)' and '\(id)' are both answered by '\(key)'; each id and label must name one option"
        problem("item '\(item)': \(what)", line: at)
      } else {
        owner[key] = id
      }
    }
  }
}
