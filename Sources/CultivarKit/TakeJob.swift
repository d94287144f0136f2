import FormText
import Foundation
import Store
import SurveyModel
import TerminalForm

/// `cultivar take`: one respondent answers the survey in the terminal, item by item, then the
/// survey's respondent attributes as optional questions; the response is stored only when
/// they confirm it at the end.
public struct TakeJob {
  public var surveyPath: String
  public var team: String
  /// The wave to store into (nil = the survey's most recent wave in the store).
  public var wave: String?
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  public var workspace = Workspace()
  /// The language to answer in (`--lang`; nil: the survey's default). Stored with the response.
  public var language: String?
  /// Receives warnings (for standard error).
  public var note: (String) -> Void = { _ in }

  public init(surveyPath: String, team: String, wave: String?, storePath: String) {
    self.surveyPath = surveyPath
    self.team = team
    self.wave = wave
    self.storePath = storePath
  }

  /// Runs the answering screen.
  /// - Returns: the closing message (stored, or nothing stored).
  /// - Throws: ``UsageError`` (no terminal, no wave), ``InputError``, ``StoreError``.
  public func run() throws -> String {
    let teamName = team.trimmingCharacters(in: .whitespaces)
    guard !teamName.isEmpty else { throw UsageError(message: "the team is empty", hint: "give the respondent's team with --team") }
    guard RawTerminal.isAvailable else {
      throw UsageError(
        message: "'take' needs a terminal: standard input and output must not be redirected",
        hint: "to load answers from a file, use 'cultivar import'")
    }
    let context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    let store = try StoreAccess.open(storePath, workspace: workspace, note: note)
    let waveName = try wave ?? latestWave(store, survey: context.survey.id)
    try WaveName.check(waveName)
    let unscored = UnscoredItems(frameworks: context.frameworks, language: context.language)
    let items =
      context.items.map { FormItem(item: $0.item, scale: $0.scale) }
      + (unscored.multis + unscored.comments).map { FormItem(item: $0.item, scale: $0.framework.scale) }
    let questions = context.survey.attributes.map(FormItem.init(attributeQuestion:))
    var answers: [String: Double]
    let comments: [String: String]
    switch try TerminalSession.run(
      items: items + questions, title: context.survey.title(in: context.language), team: teamName, language: context.language,
      minGroupSize: context.survey.minGroupSize)
    {
    case .confirmed(let given, let typed): (answers, comments) = (given, typed)
    case .cancelled(let key): throw TakeCancelled(byInterrupt: key == .interrupt)
    }
    let attributes = Self.attributes(from: &answers, questions: questions, survey: context.survey)
    try store.addResponse(
      toWave: waveName, survey: context.stamp, team: teamName, answers: answers, comments: comments, language: context.language,
      attributes: attributes)
    let words = Messages(context.language)
    // English counts its noun ("1 item", "20 items"); the other message files write it out.
    let total = words.language == "en" ? Counted.phrase(items.count, "item") : String(items.count)
    return words("terminal.stored", ["n": String(answers.count + comments.count), "total": total, "wave": waveName, "team": teamName]) + "\n"
  }

  /// Takes the answers to the questions on respondent attributes out of `answers`, as
  /// attribute name → the chosen value's label.
  static func attributes(from answers: inout [String: Double], questions: [FormItem], survey: SurveyDefinition) -> [String: String] {
    var given: [String: String] = [:]
    for question in questions {
      guard let name = question.attributeName, let chosen = answers.removeValue(forKey: question.id) else { continue }
      if let attribute = survey.attributes.first(where: { $0.name == name }), let index = Int(exactly: chosen),
        attribute.values.indices.contains(index)
      {
        given[name] = attribute.values[index]
      }
    }
    return given
  }

  private func latestWave(_ store: any ResponseStoring, survey: String) throws -> String {
    guard let last = try store.waves(survey: survey).last else {
      throw UsageError(message: "the store has no wave of survey '\(survey)' yet", hint: "name the wave to answer with --wave, e.g. --wave 2026-q3")
    }
    return last.name
  }
}

/// The respondent left `take` without storing (the command prints "Nothing was stored." and
/// exits 1, or 130 after Ctrl-C).
public struct TakeCancelled: Error, CustomStringConvertible {
  public var byInterrupt: Bool
  public var description: String { "Nothing was stored." }
  /// The exit status: 130 (as shells report Ctrl-C) or 1.
  public var status: Int32 { byInterrupt ? 130 : 1 }
}
