import Foundation
import Testing

/// One authoring mistake: a plugin (the base framework with `hooks` at line 10, or a whole
/// source), the files around it, the command run, and what the author must be told.
struct AuthoringMistake: CustomTestStringConvertible, Sendable {
  let name: String
  /// Lua placed at line 10 of the base plugin (inside the returned table).
  var hooks = ""
  /// Replaces the whole plugin source when set.
  var source: String? = nil
  /// Where the plugin is written.
  var pluginFile = "plugins/pulse/pulse.lua"
  /// Other files: path → text.
  var files: [String: String] = [:]
  var command = ["plugins", "check"]
  let status: Int32
  /// Passages that the output (stdout and stderr together) must contain, in this order.
  let expect: [String]
  /// Passages it must not contain.
  var never: [String] = []

  var testDescription: String { name }
}

/// The base framework: hooks go at line 10.
private let base = """
  return {
    api = 1, id = 'pulse', name = 'Pulse', version = '1.0.0',
    description = 'test framework', source = 'test',
    scale = { min = 1, max = 5 },
    dimensions = { { id = 'peers', name = 'Peers' }, { id = 'voice', name = 'Voice' } },
    items = {
      { id = 'q1', text = 'One', dimension = 'peers' },
      { id = 'q2', text = 'Two', dimension = 'voice' },
    },
  HOOKS
  }
  """

private let survey = "id: s\ntitle: S\nframeworks:\n  - pulse\nmin_group_size: 3\n"
private let responses = "respondent_id,team,q1,q2\n1,A,4,5\n2,A,2,3\n3,A,5,5\n"

