import PluginHost
import Scoring
import SurveyModel

/// Stands between the scoring pipeline and a plugin while `cultivar plugins run` traces it:
/// sees every respondent as the `score` hook would (answers, reverse-keyed answers,
/// declarative scores), calls the plugin's hook when it has one, and records what it returned
/// or how it failed, with what it logged. A failure is recorded, not thrown, so every row is
/// still shown.
final class HookTracer: ScoringHooks {
  /// One respondent as traced.
  struct Respondent {
    var context: RespondentContext
    /// What the `score` hook returned (nil: the plugin has no `score` hook).
    var result: Result<[(dimension: Int, score: Double?)], PluginError>?
    var log: [String]
  }

  let plugin: Plugin
  private let log: LogBuffer
  /// The traced respondents by response-file line.
  private(set) var respondents: [Int: Respondent] = [:]

  init(plugin: Plugin, log: LogBuffer) {
    self.plugin = plugin
    self.log = log
  }

  /// The plan of a tracing run: the plugin's framework as if it had a `score` hook, so that the
  /// pipeline hands over every respondent (a plugin without one keeps its declarative scores).
  static func plan(of framework: Framework) -> ScoringPlan {
    var traced = framework
    traced.hooks.insert(.score)
    return ScoringPlan(uses: [(traced, nil)])
  }

  func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)] {
    var traced = Respondent(context: respondent, result: nil, log: [])
    if plugin.framework.hooks.contains(.score) {
      do {
        traced.result = .success(try plugin.respondentScores(respondent))
      } catch {
        traced.result = .failure(
          error as? PluginError ?? PluginError(kind: .runtime, file: plugin.file, pluginID: plugin.framework.id, problems: ["\(error)"]))
      }
    }
    traced.log = log.take()
    respondents[respondent.line] = traced
    return (try? traced.result?.get()) ?? []
  }

  func beginGroup() throws { try plugin.beginGroup() }

  /// Never called: a tracing run publishes no team.
  func index(of team: TeamContext) throws -> Double? { nil }
  func band(for index: Double, team: TeamContext) throws -> Band? { nil }
}
