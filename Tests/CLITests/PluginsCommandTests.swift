import Foundation
import Testing

@Suite struct PluginsCommandTests {
  @Test func listShowsEveryPlugin() throws {
    let result = try CLI.run(["plugins", "list"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("ID"))
    #expect(result.stdout.contains("senge-five-disciplines"))
    #expect(result.stdout.contains("plugins/senge-five-disciplines/senge-five-disciplines.lua"))
  }

  @Test func checkPassesGoodPluginsAndListsEveryProblemOfBadOnes() throws {
    let scratch = Scratch()
    scratch.write("plugins/trust.lua", trustPlugin)
    scratch.write(
      "plugins/bad.lua",
      trustPlugin.replacingOccurrences(of: "dimension = 'trust' }", with: "dimension = 'trsut' }").replacingOccurrences(
        of: "version = '1.0.0',", with: ""))
    let good = try CLI.run(["plugins", "check", "plugins/trust.lua"], in: scratch.path)
    #expect(good.status == 0)
    #expect(good.stdout.contains("ok: plugins/trust.lua (trust 1.0.0: 2 dimensions, 3 items)"))
    let all = try CLI.run(["plugins", "check"], in: scratch.path)
    #expect(all.status == 78)
    #expect(all.stdout.contains("ok: plugins/trust.lua"))
    #expect(all.stderr.contains("plugins/bad.lua:2: 'version' must be non-empty text (got nil)"))
    #expect(all.stderr.contains("plugins/bad.lua:7: item 'q1' names unknown dimension 'trsut' (did you mean 'trust'?)"))
    #expect(all.stderr.contains("plugins/bad.lua:5: dimension 'trust' has no items"))
    #expect(all.stderr.contains("plugins/bad.lua:8: item 'q2' names unknown dimension 'trsut' (did you mean 'trust'?)"))
  }

  @Test func hostilePluginIsRefusedAndOthersCarryOn() throws {
    let scratch = Scratch()
    scratch.write("plugins/trust.lua", trustPlugin)
    scratch.write("plugins/evil.lua", "os.execute('touch pwned')\nreturn {}")
    scratch.write("plugins/bomb.lua", "local t = {} for i = 1, 1e9 do t[i] = i end")
    let result = try CLI.run(["plugins", "check"], in: scratch.path)
    #expect(result.status == 78)
    #expect(result.stderr.contains("plugins/evil.lua:1: unknown name 'os'"))
    #expect(result.stderr.contains("memory limit exceeded"))
    #expect(result.stdout.contains("ok: plugins/trust.lua"))
    #expect(!scratch.exists("pwned"))
  }
}

@Suite struct PluginsTestCommandTests {
  func folderPlugin(expectedTrustMean: String) -> Scratch {
    let scratch = Scratch()
    scratch.write("plugins/trust/trust.lua", trustPlugin)
    scratch.write("plugins/trust/tests/small.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,2,3,\n")
    scratch.write(
      "plugins/trust/tests/small.expected.json",
      """
      { "teams": { "A": { "index": 68.75, "dimensions": { "trust": \(expectedTrustMean), "voice": { "mean": 4, "n": 1 } } } } }
      """)
    return scratch
  }

  @Test func passingFixture() throws {
    let result = try CLI.run(["plugins", "test"], in: folderPlugin(expectedTrustMean: "3.5").path)
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("✓ trust: plugins/trust/tests/small.csv (1 team, 4 values)"))
  }

  @Test func wrongExpectedScoreIsCaughtWithADiff() throws {
    let result = try CLI.run(["plugins", "test", "trust"], in: folderPlugin(expectedTrustMean: "3.25").path)
    #expect(result.status == 1)
    #expect(result.stdout.contains("✗ trust: plugins/trust/tests/small.csv\n    team 'A' dimension 'trust' mean: expected 3.25, got 3.5"))
    #expect(result.stdout.contains("1 fixture run: FAILED"))
  }
}
