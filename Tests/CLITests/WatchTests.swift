import Foundation
import Testing

/// `score --watch` as a user runs it: a real process, real file saves.
@Suite struct WatchTests {
  func occurrences(_ text: String, _ part: String) -> Int { text.components(separatedBy: part).count - 1 }

  @Test func survivesABrokenSaveAndRecoversOnTheNextGoodOne() throws {
    let scratch = Scratch()
    scratch.write("plugins/trust.lua", trustPlugin)
    scratch.write("surveys/t.yaml", "id: t\ntitle: Trust survey\nframeworks: [trust]\nmin_group_size: 3\n")
    scratch.write("responses.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,2,3,1\n3,A,5,5,1\n")
    let watch = try LiveProcess(["score", "surveys/t.yaml", "--responses", "responses.csv", "--watch"], in: scratch.path)
    defer { watch.stop() }
    #expect(watch.wait { out, _ in out.contains("A            3") } != nil, "first report: \(watch.stderr)")

    // A broken save: the error is shown and the last good version keeps scoring.
    scratch.write("plugins/trust.lua", trustPlugin.replacingOccurrences(of: "name = 'Trust',", with: "name = 'Trust'"))
    let broken = watch.wait { _, err in err.contains("still using the last good version of plugins/trust.lua") }
    #expect(broken != nil, "\(watch.stderr)")
    #expect(watch.stderr.contains("error loading plugins/trust.lua:\n  plugins/trust.lua:2: '}' expected"))
    #expect(watch.wait { out, _ in self.occurrences(out, "Trust survey (t)") == 2 } != nil, "scored with the last good version")

    // The next good save is picked up.
    scratch.write("plugins/trust.lua", trustPlugin.replacingOccurrences(of: "name = 'Trust',", with: "name = 'Trust renamed',"))
    let recovered = watch.wait { out, _ in out.contains("== Trust renamed (trust 1.0.0)") }
    #expect(recovered != nil, "\(watch.stderr)")
    #expect((recovered ?? 99) < 3, "reacted in \(recovered ?? -1) s")

    // So are new responses, and a broken response file does not stop the watcher.
    scratch.write("responses.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,2,3,1\n3,A,5,5,1\n4,A,1,1,9\n")
    #expect(watch.wait { _, err in err.contains("responses.csv:5: error: column 5 'q3'") } != nil, "\(watch.stderr)")
    scratch.write("responses.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,2,3,1\n3,A,5,5,1\n4,A,1,1,5\n")
    #expect(watch.wait { out, _ in out.contains("A            4") } != nil, "\(watch.stderr)")
  }

  @Test func showsHooksThatFailOnMadeUpDataAsTheAuthorSaves() throws {
    let scratch = Scratch()
    scratch.write("plugins/trust.lua", trustPlugin)
    scratch.write("surveys/t.yaml", "id: t\ntitle: Trust survey\nframeworks: [trust]\nmin_group_size: 3\n")
    scratch.write("responses.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,2,3,1\n3,A,5,5,1\n")
    let watch = try LiveProcess(["score", "surveys/t.yaml", "--responses", "responses.csv", "--watch"], in: scratch.path)
    defer { watch.stop() }
    #expect(watch.wait { out, _ in out.contains("A            3") } != nil, "first report: \(watch.stderr)")
    #expect(!watch.stderr.contains("check:"))
    // This team's rows reach no nil mean, but a team where nobody answered 'voice' would.
    scratch.write(
      "plugins/trust.lua",
      trustPlugin.replacingOccurrences(
        of: "api = 1,", with: "api = 1,\n  index = function(t) return t.dimensions.voice.pomp + 0 end, index_rule = 'voice',"))
    let shown = watch.wait { _, err in err.contains("a hook fails on made-up data") }
    #expect(shown != nil, "\(watch.stderr)")
    #expect(
      watch.stderr.contains("check: error running plugin 'trust' (plugins/trust.lua), hook 'index', team 'made-up team: nobody answered voice'"))
    #expect(watch.stderr.contains("plugins/trust.lua:3: attempt to perform arithmetic on a nil value (field 'pomp')"))
  }
}
