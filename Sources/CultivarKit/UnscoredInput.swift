import SurveyModel

/// What `comments` and `selections` are given: the survey, its answers (a response file or a
/// wave), the groups to publish (`--by`, `--org`), the format and the language. Each job adds
/// only what it publishes.
public struct UnscoredInput {
  public var surveyPath: String
  public var responsesPath: String?
  public var wave: String?
  public var storePath = Workspace.storePath(explicit: nil)
  /// `team` (default), `unit:N`, `unit`, an attribute, or `unit:N,ATTRIBUTE` (see `CutPlan`).
  public var cut: String?
  public var organisationPath: String?
  public var format = "table"
  public var skipInvalid = false
  public var workspace = Workspace()
  public var note: (String) -> Void = { _ in }
  /// The language the report is read in (`--lang`; nil: the survey's default).
  public var language: String?

  public init(surveyPath: String) {
    self.surveyPath = surveyPath
  }

  /// What a job publishes: the survey's comment items (`comments`) or multi-select items
  /// (`selections`).
  enum Kind {
    case comments, multiSelects

    /// The survey's items of this kind, in survey order.
    func items(of items: UnscoredItems) -> [(item: Item, framework: Framework)] {
      self == .comments ? items.comments : items.multis
    }

    /// The error for a survey without items of this kind.
    func none(in survey: String) -> UsageError {
      let (kind, declaration) = self == .comments ? ("comment", "type = \"text\"") : ("multi-select", "type = \"multi\" and options")
      return UsageError(
        message: "survey '\(survey)' has no \(kind) items", hint: "a plugin declares one with \(declaration) in its items (docs/plugins.md)")
    }
  }

  /// Reads the answers and finds the published items.
  /// - Throws: ``UsageError`` for a survey without such items, and what ``UnscoredRun`` throws.
  func open(publishing kind: Kind) throws -> (run: UnscoredRun, items: [(item: Item, framework: Framework)]) {
    let run = try UnscoredRun(
      surveyPath: surveyPath, responsesPath: responsesPath, wave: wave, storePath: storePath, organisationPath: organisationPath,
      cut: cut, skipInvalid: skipInvalid, workspace: workspace, note: note, language: language)
    let items = kind.items(of: run.items)
    guard !items.isEmpty else { throw kind.none(in: run.context.survey.id) }
    return (run, items)
  }
}
