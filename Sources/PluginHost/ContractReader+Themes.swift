import LuaBridge
import SurveyModel

/// Comment themes (added within plugin API 1): `themes = { { id, name, keywords }, ... }`,
/// matched by keywords or decided by the `classify(comment)` hook.
extension ContractReader {
  static let themeFields = ["id", "name", "keywords"]

  /// The themes, listing every problem: a list of tables with a unique text `id`, a `name`,
  /// and a list of non-empty `keywords` unless the plugin has a `classify` hook.
  mutating func readThemes(_ value: LuaValue, classify: Bool) -> [Theme] {
    let line = locator.line(ofField: "themes")
    guard !value.isNil else {
      if classify {
        problem(
          "'classify' returns theme ids, so the plugin needs 'themes' = { { id = ..., name = ... }, ... }", line: locator.line(ofField: "classify"))
      }
      return []
    }
    guard let list = value.table, list.fields.isEmpty, list.otherKeys.isEmpty, !list.sequence.isEmpty else {
      problem("'themes' must be a non-empty list of { id = ..., name = ..., keywords = { ... } } tables (got \(value.typeName))", line: line)
      return []
    }
    var themes: [Theme] = []
    var seen = Set<String>()
    for (index, entry) in list.sequence.enumerated() {
      guard let table = entry.table, let id = table["id"].string, !id.trimmingSpaces.isEmpty else {
        problem("theme #\(index + 1) needs a text 'id'", line: line)
        continue
      }
      let at = locator.line(ofString: id, after: (line ?? 1) - 1) ?? line
      for key in table.fieldNames where !Self.themeFields.contains(key) && !key.hasPrefix("_") {
        problem("theme '\(id)': unknown field '\(key)'\(Suggestion.hint(for: key, in: Self.themeFields))", line: at)
      }
      if !seen.insert(id).inserted { problem("theme '\(id)' is declared twice", line: at) }
      let name = visibleText(table["name"], field: "name", owner: "theme '\(id)'", path: Translations.Field.theme(id), line: at) ?? ""
      if name.trimmingSpaces.isEmpty { problem("theme '\(id)' needs a text 'name'", line: at) }
      var keywords: [String] = []
      switch table["keywords"] {
      case .nil where classify: break
      case .nil: problem("theme '\(id)' needs 'keywords' = { \"...\", ... } (or the plugin's classify(comment) hook)", line: at)
      case .table(let words) where words.fields.isEmpty && words.otherKeys.isEmpty && !words.sequence.isEmpty:
        for word in words.sequence {
          if let text = word.string, !Theme.normalized(text).isEmpty {
            keywords.append(Theme.normalized(text))
          } else {
            problem(
              "theme '\(id)': every keyword must be non-empty text (got \(word.typeName == "string" ? "an empty text" : word.typeName))", line: at)
          }
        }
      case let other: problem("theme '\(id)': 'keywords' must be a non-empty list of text (got \(other.typeName))", line: at)
      }
      themes.append(Theme(id: id, name: name, keywords: keywords))
    }
    return themes
  }
}
