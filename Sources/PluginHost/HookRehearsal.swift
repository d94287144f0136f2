import Scoring
import SurveyModel

/// `cultivar plugins check`'s dry run: every hook of a plugin, called the way scoring calls
/// them, on made-up respondents and teams built from the plugin's own items, dimensions and
/// scale, so that a hook that fails (a misspelt field or name, a wrong result, an error, a
/// loop, too much memory) is reported before any survey is scored.
///
/// The made-up data covers the edges a real survey reaches: answers at each end and the
/// middle of the scale, unanswered items, a respondent who answered nothing, a team of one,
/// teams in which one dimension has no answers at all (its statistics are nil), and the
/// organisation row. Each hook is reported once, at its first failure, with the made-up team
/// and respondent in the context; a hook that failed is not called again (a loop costs its
/// time limit once).
public enum HookRehearsal {
  /// Runs every hook of `plugin`; an empty list means every call succeeded. What hooks log is
  /// dropped.
  public static func run(_ plugin: Plugin) -> [PluginError] {
    let framework = plugin.framework
    guard !framework.hooks.isEmpty else { return [] }
    let sink = plugin.logSink
    plugin.logSink = { _ in }
    defer { plugin.logSink = sink }
    let plan = ScoringPlan(uses: [(framework, nil)])
    let hooks = Recorder(plugin: plugin)
    let engine = ScoreEngine(plan: plan, hooks: [hooks])
    do {
      for row in rows(for: plan.frameworks[0]) { try engine.add(row) }
      _ = try engine.results(policy: .forPluginFixtures(minGroupSize: 1))
    } catch {
      hooks.record(error, hook: nil)
    }
    hooks.bandWhereNeverCalled()
    return hooks.failures
  }

  /// Runs every hook of each of `plugins`, side by side (each has its own Lua state); each
  /// plugin's failures, in the order of `plugins`.
  public static func run(_ plugins: [Plugin]) -> [[PluginError]] {
    SideBySide.map(plugins.count) { run(plugins[$0]) }
  }

  /// The made-up rows: (team, respondent, value of each item in plan order; NaN = missing).
  static func rows(for plan: FrameworkPlan) -> [ResponseRow] {
    let items = plan.items
    let scale = plan.framework.scale
    let middle = (scale.min + scale.max) / 2
    let mid = scale.min.rounded() == scale.min && scale.max.rounded() == scale.max ? middle.rounded(.down) : middle
    /// The values an item can take: its options' scores, or the scale's ends and middle.
    func value(_ item: Item, _ which: Int) -> Double {
      let choices = item.options.isEmpty ? [scale.min, mid, scale.max] : item.options.map(\.score).sorted()
      return which == 0 ? choices[0] : which == 2 ? choices[choices.count - 1] : choices[choices.count / 2]
    }
    let low = items.map { value($0, 0) }
    let high = items.map { value($0, 2) }
    let middling = items.map { value($0, 1) }
    var out: [ResponseRow] = []
    func add(_ team: String, _ respondent: String, _ values: [Double]) {
      out.append(ResponseRow(line: out.count + 2, respondent: respondent, team: team, values: values))
    }
    let mixed = "made-up team: mixed answers"
    add(mixed, "every answer lowest", low)
    add(mixed, "every answer highest", high)
    add(mixed, "every answer in the middle", middling)
    add(mixed, "alternate answers", items.indices.map { $0 % 2 == 0 ? low[$0] : high[$0] })
    add(mixed, "every other item unanswered", items.indices.map { $0 % 2 == 0 ? .nan : middling[$0] })
    add(mixed, "nothing answered", items.map { _ in .nan })
    add("made-up team: one respondent", "every answer highest", high)
    for dimension in plan.framework.dimensions.prefix(12) {
      let team = "made-up team: nobody answered \(dimension.id)"
      let mine = Set(items.indices.filter { items[$0].dimension == dimension.id })
      for (r, values) in [low, high, middling].enumerated() {
        add(team, "respondent \(r + 1) of 3", items.indices.map { mine.contains($0) ? .nan : values[$0] })
      }
    }
    add("made-up team: nothing answered", "nothing answered", items.map { _ in .nan })
    add("made-up team: nothing answered", "nothing answered either", items.map { _ in .nan })
    return out
  }

  /// Stands between the engine and the plugin: forwards every call and keeps each hook's first
  /// failure, answering as if the hook had returned nil so that the run goes on.
  private final class Recorder: ScoringHooks {
    let plugin: Plugin
    private(set) var failures: [PluginError] = []
    private var failed: Set<String> = []
    private var bandCalled = false
    private var teams: [TeamContext] = []

    init(plugin: Plugin) { self.plugin = plugin }

    func record(_ error: Error, hook: String?) {
      var failure =
        error as? PluginError ?? PluginError(kind: .runtime, file: plugin.file, pluginID: plugin.framework.id, hook: hook, problems: ["\(error)"])
      failure.row = nil  // the made-up rows have no file
      guard failed.insert(failure.hook ?? hook ?? "").inserted else { return }
      failures.append(failure)
    }

    func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)] {
      guard plugin.framework.hooks.contains(.score), !failed.contains("score") else { return [] }
      do { return try plugin.respondentScores(respondent) } catch { record(error, hook: "score") }
      return []
    }

    func index(of team: TeamContext) throws -> Double? {
      teams.append(team)
      guard !failed.contains("index") else { return team.declarativeIndex }
      do { return try plugin.index(of: team) } catch { record(error, hook: "index") }
      return team.declarativeIndex
    }

    func band(for index: Double, team: TeamContext) throws -> Band? {
      if !plugin.framework.hooks.contains(.index) { teams.append(team) }
      bandCalled = true
      guard !failed.contains("band") else { return nil }
      do { return try plugin.band(for: index, team: team) } catch { record(error, hook: "band") }
      return nil
    }

    func beginGroup() throws {
      do { try plugin.beginGroup() } catch { record(error, hook: "beginGroup") }
    }

    /// When `index` gave no index for any team, `band` was never reached: call it on every
    /// team seen with the declarative index (or the scale's middle), as it would be for a
    /// team where `index` gives one.
    func bandWhereNeverCalled() {
      guard plugin.framework.hooks.contains(.band), !bandCalled, !failed.contains("band") else { return }
      for team in teams {
        try? beginGroup()
        _ = try? band(for: team.declarativeIndex ?? 50, team: team)
        if failed.contains("band") { return }
      }
    }
  }
}
