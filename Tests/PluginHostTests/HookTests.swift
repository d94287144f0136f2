import Foundation
import LuaBridge
import Scoring
import SurveyModel
import Testing

@testable import PluginHost

func hookPlugin(_ hooks: String, limits: LuaLimits = .standard) throws -> Plugin {
  let source = pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n" + hooks)
  return try Plugin(source: source, file: "plugins/trust.lua", limits: limits)
}

let respondent = RespondentContext(
  respondent: "r7", team: "Ops", line: 9,
  items: [Item(id: "q1", text: "", dimension: "trust"), Item(id: "q2", text: "", dimension: "voice", reverse: true)],
  raw: [4, .nan], keyed: [4, .nan], scores: [4, .nan])

@Suite struct PluginHookTests {
  @Test func scoreHookSeesAnswersAndOverrides() throws {
    let plugin = try hookPlugin(
      """
      score = function(r)
        assert(r.id == 'r7' and r.team == 'Ops' and r.row == 9)
        assert(r.answers.q1 == 4 and r.answers.q2 == nil and r.scores.trust == 4)
        return { trust = r.keyed.q1 - 1, voice = false }
      end,
      """)
    let overrides = try plugin.respondentScores(respondent)
    #expect(overrides.count == 2)
    #expect(overrides.contains { $0.dimension == 0 && $0.score == 3 })
    #expect(overrides.contains { $0.dimension == 1 && $0.score == nil })
  }

  @Test func hookErrorsNameHookRespondentTeamAndLine() throws {
    let plugin = try hookPlugin("  score = function(r)\n    return { trust = r.answers.q9 + 1 }\n  end,")
    do {
      _ = try plugin.respondentScores(respondent)
      Issue.record("no error")
    } catch let error as PluginError {
      let text = error.description
      #expect(text.contains("plugin 'trust' (plugins/trust.lua), hook 'score', respondent 'r7' of team 'Ops'"))
      #expect(text.contains("plugins/trust.lua:4: respondent.answers has no field 'q9' — did you mean 'q1'?"))
      #expect(text.contains("hint:"))
    }
  }

  @Test(arguments: [
    ("return { trust = 9 }", "returned 9 for dimension 'trust', outside the scale 1–5"),
    ("return { trst = 3 }", "returned a score for unknown dimension 'trst' (did you mean 'trust'?)"),
    ("return 3", "must return nil or a table of dimension id = score (returned a number)"),
    ("return { trust = 'high' }", "returned a string for dimension 'trust'"),
  ])
  func badScoreResults(_ body: String, _ message: String) throws {
    let plugin = try hookPlugin("score = function(r) \(body) end,")
    #expect(throws: PluginError.self) { try plugin.respondentScores(respondent) }
    do { _ = try plugin.respondentScores(respondent) } catch let error as PluginError {
      #expect(error.description.contains(message), "got: \(error.description)")
    }
  }

  @Test func indexAndBandHooks() throws {
    let plugin = try hookPlugin(
      """
      index = function(team) return team.dimensions.trust.pomp / 2 + team.n end,
      band = function(index, name) return { label = name .. ' ' .. index, advice = 'keep going' } end,
      """)
    let team = TeamContext(team: "Ops", n: 3, dimensions: [DimensionScore(id: "trust", n: 3, mean: 4, pomp: 75)], declarativeIndex: 75)
    #expect(try plugin.index(of: team) == 40.5)
    #expect(try plugin.band(for: 40.5, team: team) == Band(min: 40.5, label: "Ops 40.5", advice: "keep going"))
  }

  @Test func bandHookSeesTheTeamTable() throws {
    let plugin = try hookPlugin(
      """
      band = function(index, name, team)
        assert(name == team.name and team.n == 4 and team.index == 60)
        local low = team.dimensions.voice.pomp < team.dimensions.trust.pomp and 'voice' or 'trust'
        return { label = 'ok', advice = string.format('weakest: %s (%d answered)', low, team.dimensions.voice.n) }
      end,
      """)
    let team = TeamContext(
      team: "Ops", n: 4,
      dimensions: [
        DimensionScore(id: "trust", n: 4, mean: 4, pomp: 75),
        DimensionScore(id: "voice", n: 3, mean: 2.8, pomp: 45),
      ], declarativeIndex: 60)
    #expect(try plugin.band(for: 60, team: team) == Band(min: 60, label: "ok", advice: "weakest: voice (3 answered)"))
  }

