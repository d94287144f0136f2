import Foundation
import Testing

/// `plugins new`, `plugins run`, `plugins types` and `plugins docs`, run as a user would.
@Suite struct AuthoringCommandTests {
  @Test func newPluginPassesCheckTestAndScoresAsCreated() throws {
    let scratch = Scratch()
    let created = try CLI.run(["plugins", "new", "team-voice"], in: scratch.path)
    #expect(created.status == 0, "\(created.stderr)")
    for file in [
      "plugins/team-voice/team-voice.lua", "plugins/team-voice/tests/example.csv", "plugins/team-voice/tests/example.expected.json",
      "surveys/team-voice.yaml", "surveys/team-voice-responses.csv",
    ] {
      #expect(scratch.exists(file), "\(file)")
      #expect(created.stdout.contains("created \(file)"))
    }
    let check = try CLI.run(["plugins", "check", "plugins/team-voice/team-voice.lua"], in: scratch.path)
    #expect(check.status == 0)
    #expect(check.stdout.contains("ok: plugins/team-voice/team-voice.lua (team-voice 0.1.0: 2 dimensions, 4 items)"))
    let test = try CLI.run(["plugins", "test", "team-voice"], in: scratch.path)
    #expect(test.status == 0, "\(test.stdout)")
    #expect(test.stdout.contains("✓ team-voice: plugins/team-voice/tests/example.csv (3 teams, 17 values)"))
    let score = try CLI.run(["score", "surveys/team-voice.yaml", "--responses", "surveys/team-voice-responses.csv"], in: scratch.path)
    #expect(score.status == 0, "\(score.stderr)")
    #expect(score.stdout.contains("Design        6   79.2  High"))
    #expect(score.stdout.contains("(all teams)  15   55.8  Medium"))
  }

  @Test func deliberatelyWrongExpectedScoreIsCaught() throws {
    let scratch = Scratch()
    _ = try CLI.run(["plugins", "new", "team-voice"], in: scratch.path)
    let expected = try #require(scratch.read("plugins/team-voice/tests/example.expected.json"))
    scratch.write("plugins/team-voice/tests/example.expected.json", expected.replacingOccurrences(of: "\"index\": 84.375", with: "\"index\": 80"))
    let test = try CLI.run(["plugins", "test"], in: scratch.path)
    #expect(test.status == 1)
    #expect(test.stdout.contains("✗ team-voice: plugins/team-voice/tests/example.csv\n    team 'Alpha' index: expected 80, got 84.375"))
  }

  @Test func fixtureCanExpectAHookError() throws {
    let scratch = Scratch()
    scratch.write(
      "plugins/trust/trust.lua",
      trustPlugin.replacingOccurrences(
        of: "api = 1,",
        with: """
          api = 1,
            score = function(r)
              if r.answers.q1 == nil then error('q1 is required', 0) end
            end,
          """))
    scratch.write("plugins/trust/tests/no-q1.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,,3,1\n")
    scratch.write(
      "plugins/trust/tests/no-q1.expected.json", "{ \"error_includes\": [\"hook 'score'\", \"respondent '2'\", \"no-q1.csv:3\", \"q1 is required\"] }"
    )
    let pass = try CLI.run(["plugins", "test"], in: scratch.path)
    #expect(pass.status == 0, "\(pass.stdout)")
    #expect(pass.stdout.contains("✓ trust: plugins/trust/tests/no-q1.csv (fails as expected, 4 passages)"))
    scratch.write("plugins/trust/tests/no-q1.expected.json", "{ \"error_includes\": [\"q2 is required\"] }")
    let wrong = try CLI.run(["plugins", "test"], in: scratch.path)
    #expect(wrong.status == 1)
    #expect(wrong.stdout.contains("the error does not contain 'q2 is required'; it was:"))
    scratch.write("plugins/trust/tests/no-q1.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n")
    let none = try CLI.run(["plugins", "test"], in: scratch.path)
    #expect(none.stdout.contains("expected scoring to fail with an error containing 'q2 is required', but it succeeded"))
  }

