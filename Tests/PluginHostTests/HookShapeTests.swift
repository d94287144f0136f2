import Scoring
import SurveyModel
import Testing

@testable import PluginHost

/// The tables hooks receive have exactly the fields the registry documents (and the LuaLS
/// definitions declare): each hook raises an error listing the keys it got.
@Suite struct HookShapeTests {
  /// `keys(t, documented)`: the documented fields that are present (some are filled on first
  /// access) plus every other key the table holds, sorted.
  static let keys = """
    local function keys(t, documented)
      local seen, found = {}, {}
      for _, name in ipairs(documented or {}) do
        if t[name] ~= nil then seen[name] = true; found[#found + 1] = name end
      end
      for name in pairs(t) do
        if not seen[name] then seen[name] = true; found[#found + 1] = name end
      end
      table.sort(found)
      return table.concat(found, ',')
    end

    """

  func luaList(_ shape: String) -> String {
    "{ " + (PluginContract.shapes.first { $0.name == shape }?.fields.map { "'\($0.name)'" } ?? []).joined(separator: ", ") + " }"
  }

  func documented(_ shape: String) -> String {
    (PluginContract.shapes.first { $0.name == shape }?.fields.map(\.name) ?? []).sorted().joined(separator: ",")
  }

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return (error as? PluginError)?.problems.first ?? "\(error)"
    }
  }

  @Test func respondentTableMatchesTheRegistry() throws {
    let source =
      Self.keys
      + pluginSource().replacingOccurrences(
        of: "  api = 1,", with: "  api = 1,\n  score = function(r) error('keys:' .. keys(r, \(luaList("cultivar.Respondent"))), 0) end,")
    let plugin = try Plugin(source: source, file: "plugins/trust.lua")
    let got = message { _ = try plugin.respondentScores(respondent) }
    #expect(got == "keys:" + documented("cultivar.Respondent"))
  }

  @Test func teamTablesMatchTheRegistry() throws {
    let source =
      Self.keys
      + pluginSource().replacingOccurrences(
        of: "  api = 1,",
        with:
          "  api = 1,\n  index = function(t) error('keys:' .. keys(t, \(luaList("cultivar.Team"))) .. ';' .. keys(t.dimensions.trust, \(luaList("cultivar.TeamDimension"))), 0) end,"
      )
    let plugin = try Plugin(source: source, file: "plugins/trust.lua")
    let full = DimensionScore(id: "trust", n: 3, mean: 4, sd: 1, pomp: 75, favorable: 66, neutral: 0, unfavorable: 34)
    let team = TeamContext(team: "Ops", n: 3, dimensions: [full, DimensionScore(id: "voice", n: 0)], declarativeIndex: 75)
    let got = message { _ = try plugin.index(of: team) }
    #expect(got == "keys:" + documented("cultivar.Team") + ";" + documented("cultivar.TeamDimension"))
  }
}
