import LuaBridge
import SurveyModel

/// Translated texts (added within plugin API 1): every text a respondent or a reader sees may
/// be a table of languages, `text = { en = "...", de = "..." }`, when the plugin lists its
/// languages, `languages = { "en", "de" }` (the default first). A plugin with one language
/// keeps plain strings.
extension ContractReader {
  /// Reads the optional `languages` list (before any text, so texts can be checked against it).
  mutating func readLanguages(_ value: LuaValue) {
    guard !value.isNil else { return }
    let line = locator.line(ofField: "languages")
    let list = value.table?.sequence.compactMap(\.string) ?? []
    guard let table = value.table, !list.isEmpty, list.count == table.sequence.count, table.fields.isEmpty, table.otherKeys.isEmpty else {
      problem(
        "'languages' must be a list of language tags, the default first, e.g. languages = { \"en\", \"de\" } (got \(value.typeName))", line: line)
      return
    }
    var seen = Set<String>()
    for tag in list {
      if !LanguageTag.isValid(tag) {
        problem("'languages': '\(tag)' is not a language tag such as en, de or pt-BR", line: line)
      } else if !seen.insert(tag.lowercased()).inserted {
        problem("'languages' lists '\(tag)' twice", line: line)
      }
    }
    translations = Translations(languages: list, line: line)
  }

  /// A text respondents or readers see: plain text, or (when the plugin lists its languages)
  /// a table with one non-empty text per language. Records the translations under `path`.
  /// - Parameters:
  ///   - owner: what the field belongs to, for messages (`item 'q1'`; empty for the plugin).
  ///   - line: where the owner is written; the field's own line is looked up after it.
  /// - Returns: the text in the plugin's default language, or nil when the value is neither
  ///   text nor a table (the caller reports what it expected).
  /// An optional top-level text a reader sees (`index_rule`, `score_rule`): nil when absent,
  /// plain text or a table of languages like every other visible text.
  mutating func optionalVisibleText(_ plugin: LuaTable, _ key: String, path: String) -> String? {
    guard !plugin[key].isNil else { return nil }
    if let text = visibleText(plugin[key], field: key, path: path, line: nil) { return text }
    problem("'\(key)' must be text (got \(plugin[key].typeName))", line: locator.line(ofField: key))
    return nil
  }

  mutating func visibleText(_ value: LuaValue, field: String, owner: String = "", path: String, line: Int?) -> String? {
    var at: Int? { line.flatMap { locator.line(ofField: field, after: $0 - 1) } ?? line ?? locator.line(ofField: field) }
    let name = owner.isEmpty ? "'\(field)'" : "\(owner): '\(field)'"
    let languages = translations?.languages ?? []
    switch value {
    case .string(let text):
      if languages.count > 1 {
        problem(
          "\(name) has no '\(languages[1])' translation: plain text counts as \(languages[0]) only; write \(field) = { \(languages.map { "\($0) = \"...\"" }.joined(separator: ", ")) }",
          line: at)
      }
      return text
    case .table(let table):
      guard table.sequence.isEmpty, table.otherKeys.isEmpty, !table.fields.isEmpty else {
        problem("\(name) must be text or a table of languages such as { en = \"...\", de = \"...\" }", line: at)
        return "?"
      }
      guard !languages.isEmpty else {
        if !reportedUnlistedLanguages {
          reportedUnlistedLanguages = true
          let tags = table.fieldNames.map { "\"\($0)\"" }.joined(separator: ", ")
          problem("\(name) is a table of languages, so the plugin must list its languages, the default first: add languages = { \(tags) }", line: at)
        }
        return table.fieldNames.lazy.compactMap { table[$0].string }.first ?? "?"
      }
      for key in table.fieldNames where !languages.contains(key) {
        problem(
          "\(name) has a text in '\(key)', which is not one of the plugin's languages (\(languages.joined(separator: ", ")))\(Suggestion.hint(for: key, in: languages))",
          line: at)
      }
      var texts: [String: String] = [:]
      for language in languages {
        switch table[language] {
        case .string(let text) where !text.allSatisfy(\.isWhitespace): texts[language] = text
        case .nil: problem("\(name) has no '\(language)' translation: add \(language) = \"...\" to its table", line: at)
        case let other: problem("\(name): the '\(language)' text must be non-empty text (got \(other.typeName))", line: at)
        }
      }
      translations?.texts[path] = texts
      return texts[languages[0]] ?? texts.values.first ?? "?"
    default:
      return nil
    }
  }
}
