import Scoring
import SurveyModel
import Testing

@testable import PluginHost

/// The field guards of the hook arguments: documented fields stay nil-able, numeric keys and
/// iteration are untouched, and every misspelt name gets the guess an independent edit
/// distance predicts.
@Suite struct HookGuardTests {
  static let dimensions = ["peers", "voice", "psychological_safety"]
  static let items = ["peer_support", "peer_trust", "voice_heard", "safety_speak_up"]

  /// A plugin whose hooks read `table[key]`, with table and key taken from the respondent id
  /// or the team name (`where|key`).
  static func plugin(extra: String = "") throws -> Plugin {
    let dims = dimensions.map { "{ id = '\($0)', name = '\($0)' }" }.joined(separator: ", ")
    let itemList = items.enumerated().map { i, id in "{ id = '\(id)', text = 't', dimension = '\(dimensions[min(i / 2, 2)])' }" }.joined(
      separator: ", ")
    let source = """
      return {
        api = 1, id = 'guarded', name = 'G', version = '1', description = 'd', source = 's',
        scale = { min = 1, max = 5 },
        dimensions = { \(dims), { id = 'empty', name = 'Empty' } },
        items = { \(itemList), { id = 'spare', text = 't', dimension = 'empty' } },
        score = function(r)
          local where, key = r.id:match('^(%w*)|(.*)$')
          if where == nil then return nil end
          local t = ({ respondent = r, answers = r.answers, keyed = r.keyed, scores = r.scores })[where]
          local x = t[key]
          return nil
        end,
        index = function(t)
          local where, key = t.name:match('^(%w*)|(.*)$')
          if where == nil then \(extra) return nil end
          local tab = ({ team = t, dimensions = t.dimensions, dimension = t.dimensions.peers })[where]
          local x = tab[key]
          return nil
        end,
      }
      """
    return try Plugin(source: source, file: "plugins/guarded.lua")
  }

  static func respondent(_ id: String) -> RespondentContext {
    let all = items + ["spare"]
    return RespondentContext(
      respondent: id, team: "Ops", line: 2, items: all.map { Item(id: $0, text: "", dimension: "") },
      raw: all.map { _ in .nan }, keyed: all.map { _ in .nan }, scores: (dimensions + ["empty"]).map { _ in .nan })
  }

  static func team(_ name: String) -> TeamContext {
    TeamContext(team: name, n: 1, dimensions: (dimensions + ["empty"]).map { DimensionScore(id: $0, n: 0) }, declarativeIndex: nil)
  }

  /// What reading `key` of `table` says: "" when it is allowed.
  static func read(_ plugin: Plugin, _ table: String, _ key: String) -> String {
    do {
      if ["respondent", "answers", "keyed", "scores"].contains(table) {
        _ = try plugin.respondentScores(respondent("\(table)|\(key)"))
      } else {
        _ = try plugin.index(of: team("\(table)|\(key)"))
      }
      return ""
    } catch {
      return (error as? PluginError)?.problems.first ?? "\(error)"
    }
  }

