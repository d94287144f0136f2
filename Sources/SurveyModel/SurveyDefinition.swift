/// A survey: which frameworks it uses and how its response files are laid out.
public struct SurveyDefinition: Equatable, Sendable {
  /// One framework used by the survey, optionally limited to some of its items.
  public struct FrameworkUse: Equatable, Sendable {
    public var id: String
    /// The items used, or nil for all of them.
    public var items: [String]?
    /// Where the use is declared (line in the survey file), for messages.
    public var line: Int

    public init(id: String, items: [String]? = nil, line: Int = 0) {
      self.id = id
      self.items = items
      self.line = line
    }
  }

  public var id: String
  public var title: String
  public var frameworks: [FrameworkUse]
  /// The CSV column holding the respondent id.
  public var respondentColumn: String
  /// The CSV column holding the team.
  public var teamColumn: String
  /// Other CSV columns to ignore (timestamps, metadata).
  public var ignoredColumns: [String]
  /// Teams with fewer respondents show their count only.
  public var minGroupSize: Int
  /// The file the survey was read from.
  public var file: String
  /// Renamed, merged and split teams, followed across waves by `cultivar trend`.
  public var teamMapping: TeamMapping
  /// The languages the survey is offered in, the default first (empty: one language, not
  /// named; nothing about language is recorded then).
  public var languages: [String] = []
  /// The title in each language, when `title` is a table of languages.
  public var titles: [String: String] = [:]
  /// Where `languages` is written, for messages.
  public var languagesLine = 0
  /// The response file column holding the language each response was given in, if any
  /// (`columns.language`; it is ignored unless results are grouped by language).
  public var languageColumn: String?
  /// The columns of a plain CSV read as the language of each response: ``languageColumn`` if
  /// the survey names one, and `language` (what `cultivar store export` writes).
  public var responseLanguageColumns: [String] { (languageColumn.map { [$0] } ?? []) + (languageColumn == "language" ? [] : ["language"]) }

  /// The default language, if the survey names its languages.
  public var defaultLanguage: String? { languages.first }

  /// The title in `language` (the default title when it has none in that language).
  public func title(in language: String?) -> String { language.flatMap { titles[$0] } ?? title }
  /// Respondent attributes (columns of the responses with allowed values), for `--by`.
  public var attributes: [Attribute] = []

  public init(
    id: String, title: String, frameworks: [FrameworkUse], respondentColumn: String = "respondent_id",
    teamColumn: String = "team", ignoredColumns: [String] = [], minGroupSize: Int = 5, file: String = "",
    teamMapping: TeamMapping = TeamMapping()
  ) {
    self.id = id
    self.title = title
    self.frameworks = frameworks
    self.respondentColumn = respondentColumn
    self.teamColumn = teamColumn
    self.ignoredColumns = ignoredColumns
    self.minGroupSize = minGroupSize
    self.file = file
    self.teamMapping = teamMapping
  }
}
