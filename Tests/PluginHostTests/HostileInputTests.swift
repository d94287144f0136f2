import Foundation
import LuaBridge
import Scoring
import SurveyModel
import TestSupport
import Testing

@testable import PluginHost

/// Numbers, bytes and hook results from untrusted plugins (issue 10): every one is checked
/// before it is converted or published, and refused with the plugin's file and line.
@Suite struct HostileInputTests {
  @Test(arguments: [
    ("api", "math.huge", "'api' must be the plugin API version"),
    ("api", "2^63", "but this cultivar provides 1"),
    ("api", "0/0", "'api' must be the plugin API version"),
    ("min_answered", "2^63", "'min_answered' must be a whole number of at least 1"),
    ("min_answered", "math.huge", "'min_answered' must be a whole number of at least 1"),
    ("scale", "{ min = -1e300, max = 1e300, labels = { 'a', 'b' } }", "'scale.min' and 'scale.max' must be numbers between"),
    ("scale", "{ min = 1, max = math.huge, labels = { 'a', 'b' } }", "'scale.min' and 'scale.max' must be numbers between"),
    ("scale", "{ min = 0/0, max = 5 }", "'scale.min' and 'scale.max' must be numbers between"),
    ("scale", "{ min = 1, max = 5000 }", "spans more than 1000 points"),
    ("bands", "{ { min = 0/0, label = 'x' } }", "needs a finite number 'min'"),
  ])
  func contractNumbersAreCheckedBeforeConversion(_ field: String, _ value: String, _ message: String) {
    let source =
      field == "min_answered" || field == "bands"
      ? pluginSource().replacingOccurrences(of: "  api = 1,", with: "  api = 1,\n  \(field) = \(value),")
      : pluginSource(replacing: field, with: value)
    let problems = contractProblems(source)
    #expect(problems.contains { $0.contains(message) && $0.hasPrefix("plugins/trust.lua:") }, "got: \(problems)")
  }

  @Test(arguments: [
    ("return 1e308", "'index' returned 1e+308: an index must be a number from -100 to 100"),
    ("return math.huge", "'index' returned"),
    ("return 0/0", "'index' returned NaN"),
    ("return 'high'", "'index' must return a number or nil (returned a string)"),
    ("return {}", "'index' must return a number or nil (returned a table)"),
  ])
  func indexResultsAreRangeChecked(_ body: String, _ message: String) throws {
    let plugin = try hookPlugin("  index = function(team)\n    \(body)\n  end,")
    let team = TeamContext(team: "Ops", n: 5, dimensions: [], declarativeIndex: 50)
    do {
      _ = try plugin.index(of: team)
      Issue.record("accepted: \(body)")
    } catch let error as PluginError {
      #expect(error.description.contains("plugins/trust.lua:3: " + message), "got: \(error.description)")
    }
  }

  @Test(arguments: [
    ("0/0", "returned NaN for measure 'net', outside its range -4–4"),
    ("math.huge", "returned inf for measure 'net', outside its range -4–4"),
    ("-1e308", "for measure 'net', outside its range -4–4"),
    ("'3'", "returned a string for dimension 'net': use a number, or false for no score"),
  ])
  func hookMeasureValuesAreRangeChecked(_ value: String, _ message: String) throws {
    let plugin = try hookPlugin(
      "  measures = { { id = 'net', name = 'Net', min = -4, max = 4 } },\n  score = function(r) return { net = \(value) } end,")
    do {
      _ = try plugin.respondentScores(respondent)
      Issue.record("accepted: \(value)")
    } catch let error as PluginError {
      #expect(error.description.contains(message), "got: \(error.description)")
    }
  }

  @Test func invalidUTF8IsRefusedAtItsLine() throws {
    let dir = temporaryFolder()
    var bytes = Array(pluginSource().utf8)
    bytes.insert(contentsOf: Array("-- caf".utf8) + [0xE9] + Array("\n".utf8), at: bytes.firstIndex(of: 0x0A)! + 1)
    FileManager.default.createFile(atPath: dir + "/trust.lua", contents: Data(bytes))
    do {
      _ = try Plugin(path: dir + "/trust.lua", displayPath: "plugins/trust.lua")
      Issue.record("invalid UTF-8 was accepted")
    } catch {
      #expect(error.description.contains("plugins/trust.lua:2: the file is not valid UTF-8"), "got: \(error.description)")
    }
  }

  @Test func onlyTheSurveysPluginsAreLoaded() {
    let dir = temporaryFolder()
    write(pluginSource(), to: dir + "/trust.lua")
    // Unused plugins, broken or slow, are never run when the survey does not name them.
    write("while true do end", to: dir + "/aaa.lua")
    write("return {", to: dir + "/other/init.lua")
    let catalog = PluginCatalog(directories: [dir], workingDirectory: dir, limits: .init(timePerCall: .seconds(5)), only: ["trust"])
    #expect(catalog.plugins.map(\.file) == ["trust.lua"])
    #expect(catalog.failures.isEmpty)
    // An id no file is named after makes the others load one at a time.
    write(pluginSource(replacing: "id", with: "'renamed'"), to: dir + "/zzz.lua")
    let found = PluginCatalog(directories: [dir], workingDirectory: dir, limits: .init(timePerCall: .milliseconds(100)), only: ["renamed"])
    #expect(found.plugins.map(\.file) == ["zzz.lua"])
  }

  @Test func aLargePluginChecksInReasonableTime() throws {
    // 20,000 items over 5,000 dimensions: the contract reader must not compare every item with
    // every dimension (that was quadratic), and the source index must stay linear.
    var dimensions: [String] = []
    var items: [String] = []
    for d in 0..<5_000 { dimensions.append("    { id = 'd\(d)', name = 'Dimension \(d)' },") }
    for i in 0..<20_000 { items.append("    { id = 'q\(i)', text = 'Question \(i)', dimension = 'd\(i % 5_000)' },") }
    let source = pluginSource(replacing: "items", with: "{\n" + items.joined(separator: "\n") + "\n  }")
      .replacingOccurrences(
        of: "{ { id = 'trust', name = 'Trust' }, { id = 'voice', name = 'Voice' } }", with: "{\n" + dimensions.joined(separator: "\n") + "\n  }")
    let (plugin, seconds) = try threadCPUSeconds { try Plugin(source: source, file: "plugins/big.lua", limits: .init(timePerCall: .seconds(10))) }
    #expect(plugin.framework.items.count == 20_000)
    #expect(plugin.framework.dimensions.count == 5_000)
    #expect(seconds < 20, "\(seconds) s of CPU")
  }

  @Test func beginGroupForgetsWhatHooksKept() throws {
    let plugin = try hookPlugin(
      """
      score = function(r)
        previous = nil
        return nil
      end,
      index = function(team)
        local seen = cultivar.seen or {}
        cultivar.seen = seen
        seen[#seen + 1] = team.n
        return #seen
      end,
      """.replacingOccurrences(of: "        previous = nil\n", with: ""))
    let team = TeamContext(team: "Ops", n: 5, dimensions: [], declarativeIndex: 50)
    #expect(try plugin.index(of: team) == 1)
    #expect(try plugin.index(of: team) == 2)
    try plugin.beginGroup()
    #expect(try plugin.index(of: team) == 1)
  }
}
