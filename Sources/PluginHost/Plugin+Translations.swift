import SurveyModel

extension Plugin {
  /// A language a survey is offered in that the plugin has no texts in.
  public struct MissingLanguage: Equatable, Sendable {
    /// The line of the plugin to point at (its `languages`, or its `name` for a plugin in one
    /// language).
    public var line: Int?
    /// The field named in the message.
    public var field: String
    public var language: String
  }

  /// The languages of `languages` (a survey's) the plugin's texts lack. A plugin whose texts
  /// are plain strings is taken to be in whatever single language the survey names.
  public func missingLanguages(_ languages: [String]) -> [MissingLanguage] {
    let locator = SourceLocator(source: sourceText)
    guard let translations = framework.translations else {
      guard languages.count > 1 else { return [] }
      return languages.dropFirst().map { MissingLanguage(line: locator.line(ofField: "name"), field: "name", language: $0) }
    }
    return languages.filter { !translations.languages.contains($0) }.map {
      MissingLanguage(line: translations.line ?? locator.line(ofField: "languages"), field: "languages", language: $0)
    }
  }
}