  @Test func documentedFieldsThatAreAbsentAreNil() throws {
    let plugin = try Self.plugin(
      extra: """
        assert(t.index == nil and t.dimensions.voice.mean == nil and t.dimensions.voice.sd == nil)
        assert(t.dimensions.voice.pomp == nil and t.dimensions.voice.favorable == nil and t.dimensions.voice.n == 0)
        """)
    #expect(try plugin.index(of: Self.team("plain")) == nil)
    for item in Self.items { #expect(Self.read(plugin, "answers", item) == "") }
    for dimension in Self.dimensions { #expect(Self.read(plugin, "scores", dimension) == "") }
    for field in ["id", "team", "row", "answers", "keyed", "scores"] { #expect(Self.read(plugin, "respondent", field) == "") }
  }

  @Test func numericKeysIterationAndTheGuardItself() throws {
    let plugin = try Self.plugin(
      extra: """
        assert(t.dimensions[1] == nil and t[1] == nil)
        local n = 0
        for _ in pairs(t.dimensions) do n = n + 1 end
        assert(n == 4, 'pairs sees every dimension')
        for _ in ipairs(t.dimensions) do error('no sequence') end
        assert(getmetatable(t) == false and rawget(t, 'nope') == nil)
        assert(not pcall(setmetatable, t, nil), 'the guard cannot be removed')
        """)
    #expect(try plugin.index(of: Self.team("plain")) == nil)
  }

  /// Case-insensitive Levenshtein distance, written independently of the C one.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased().utf8)
    let b = Array(b.lowercased().utf8)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var next = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      row = next
    }
    return row[b.count]
  }

  /// Every one-edit misspelling (a letter dropped, doubled or swapped with the next) of every
  /// name a table documents gets the guess the independent distance predicts: the closest
  /// documented name within the limit, ties to the first in byte order; or the place where a
  /// name lives instead; or the listing when nothing is close.
  @Test func everyMisspellingGetsThePredictedGuess() throws {
    let plugin = try Self.plugin()
    let contract = { (shape: String) in PluginContract.shapes.first { $0.name == shape }!.fields.map(\.name) }
    let allItems = Self.items + ["spare"]
    let allDimensions = Self.dimensions + ["empty"]
    let tables: [(name: String, shown: String, fields: [String], elsewhere: [String: String])] = [
      (
        "respondent", "respondent", contract("cultivar.Respondent"),
        Dictionary(uniqueKeysWithValues: allItems.map { ($0, "answers.\($0)") } + allDimensions.map { ($0, "scores.\($0)") })
      ),
      ("answers", "respondent.answers", allItems, Dictionary(uniqueKeysWithValues: allDimensions.map { ($0, "respondent.scores.\($0)") })),
      ("scores", "respondent.scores", allDimensions, Dictionary(uniqueKeysWithValues: allItems.map { ($0, "respondent.keyed.\($0)") })),
      (
        "team", "team", contract("cultivar.Team"),
        Dictionary(
          uniqueKeysWithValues: allDimensions.map { ($0, "dimensions.\($0)") }
            + contract("cultivar.TeamDimension").filter { $0 != "n" }.map { ($0, "dimensions.peers.\($0)") })
      ),
      (
        "dimensions", "team.dimensions", allDimensions,
        Dictionary(uniqueKeysWithValues: contract("cultivar.TeamDimension").map { ($0, "peers.\($0)") })
      ),
      ("dimension", "team.dimensions.peers", contract("cultivar.TeamDimension"), [:]),
    ]
    var checked = 0
    for table in tables {
      var typos = Set<String>()
      for name in table.fields + Array(table.elsewhere.keys) where name.count >= 2 {
        let c = Array(name)
        for i in c.indices {
          typos.insert(String(c[..<i] + c[(i + 1)...]))
          typos.insert(String(c[...i] + c[i...]))
          if i + 1 < c.count { typos.insert(String(c[..<i] + [c[i + 1], c[i]] + c[(i + 2)...])) }
        }
      }
      for typo in typos.sorted() where !typo.isEmpty && !table.fields.contains(typo) && typo.allSatisfy({ $0.isLetter || $0 == "_" }) {
        let got = Self.read(plugin, table.name, typo)
        let lead = "plugins/guarded.lua:"
        let message: String
        if let place = table.elsewhere[typo] {
          message = "\(table.shown) has no field '\(typo)' — did you mean '\(place)'?"
        } else {
          let limit = typo.utf8.count <= 3 ? 1 : max(typo.utf8.count / 3, 2)
          let scored = table.fields.map { ($0, Self.distance(typo, $0)) }.filter { $0.1 <= limit }
          let best = scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
          message = best.map { "\(table.shown) has no field '\(typo)' — did you mean '\($0.0)'?" } ?? "\(table.shown) has no field '\(typo)' ("
        }
        #expect(got.hasPrefix(lead) && got.contains(message), "\(table.name)[\(typo)]: \(got)")
        checked += 1
      }
    }
    #expect(checked > 300)
  }
}
