import SurveyModel
import Yams

/// A survey's languages: `languages: [en, de]` (the default first, or named by
/// `default_language`) and a title that may be a table of languages (`title: {en: ..., de: ...}`).
extension NodeReader {
  /// The languages, default first, and the line they are written on.
  mutating func languages(_ map: Node.Mapping) -> ([String], Int) {
    guard let node = map["languages"] else {
      if let given = map["default_language"] {
        problem(given, "'default_language' needs 'languages', the list of languages the survey is offered in")
      }
      return ([], 0)
    }
    let line = node.mark?.line ?? 0
    guard var list = stringList(node, name: "languages") else { return ([], line) }
    if list.isEmpty { problem(node, "'languages' must list at least one language, e.g. [en, de]") }
    var seen = Set<String>()
    for tag in list {
      if !LanguageTag.isValid(tag) {
        problem(node, "'languages': '\(tag)' is not a language tag such as en, de or pt-BR")
      } else if !seen.insert(tag.lowercased()).inserted {
        problem(node, "'languages' lists '\(tag)' twice")
      }
    }
    if let given = map["default_language"] {
      if let tag = given.string, let at = list.firstIndex(of: tag) {
        list.insert(list.remove(at: at), at: 0)
      } else {
        problem(
          given, "'default_language' must be one of the survey's languages (\(list.joined(separator: ", ")))",
          hint: "add it to 'languages', or name one of them")
      }
    }
    return (list, line)
  }

  /// The title: plain text, or a mapping of language → title (the default language's title
  /// comes back as the plain title).
  mutating func localizedTitle(_ map: Node.Mapping) -> (String, [String: String]) {
    guard let node = map["title"], let titleMap = node.mapping else { return (string(map, "title", required: true) ?? "", [:]) }
    var titles: [String: String] = [:]
    for (key, value) in titleMap {
      guard let language = key.string, let text = value.string, value.scalar != nil, !text.isEmpty else {
        problem(value, "each entry of 'title' must be a language and its non-empty title, e.g. en: Learning culture")
        continue
      }
      titles[language] = text
    }
    return (titles.sorted { $0.key < $1.key }.first?.value ?? "", titles)
  }

  /// Every language of the survey has a title, and the plain title is the default language's.
  mutating func checkTitles(_ survey: SurveyDefinition, node: Node?) {
    guard !survey.titles.isEmpty else { return }
    guard !survey.languages.isEmpty else {
      problem(
        node, "'title' is a table of languages, but the survey lists no 'languages'",
        hint: "add languages: [\(survey.titles.keys.sorted().joined(separator: ", "))] (the default first)")
      return
    }
    for language in survey.languages where survey.titles[language] == nil {
      problem(node, "'title' has no '\(language)' translation", hint: "add \(language): ... under title")
    }
    for language in survey.titles.keys.sorted() where !survey.languages.contains(language) {
      problem(node, "'title' has a '\(language)' title, which is not one of the survey's languages (\(survey.languages.joined(separator: ", ")))")
    }
  }
}
