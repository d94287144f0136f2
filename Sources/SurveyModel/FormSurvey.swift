/// What the web form shows: the survey's title and items in each language it is offered in,
/// and the privacy note.
public struct FormSurvey: Sendable {
  /// The survey in one language.
  public struct Version: Sendable {
    /// The language tag, or nil for a survey that names no languages.
    public var language: String?
    public var title: String
    public var items: [FormItem]

    public init(language: String?, title: String, items: [FormItem]) {
      self.language = language
      self.title = title
      self.items = items
    }
  }

  /// The versions, the default language first (one, without a language, for a survey that
  /// names no languages).
  public var versions: [Version]
  /// The minimum group size, for the privacy note.
  public var minGroupSize: Int
  /// The respondent attributes the form asks as optional questions (those an invitation
  /// sets are shown, not asked).
  public var attributes: [Attribute] = []

  /// A survey in one language, not named.
  public init(title: String, items: [FormItem], minGroupSize: Int) {
    self.init(versions: [Version(language: nil, title: title, items: items)], minGroupSize: minGroupSize)
  }

  /// A survey in the languages of `versions` (the default first; at least one). Every version
  /// has the same items with the same choice values: only the texts differ.
  public init(versions: [Version], minGroupSize: Int) {
    precondition(!versions.isEmpty)
    self.versions = versions
    self.minGroupSize = minGroupSize
  }

  /// The default version's title and items.
  public var title: String { versions[0].title }
  public var items: [FormItem] { versions[0].items }

  /// The languages the form is offered in (empty for a survey that names none).
  public var languages: [String] { versions.compactMap(\.language) }

  /// The version in `language` (matched without case), or the default one.
  public func version(for language: String?) -> Version {
    versions.first { $0.language != nil && $0.language?.lowercased() == language?.lowercased() } ?? versions[0]
  }

  /// The language to show: `requested` (the `lang` query or form field) when the survey is
  /// offered in it, else the best match of the browser's `Accept-Language`, else the default.
  public func language(requested: String?, acceptLanguage: String?) -> String? {
    if let requested, let match = languages.first(where: { $0.lowercased() == requested.lowercased() }) { return match }
    return acceptLanguage.flatMap { LanguageTag.negotiate(acceptLanguage: $0, available: languages) } ?? versions[0].language
  }
}
