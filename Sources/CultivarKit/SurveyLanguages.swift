import PluginHost
import SurveyIO
import SurveyModel

/// The languages a survey is offered in, checked against its plugins, and the frameworks put
/// into the language a run shows.
enum SurveyLanguages {
  /// Every language the survey lists must be one the plugins have texts in.
  /// - Returns: one error per plugin and missing language, naming the plugin's file and line.
  static func problems(_ survey: SurveyDefinition, plugins: [Plugin]) -> [InputError] {
    guard !survey.languages.isEmpty else { return [] }
    let offered = survey.languages.joined(separator: ", ")
    return plugins.flatMap { plugin in
      plugin.missingLanguages(survey.languages).map { missing in
        let plain = plugin.framework.translations == nil
        let message =
          plain
          ? "plugin '\(plugin.framework.id)': '\(missing.field)' (and every other text) has no '\(missing.language)' translation: its texts are plain text in one language, but \(survey.file) offers \(offered)"
          : "plugin '\(plugin.framework.id)': no '\(missing.language)' translation: its 'languages' are \(plugin.framework.languages.joined(separator: ", ")), but \(survey.file) offers \(offered)"
        let hint =
          plain
          ? "add languages = { \(survey.languages.map { "\"\($0)\"" }.joined(separator: ", ")) } to the plugin and write each text as { \(survey.languages.map { "\($0) = \"...\"" }.joined(separator: ", ")) }, or offer the survey in one language"
          : "add '\(missing.language)' to the plugin's languages and a \(missing.language) text to each of its texts, or remove it from the survey's languages"
        return InputError(kind: .survey, file: plugin.file, line: missing.line ?? 0, message: message, hint: hint)
      }
    }
  }

  /// The language a run shows: `requested` (checked against the survey's languages), else the
  /// survey's default; nil for a survey that names no languages.
  /// - Throws: ``UsageError`` for a language the survey is not offered in.
  static func choose(_ requested: String?, survey: SurveyDefinition) throws -> String? {
    guard let requested else { return survey.defaultLanguage }
    if let match = survey.languages.first(where: { $0.lowercased() == requested.lowercased() }) { return match }
    if survey.languages.isEmpty {
      throw UsageError(
        message: "--lang \(requested): \(survey.file) names no languages",
        hint: "list them in the survey file, e.g. languages: [en, de], with plugins whose texts are tables of languages")
    }
    throw UsageError(
      message:
        "--lang \(requested): \(survey.file) is offered in \(survey.languages.joined(separator: ", ")) only\(Suggestion.hint(for: requested, in: survey.languages))",
      hint: "use one of: \(survey.languages.joined(separator: ", "))")
  }
}