private let mistakes: [AuthoringMistake] = [
  // Field typos in each hook's arguments, found by `plugins check` before any scoring.
  .init(
    name: "band reads team.dimensions.peer",
    hooks: "band = function(index, team_name, team)\n  return team.dimensions.peer.mean > 3 and 'high' or 'low' end,", status: 78,
    expect: ["hook 'band'", "plugins/pulse/pulse.lua:11: team.dimensions has no field 'peer' — did you mean 'peers'?"], never: ["ok: plugins/pulse"]),
  .init(
    name: "index reads team.dimension", hooks: "index = function(team)\n  return team.dimension.peers.pomp end,", status: 78,
    expect: ["hook 'index'", "plugins/pulse/pulse.lua:11: team has no field 'dimension' — did you mean 'dimensions'?"]),
  .init(
    name: "index reads a dimension as a team field", hooks: "index = function(team)\n  return team.peers.pomp end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:11: team has no field 'peers' — did you mean 'dimensions.peers'?"]),
  .init(
    name: "index reads an unknown statistic", hooks: "index = function(team)\n  return team.dimensions.peers.avg end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:11: team.dimensions.peers has no field 'avg' (its fields are: n, mean, sd, pomp, favorable)"]),
  .init(
    name: "score reads r.answer", hooks: "score = function(r)\n  return { peers = r.answer.q1 } end,", status: 78,
    expect: ["hook 'score'", "plugins/pulse/pulse.lua:11: respondent has no field 'answer' — did you mean 'answers'?"]),
  .init(
    name: "score reads an item that does not exist", hooks: "score = function(r)\n  local x = r.answers.q9\n  return nil end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:11: respondent.answers has no field 'q9' — did you mean 'q1'?"]),
  .init(
    name: "score reads scores.peer", hooks: "score = function(r)\n  local x = r.scores.peer\n  return nil end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:11: respondent.scores has no field 'peer' — did you mean 'peers'?"]),
  .init(
    name: "score reads a dimension on the respondent", hooks: "score = function(r)\n  return { voice = r.voice } end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:11: respondent has no field 'voice' — did you mean 'scores.voice'?"]),
  .init(
    name: "band uses an undefined global", hooks: "band = function(index, team_name, team)\n  return team_nme end,", status: 78,
    expect: ["hook 'band'", "plugins/pulse/pulse.lua:11: unknown name 'team_nme' (did you mean 'team_name'?)"]),
  // Documented optional fields stay nil-able: a careful hook passes.
  .init(
    name: "optional fields read with care pass",
    hooks: """
      index = function(team)
        local p = team.dimensions.peers.pomp
        if p == nil or team.index == nil then return nil end
        return (p + team.index) / 2 end,
      band = function(index, team_name, team) return { label = team_name, advice = team.dimensions.voice.favorable and 'ok' or nil } end,
      """, status: 0, expect: ["ok: plugins/pulse/pulse.lua (pulse 1.0.0: 2 dimensions, 2 items; hooks index, band ran on made-up data)"]),
  // Wrong results, errors and limits.
  .init(
    name: "index returns text", hooks: "index = function(team)\n  return 'high' end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:10: 'index' must return a number or nil (returned a string)"]),
  .init(
    name: "index out of range", hooks: "index = function(team)\n  return 250 end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:10: 'index' returned 250: an index must be a number from -100 to 100"]),
  .init(
    name: "score outside the scale", hooks: "score = function(r)\n  return { peers = 9 } end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:10: 'score' returned 9 for dimension 'peers', outside the scale 1–5"]),
  .init(
    name: "score for an unknown dimension", hooks: "score = function(r)\n  return { peer = 3 } end,", status: 78,
    expect: ["'score' returned a score for unknown dimension 'peer' (did you mean 'peers'?)"]),
  .init(
    name: "band table without label", hooks: "band = function(index, name, team)\n  return { advice = 'talk' } end,", status: 78,
    expect: ["plugins/pulse/pulse.lua:10: 'band' returned a table without a text 'label'"]),
  .init(
    name: "index forgets a dimension nobody answered", hooks: "index = function(team)\n  return team.dimensions.peers.pomp * 1 end,", status: 78,
    expect: [
      "hook 'index', team 'made-up team: nobody answered peers'",
      "plugins/pulse/pulse.lua:11: attempt to perform arithmetic on a nil value (field 'pomp')", "hint:",
    ]),
  .init(
    name: "score forgets unanswered items", hooks: "score = function(r)\n  return { peers = r.answers.q1 + 0 } end,", status: 78,
    expect: [
      "hook 'score', respondent 'every other item unanswered'",
      "plugins/pulse/pulse.lua:11: attempt to perform arithmetic on a nil value (field 'q1')",
    ]),
  .init(
    name: "score raises an error", hooks: "score = function(r)\n  error('boom') end,", status: 78,
    expect: ["hook 'score'", "plugins/pulse/pulse.lua:11: boom"]),
  .init(
    name: "index never ends", hooks: "index = function(team)\n  while true do end end,", status: 78,
    expect: ["hook 'index'", "plugins/pulse/pulse.lua:11: time limit exceeded"]),
  .init(
    name: "score exhausts memory", hooks: "score = function(r)\n  local t = {} for i = 1, 1e9 do t[i] = { i } end end,", status: 78,
    expect: ["hook 'score'", "memory limit exceeded"]),
  // Contract mistakes.
  .init(
    name: "duplicate dimension at the copy's line",
    source: base.replacingOccurrences(
      of: "{ id = 'voice', name = 'Voice' } },", with: "{ id = 'voice', name = 'Voice' },\n    { id = 'peers', name = 'Again' } },"
    ).replacingOccurrences(of: "HOOKS", with: ""),
    status: 78, expect: ["plugins/pulse/pulse.lua:6: dimension 'peers' is declared twice (first at line 5)"]),
  .init(
    name: "duplicate item at the copy's line",
    source: base.replacingOccurrences(of: "HOOKS", with: "").replacingOccurrences(
      of: "dimension = 'voice' },\n", with: "dimension = 'voice' },\n    { id = 'q1', text = 'Again', dimension = 'voice' },\n"),
    status: 78, expect: ["plugins/pulse/pulse.lua:9: item 'q1' is declared twice (first at line 7)"]),
  .init(
    name: "quoted boolean",
    source: base.replacingOccurrences(of: "dimension = 'voice' }", with: "dimension = 'voice', reverse = \"true\" }").replacingOccurrences(
      of: "HOOKS", with: ""),
    status: 78, expect: ["plugins/pulse/pulse.lua:8: item 'q2': 'reverse' must be the boolean true, not the text \"true\": remove the quotes"]),
  .init(
    name: "unquoted yes",
    source: base.replacingOccurrences(of: "dimension = 'voice' }", with: "dimension = 'voice', reverse = yes }").replacingOccurrences(
      of: "HOOKS", with: ""),
    status: 78, expect: ["plugins/pulse/pulse.lua:8:", "'yes'", "true"]),
  .init(
    name: "missing comma",
    source: base.replacingOccurrences(of: "version = '1.0.0',\n", with: "version = '1.0.0'\n").replacingOccurrences(of: "HOOKS", with: ""),
    status: 78, expect: ["plugins/pulse/pulse.lua:3:", "hint:"]),
  // Failed loads named by a survey: the plugin's error first, then the survey's line.
  .init(
    name: "survey names a plugin that does not compile",
    source: base.replacingOccurrences(of: "HOOKS", with: "index = function(team) return team.n end end,"),
    files: ["surveys/s.yaml": survey, "r.csv": responses], command: ["score", "surveys/s.yaml", "--responses", "r.csv"], status: 78,
    expect: [
      "plugins/pulse/pulse.lua:10:", "surveys/s.yaml:4: error: framework 'pulse' cannot be used: its plugin plugins/pulse/pulse.lua failed to load",
      "hint: fix plugins/pulse/pulse.lua",
    ],
    never: ["no plugin with id 'pulse'"]),
  .init(
    name: "plugin file named otherwise fails to load",
    source: base.replacingOccurrences(of: "HOOKS", with: "index = function(team) return team.n end,\n  bands = nil + 1,"),
    pluginFile: "plugins/my-framework.lua",
    files: ["surveys/s.yaml": survey, "r.csv": responses], command: ["score", "surveys/s.yaml", "--responses", "r.csv"], status: 78,
    expect: [
      "plugins/my-framework.lua:11:", "surveys/s.yaml:4: error: framework 'pulse' cannot be used: its plugin plugins/my-framework.lua failed to load",
    ],
    never: ["no plugins were found"]),
  // The same typo at scoring time.
  .init(
    name: "scoring meets the field typo",
    hooks: "band = function(index, team_name, team)\n  return team.dimensions.peer.mean > 3 and 'high' or 'low' end,",
    files: ["surveys/s.yaml": survey, "r.csv": responses], command: ["score", "surveys/s.yaml", "--responses", "r.csv"], status: 70,
    expect: ["hook 'band'", "plugins/pulse/pulse.lua:11: team.dimensions has no field 'peer' — did you mean 'peers'?"]),
  .init(
    name: "plugins run shows the checks",
    hooks: "band = function(index, team_name, team)\n  if team.n == 1 then return team.dimensions.peer end return 'x' end,",
    files: ["r.csv": responses], command: ["plugins", "run", "plugins/pulse/pulse.lua", "--responses", "r.csv"], status: 70,
    expect: [
      "Checks: hooks failed on made-up data", "team 'made-up team: one respondent'",
      "plugins/pulse/pulse.lua:11: team.dimensions has no field 'peer' — did you mean 'peers'?",
    ]),
  // Fixtures: hints in CSV terms, keys checked.
  .init(
    name: "fixture with an extra column",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,team,department,q1,q2\n1,A,Ops,4,5\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"n\": 1 } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: [
      "plugins/pulse/tests/example.csv:1: error: column 3 'department' is not one of the plugin's items",
      "hint: a fixture's columns are respondent_id, team and the plugin's item ids (q1, q2): rename the column in the header row (line 1) of plugins/pulse/tests/example.csv, or delete the column",
    ],
    never: ["columns: ignore"]),
  .init(
    name: "fixture without a team column",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,group,q1,q2\n1,A,4,5\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"n\": 1 } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: ["there is no team column 'team'", "hint: add a column named 'team' to the header row (line 1) of plugins/pulse/tests/example.csv"],
    never: ["survey file"]),
  .init(
    name: "fixture missing an item column",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,team,q1\n1,A,4\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"n\": 1 } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: ["no column for item 'q2'", "a fixture has a column for every item of the plugin"], never: ["survey file"]),
  .init(
    name: "fixture with a misspelt key",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,team,q1,q2\n1,A,4,5\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"dimension\": { \"peers\": 4 } } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: ["plugins/pulse/tests/example.expected.json, team 'A': unknown key 'dimension' (did you mean 'dimensions'?)"]),
  .init(
    name: "fixture row outside the scale",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,team,q1,q2\n1,A,9,5\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"n\": 1 } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: [
      "plugins/pulse/tests/example.csv:2: error: column 3 'q1': 9 is outside the scale 1–5 of item 'q1'",
      "hint: fix the row in plugins/pulse/tests/example.csv",
    ],
    never: ["--skip-invalid"]),
  .init(
    name: "fixture expects an unknown dimension",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,team,q1,q2\n1,A,4,5\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"dimensions\": { \"peer\": 4 } } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: ["team 'A': the framework has no dimension 'peer' (did you mean 'peers'?) (dimensions: peers, voice)"]),
  .init(
    name: "fixture that is not JSON",
    files: [
      "plugins/pulse/tests/example.csv": "respondent_id,team,q1,q2\n1,A,4,5\n",
      "plugins/pulse/tests/example.expected.json": "{ \"teams\": { \"A\": { \"n\": 1 \"index\": 3 } } }",
    ],
    command: ["plugins", "test"], status: 1,
    expect: ["plugins/pulse/tests/example.expected.json:", "hint: check for a missing comma or quote"]),
]

/// The authoring mistakes a plugin author makes, each run as the author would and checked
/// for the exit status, the file:line and the message.
@Suite struct AuthoringMistakeTests {
  @Test(arguments: mistakes)
  func mistakeIsReportedWhereItIs(_ mistake: AuthoringMistake) throws {
    let scratch = Scratch()
    scratch.write(mistake.pluginFile, mistake.source ?? base.replacingOccurrences(of: "HOOKS", with: mistake.hooks))
    for (path, text) in mistake.files { scratch.write(path, text) }
    let arguments = mistake.command == ["plugins", "check"] ? mistake.command + [mistake.pluginFile] : mistake.command
    let result = try CLI.run(arguments, in: scratch.path)
    let output = result.stdout + result.stderr
    #expect(result.status == mistake.status, "\(output)")
    var rest = Substring(output)
    for passage in mistake.expect {
      guard let found = rest.range(of: passage) else {
        Issue.record("missing (in this order) '\(passage)' in:\n\(output)")
        break
      }
      rest = rest[found.upperBound...]
    }
    for passage in mistake.never {
      #expect(!output.contains(passage), "'\(passage)' in:\n\(output)")
    }
  }

  @Test func atLeastTwentyFiveMistakesAreCovered() {
    #expect(mistakes.count >= 25)
  }
}
