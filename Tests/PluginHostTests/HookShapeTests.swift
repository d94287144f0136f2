import Scoring
import SurveyModel
import Testing

@testable import PluginHost

/// The tables hooks receive have exactly the fields the registry documents (and the LuaLS
/// definitions declare): each hook raises an error listing the keys it got.
@Suite struct HookShapeTests {
  static let keys = "local function keys(t) local k = {} for name in pairs(t) do k[#k + 1] = name end table.sort(k) return table.concat(k, ',') end\n"

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
    let source = Self.keys + pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n  score = function(r) error('keys:' .. keys(r), 0) end,")
    let plugin = try Plugin(source: source, file: "plugins/trust.lua")
    let got = message { _ = try plugin.respondentScores(respondent) }
    #expect(got == "keys:" + documented("cultivar.Respondent"))
  }

  @Test func teamTablesMatchTheRegistry() throws {
    let source = Self.keys + pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n  index = function(t) error('keys:' .. keys(t) .. ';' .. keys(t.dimensions.trust), 0) end,")
    let plugin = try Plugin(source: source, file: "plugins/trust.lua")
    let full = DimensionScore(id: "trust", n: 3, mean: 4, sd: 1, pomp: 75, favorable: 66, neutral: 0, unfavorable: 34)
    let team = TeamContext(team: "Ops", n: 3, dimensions: [full, DimensionScore(id: "voice", n: 0)], declarativeIndex: 75)
    let got = message { _ = try plugin.index(of: team) }
    #expect(got == "keys:" + documented("cultivar.Team") + ";" + documented("cultivar.TeamDimension"))
  }
}
