import PluginHost
import Scoring
import Store
import SurveyIO
import SurveyModel

/// A survey loaded with its plugins: the definition, the scoring plan, and each item of a
/// response row with its text and scale. What every command that reads or collects
/// responses starts from.
struct SurveyContext {
  let survey: SurveyDefinition
  let frameworks: [(plugin: Plugin, items: [String]?)]
  let plan: ScoringPlan
  /// The language the texts are in (nil for a survey that names no languages).
  var language: String? = nil

  /// Loads the survey file and the plugins it names.
  /// - Parameters:
  ///   - note: receives warnings about plugins that failed to load.
  ///   - language: the language of the texts (`--lang`; nil: the survey's default).
  /// - Throws: ``InputError``, ``InputProblems``, ``UsageError`` for a language the survey is
  ///   not offered in.
  static func load(path: String, workspace: Workspace, note: (String) -> Void, language requested: String? = nil) throws -> SurveyContext {
    let survey = try SurveyLoader.load(path: path, displayName: workspace.display(path))
    let catalog = workspace.catalog(surveyFile: path, only: Set(survey.frameworks.map(\.id)))
    let frameworks = try FrameworkResolver.resolve(survey, catalog: catalog)
    let used = Set(survey.frameworks.map(\.id))
    for warning in catalog.notes { note("warning: \(warning)") }
    for failure in catalog.failures where !(failure.pluginID.map(used.contains) ?? false) {
      note("warning: \(failure.file) was not loaded (not needed for this survey): \(failure.problems.first ?? "")")
    }
    let language = try SurveyLanguages.choose(requested, survey: survey)
    let plan = ScoringPlan(uses: frameworks.map { (language.map($0.plugin.framework.localized) ?? $0.plugin.framework, $0.items) })
    return SurveyContext(survey: survey, frameworks: frameworks, plan: plan, language: language)
  }

  /// A new scoring engine for the survey's plan, with the plugins' hooks.
  func makeEngine() -> ScoreEngine {
    // Hooks see individual answers: what they log is counted, never shown (see Plugin).
    for framework in frameworks { framework.plugin.withholdsHookLog = true }
    return ScoreEngine(plan: plan, hooks: frameworks.map { $0.plugin.framework.hooks.isEmpty ? nil : $0.plugin })
  }

  /// The item of each value slot, with its text and its framework's scale.
  var items: [(item: Item, scale: Scale)] {
    plan.frameworks.flatMap { framework in framework.items.map { ($0, framework.framework.scale) } }
  }

  /// The items of ``items`` with their texts in `language` (nil: as loaded).
  func items(in language: String?) -> [(item: Item, scale: Scale)] {
    guard let language else { return items }
    let plan = ScoringPlan(uses: frameworks.map { ($0.plugin.framework.localized(to: language), $0.items) })
    return plan.frameworks.flatMap { framework in framework.items.map { ($0, framework.framework.scale) } }
  }

  /// The survey as the store records it, with the plugin versions in use.
  var stamp: SurveyStamp {
    SurveyStamp(key: survey.id, title: survey.title, plugins: frameworks.map { PluginVersion(id: $0.plugin.framework.id, version: $0.plugin.framework.version) })
  }
}