  @Test func endlessHookIsStoppedAndNamesTheTeam() throws {
    let plugin = try hookPlugin("index = function(team) while true do end end,", limits: LuaLimits(timePerCall: .milliseconds(150)))
    do {
      _ = try plugin.index(of: TeamContext(team: "Ops", n: 3, dimensions: [], declarativeIndex: nil))
      Issue.record("not stopped")
    } catch let error as PluginError {
      #expect(error.kind == .timeLimit)
      #expect(error.description.contains("hook 'index', team 'Ops'"))
      #expect(error.description.contains("plugins/trust.lua:3: time limit exceeded"))
    }
  }

  @Test func logLinesAreForwarded() throws {
    var lines: [String] = []
    let plugin = try hookPlugin("band = function(i) cultivar.log('band for', i) return 'x' end,")
    plugin.logSink = { lines.append($0) }
    _ = try plugin.band(for: 50, team: TeamContext(team: "T", n: 1, dimensions: [], declarativeIndex: nil))
    #expect(lines == ["plugins/trust.lua:3: band for\t50.0"])
  }

  @Test func hostHelpers() throws {
    let plugin = try hookPlugin(
      """
      index = function(t)
        assert(cultivar.api_version == 1)
        assert(cultivar.mean({ 1, 2, 3, 'x' }) == 2 and cultivar.mean({}) == nil)
        assert(math.abs(cultivar.sd({ 1, 2, 3, 4 }) - 1.2909944487358) < 1e-12)
        assert(cultivar.pomp(4, 1, 5) == 75 and cultivar.reverse(2, 1, 5) == 4)
        assert(cultivar.round(2.345, 2) == 2.35 and cultivar.round(-2.5) == -3)
        return 1
      end,
      """)
    #expect(try plugin.index(of: TeamContext(team: "T", n: 1, dimensions: [], declarativeIndex: nil)) == 1)
  }
}

@Suite struct ReusedRecordTests {
  /// The record tables are reused: each call must see only its own respondent's answers.
  @Test func eachCallSeesItsOwnAnswers() throws {
    let plugin = try hookPlugin(
      """
      score = function(r)
        if r.id == 'first' then
          assert(r.answers.q1 == 4 and r.answers.q2 == 2)
        else
          assert(r.answers.q1 == 1 and r.answers.q2 == nil, 'stale answer ' .. tostring(r.answers.q2))
          assert(r.keyed.q1 == 1 and r.scores.trust == 1)
        end
        return { trust = r.answers.q1 }
      end,
      """)
    let items = [Item(id: "q1", text: "", dimension: "trust"), Item(id: "q2", text: "", dimension: "voice", reverse: true)]
    let first = RespondentContext(respondent: "first", team: "T", line: 2, items: items, raw: [4, 2], keyed: [4, 4], scores: [4, 4])
    let second = RespondentContext(respondent: "second", team: "T", line: 3, items: items, raw: [1, .nan], keyed: [1, .nan], scores: [1, .nan])
    #expect(try plugin.respondentScores(first).first?.score == 4)
    #expect(try plugin.respondentScores(second).first?.score == 1)
    #expect(try plugin.respondentScores(first).first?.score == 4)
    // The overrides are returned in a reused array: one kept by the caller is not rewritten.
    let kept = try plugin.respondentScores(first)
    let next = try plugin.respondentScores(second)
    #expect(kept.map(\.score) == [4] && next.map(\.score) == [1])
  }
  @Test func aTableReadInEveryCallIsFilledBeforeIt() throws {
    // `voice` reports whether `keyed` was there before the hook read it, `trust` the same for
    // `answers`, which the hook reads in every other call only.
    let plugin = try hookPlugin(
      """
      score = function(r)
        local keyed, answers = rawget(r, 'keyed') ~= nil, rawget(r, 'answers') ~= nil
        assert(r.keyed.q1 == r.row % 5 + 1 and r.keyed.q2 == nil, 'stale keyed answer in row ' .. r.row)
        if r.row % 2 == 0 then assert(r.answers.q1 == r.row % 5 + 1) end
        if r.row == 100 then r.keyed = nil end
        if r.row == 120 then r.keyed.q1 = 99 r.keyed.q2 = 98 end
        return { trust = answers and 5 or 1, voice = keyed and 5 or 1 }
      end,
      """)
    let items = [Item(id: "q1", text: "", dimension: "trust"), Item(id: "q2", text: "", dimension: "voice", reverse: true)]
    for row in 1...200 {
      let answer = Double(row % 5 + 1)
      let r = RespondentContext(
        respondent: "r\(row)", team: "T", line: row, items: items, raw: [answer, .nan], keyed: [answer, .nan], scores: [answer, .nan])
      let scores = try plugin.respondentScores(r)
      let eager = row > RespondentRecord.eagerAfter
      #expect(scores.first { $0.dimension == 1 }?.score == (eager ? 5 : 1), "row \(row)")
      #expect(scores.first { $0.dimension == 0 }?.score == 1, "row \(row)")
    }
  }

}
