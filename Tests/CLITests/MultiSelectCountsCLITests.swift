import Foundation
import Testing

/// `respondent.counts` holds every multi-select item of the framework, counted by a measure or
/// not: a `score` hook can make a per-respondent value from any of them.
@Suite struct MultiSelectCountsCLITests {
  /// A plugin with two multi-selects that no measure counts (`count_of`); its score hook
  /// turns them into two measures.
  static let plugin = """
    return {
      api = 1,
      id = "ways-hook",
      name = "Ways",
      version = "0.1.0",
      description = "A score hook that reads the counts of multi-selects no measure counts.",
      source = "CLITests",
      scale = { min = 1, max = 5, labels = { "1", "2", "3", "4", "5" } },
      dimensions = { { id = "time", name = "Time" } },
      items = {
        { id = "t1", dimension = "time", text = "I have time to learn." },
        { id = "ways", type = "multi", text = "Which?",
          options = { { id = "course", label = "Course" }, { id = "book", label = "Book" }, { id = "peer", label = "Peer" } } },
        { id = "tools", type = "multi", text = "Tools?", options = { { id = "wiki", label = "Wiki" }, { id = "chat", label = "Chat" } } },
      },
      measures = {
        { id = "broad", name = "Two or more ways", min = 0, max = 1, at_least = 1 },
        { id = "tools_n", name = "Tools used", min = 0, max = 2 },
      },
      score = function(respondent)
        local ways, tools = respondent.counts.ways, respondent.counts.tools
        local broad = false
        if ways ~= nil then broad = ways >= 2 and 1 or 0 end
        return { broad = broad, tools_n = tools or false }
      end,
    }
    """

  static let survey = "id: ways\ntitle: Ways\nframeworks: [ways-hook]\nmin_group_size: 3\n"

  /// Ways chosen 2, 1, none, 3 (broad: 1, 0, no value, 1); tools 2, 1, 1, none.
  static let responses = """
    respondent_id,team,t1,ways,tools
    r1,A,4,course;book,wiki;chat
    r2,A,3,peer,wiki
    r3,A,5,,chat
    r4,A,2,Course;Book;Peer,

    """

  @Test func aScoreHookReadsTheCountsOfMultiSelectsNoMeasureCounts() throws {
    let box = try Sandbox()
    try box.write("plugins/ways-hook.lua", Self.plugin)
    try box.write("survey.yaml", Self.survey)
    try box.write("r.csv", Self.responses)
    let result = try box.run("score", "survey.yaml", "--responses", "r.csv", "--format", "csv")
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(rows.first)
    let (measure, n, mean, sum, atLeast) = try (
      #require(header.firstIndex(of: "measure")), #require(header.firstIndex(of: "n")), #require(header.firstIndex(of: "mean")),
      #require(header.firstIndex(of: "sum")), #require(header.firstIndex(of: "at_least_pct"))
    )
    let broad = try #require(rows.first { $0[1] == "A" && $0[measure] == "measure:broad" })
    #expect(broad[n] == "3" && broad[sum] == "2" && Double(broad[atLeast]).map { abs($0 - 200.0 / 3) < 1e-9 } == true, "\(broad)")
    let tools = try #require(rows.first { $0[1] == "A" && $0[measure] == "measure:tools_n" })
    #expect(tools[n] == "3" && tools[sum] == "4" && Double(tools[mean]).map { abs($0 - 4.0 / 3) < 1e-9 } == true, "\(tools)")
    // The same from a stored wave.
    #expect(try box.run("import", "survey.yaml", "r.csv", "--wave", "w1").status == 0)
    let stored = try box.run("score", "survey.yaml", "--wave", "w1", "--format", "csv")
    #expect(stored.status == 0, "\(stored.stderr)")
    #expect(stored.stdout == result.stdout)
  }

  @Test func readingAnIdThatIsNoMultiSelectNamesTheLineAndTheItems() throws {
    for (field, problem) in [
      ("t1", "respondent.counts has no field 't1' — did you mean 'respondent.answers.t1'?"),
      ("nosuch", "respondent.counts has no field 'nosuch' (the multi-select items are: tools, ways)"),
    ] {
      let box = try Sandbox()
      try box.write("plugins/ways-hook.lua", Self.plugin.replacingOccurrences(of: "respondent.counts.ways,", with: "respondent.counts.\(field),"))
      try box.write("survey.yaml", Self.survey)
      try box.write("r.csv", Self.responses)
      let result = try box.run("score", "survey.yaml", "--responses", "r.csv")
      #expect(result.status == 70)
      #expect(result.stderr.contains("plugins/ways-hook.lua:21: " + problem), "\(result.stderr)")
    }
  }
}