  @Test func newRefusesToOverwriteAndRejectsBadNames() throws {
    let scratch = Scratch()
    scratch.write("surveys/team-voice.yaml", "id: mine\n")
    let again = try CLI.run(["plugins", "new", "team-voice"], in: scratch.path)
    #expect(again.status == 64)
    #expect(again.stderr.contains("error: not overwriting surveys/team-voice.yaml"))
    #expect(scratch.read("surveys/team-voice.yaml") == "id: mine\n")
    #expect(!scratch.exists("plugins/team-voice"))
    let bad = try CLI.run(["plugins", "new", "Team Voice"], in: scratch.path)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("'Team Voice' cannot be a plugin name"))
    #expect(bad.stderr.contains("hint: for example 'cultivar plugins new team-voice'"))
  }

  @Test func runShowsHookResultsPerRespondentAndTeam() throws {
    let scratch = Scratch()
    scratch.write(
      "plugins/trust.lua",
      trustPlugin.replacingOccurrences(
        of: "api = 1,",
        with: """
          api = 1,
            score = function(r)
              print('scoring', r.id)
              if r.id == 'b1' then return { trust = r.answers.q9 + 1 } end
              return { voice = false }
            end,
            index = function(t) return 50 end,
            index_rule = 'always 50',
          """))
    scratch.write("answers.csv", "respondent_id,team,when,q1,q2,q3\na1,A,x,4,5,2\nb1,B,x,2,3,\nb2,B,x,3,3,9\n")
    let result = try CLI.run(["plugins", "run", "plugins/trust.lua", "--responses", "answers.csv"], in: scratch.path)
    #expect(result.status == 70)
    let out = result.stdout
    #expect(
      out.contains(
        "respondent 'a1', team 'A' (answers.csv:2)\n  answers: q1 4, q2 5, q3 2 (reversed: 4)\n  scores:  trust 4.5, voice 4\n  score hook: voice no score (kept: trust)\n  log: plugins/trust.lua:4: scoring\ta1"
      ), "\(out)")
    #expect(
      out.contains("score hook FAILED: error running plugin 'trust' (plugins/trust.lua), hook 'score', respondent 'b1' of team 'B' (answers.csv:3):"))
    #expect(out.contains("plugins/trust.lua:5: respondent.answers has no field 'q9' — did you mean 'q1'?"))
    #expect(out.contains("Checks: every hook ran on made-up data (as 'cultivar plugins check' does)."))
    #expect(out.contains("row answers.csv:4 is not valid and is left out:"))
    #expect(out.contains("team 'A' (n = 1)\n  trust  n 1, mean 4.5"))
    #expect(out.contains("index: 50 from the index hook (the declarative index is 87.5)"))
    #expect(out.contains("1 hook call failed (shown above)."))
  }

  @Test func typesWritesValidDefinitionsAndALuarc() throws {
    let scratch = Scratch()
    let result = try CLI.run(["plugins", "types"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("wrote types/cultivar.d.lua"))
    let definitions = try #require(scratch.read("types/cultivar.d.lua"))
    #expect(definitions.hasPrefix("---@meta cultivar"))
    #expect(definitions.contains("function cultivar.pomp(x, min, max) end"))
    #expect(definitions.contains("---@field score? fun(respondent: cultivar.Respondent): table<string, number|false>|nil"))
    let luarc = try #require(scratch.read(".luarc.json"))
    let json = try JSONSerialization.jsonObject(with: Data(luarc.utf8)) as? [String: Any]
    #expect((json?["workspace"] as? [String: Any])?["library"] as? [String] == ["types"])
    #expect(try CLI.run(["plugins", "types"], in: scratch.path).stdout.contains("up to date: types/cultivar.d.lua"))
    // A .luarc.json of the user's own is not replaced.
    scratch.write(".luarc.json", "{ \"runtime\": { \"version\": \"Lua 5.4\" } }")
    let refused = try CLI.run(["plugins", "types"], in: scratch.path)
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("add \"types\" to its \"workspace.library\" list, or run with --force"))
    // luac, when installed (make test-types installs it), agrees that the file is valid Lua.
    if let luac = ["/usr/bin/luac5.4", "/usr/bin/luac"].first(where: FileManager.default.isExecutableFile(atPath:)) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: luac)
      process.arguments = ["-p", scratch.path + "/types/cultivar.d.lua"]
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
  }

  @Test func committedReferenceMatchesTheRegistry() throws {
    let result = try CLI.run(["plugins", "docs", "--check", "--update", "docs/plugins.md", "--update", "docs/writing-a-framework.md"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("up to date: docs/plugins.md (host-api)"))
    #expect(result.stdout.contains("up to date: docs/writing-a-framework.md (host-api, plugin-table)"))
  }

  @Test func docsUpdateRewritesOnlyTheMarkedSections() throws {
    let scratch = Scratch()
    scratch.write(
      "guide.md",
      "# Guide\n\n<!-- BEGIN GENERATED: host-api (cultivar plugins docs --update FILE) -->\nSTALE-TEXT\n<!-- END GENERATED: host-api -->\n\nmy text\n"
    )
    let stale = try CLI.run(["plugins", "docs", "--check", "--update", "guide.md"], in: scratch.path)
    #expect(stale.status == 1)
    #expect(stale.stderr.contains("is out of date"))
    let updated = try CLI.run(["plugins", "docs", "--update", "guide.md"], in: scratch.path)
    #expect(updated.status == 0)
    let text = try #require(scratch.read("guide.md"))
    #expect(text.hasPrefix("# Guide\n\n<!-- BEGIN GENERATED: host-api"))
    #expect(text.contains("#### `cultivar.mean(values)` → `number?`"))
    #expect(text.hasSuffix("<!-- END GENERATED: host-api -->\n\nmy text\n"))
    #expect(!text.contains("STALE-TEXT"))
  }
}
