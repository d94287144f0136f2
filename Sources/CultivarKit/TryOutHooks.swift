import PluginHost
import Scoring
import SurveyModel

/// Stands between the scoring engine and a plugin while `cultivar plugins run` tries it out:
/// replays the `score` results already shown per respondent, and records what the `index`
/// and `band` hooks return for each team. A hook error is recorded, not thrown, so every team
/// is still shown.
final class TryOutHooks: ScoringHooks {
  /// What one team's hooks gave.
  struct TeamRecord {
    var declarativeIndex: Double?
    var index: Result<Double?, PluginError>?
    var band: Result<Band?, PluginError>?
    var log: [String] = []
  }

  let plugin: Plugin
  /// `score` results by response-file line, filled in before the row is scored.
  var overrides: [Int: [(dimension: Int, score: Double?)]] = [:]
  private(set) var teams: [String: TeamRecord] = [:]
  private let log: LogBuffer

  init(plugin: Plugin, log: LogBuffer) {
    self.plugin = plugin
    self.log = log
  }

  func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)] {
    overrides[respondent.line] ?? []
  }

  func beginGroup() throws { try plugin.beginGroup() }

  func index(of team: TeamContext) throws -> Double? {
    var record = TeamRecord(declarativeIndex: team.declarativeIndex)
    do {
      record.index = .success(try plugin.index(of: team))
    } catch {
      record.index = .failure(pluginError(error))
    }
    record.log = log.take()
    teams[team.team] = record
    return (try? record.index?.get()) ?? nil
  }

  func band(for index: Double, team: TeamContext) throws -> Band? {
    var record = teams[team.team] ?? TeamRecord()
    do {
      record.band = .success(try plugin.band(for: index, team: team))
    } catch {
      record.band = .failure(pluginError(error))
    }
    record.log += log.take()
    teams[team.team] = record
    return (try? record.band?.get()) ?? nil
  }

  private func pluginError(_ error: Error) -> PluginError {
    error as? PluginError ?? PluginError(kind: .runtime, file: plugin.file, pluginID: plugin.framework.id, problems: ["\(error)"])
  }
}

/// Collects the lines a plugin writes with `print` or `cultivar.log`.
final class LogBuffer {
  private var lines: [String] = []
  func append(_ line: String) { lines.append(line) }
  /// The lines written since the last call.
  func take() -> [String] {
    defer { lines = [] }
    return lines
  }
}
