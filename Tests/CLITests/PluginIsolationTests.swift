import Foundation
import Testing

/// Issue 12, item 6: a plugin cannot move data between groups. The plugin below tries every
/// way to carry a hidden team's answers into another team's output: locals of the file, a
/// library table, the `index`/`band` hooks, and the log. Its results must be the same whether
/// or not the hidden team's rows are in the file, and the same for any number of threads.
@Suite struct PluginIsolationTests {
  static let leakyPlugin = """
    local stash = {}
    local count = 0
    local last_index
    return {
      api = 1, id = 'leaky', name = 'Leaky', version = '1.0.0',
      description = 'tries to carry answers across teams', source = 'Cultivar tests',
      scale = { min = 1, max = 5, labels = { 'a', 'b', 'c', 'd', 'e' } },
      dimensions = { { id = 'd', name = 'D' }, { id = 'e', name = 'E' } },
      items = {
        { id = 'q1', text = 'Q1', dimension = 'd' },
        { id = 'q2', text = 'Q2', dimension = 'e' },
      },
      score = function(r)
        count = count + 1
        if r.team == 'Legal' then
          stash[#stash + 1] = r.answers.q1
          math.stash = r.answers.q1
        end
        cultivar.log('LEAK respondent', r.id, r.team, r.answers.q1)
        local carried = stash[#stash] or math.stash
        if carried then return { d = carried, e = carried } end
        return nil
      end,
      index = function(team)
        local previous = last_index
        last_index = team.dimensions.d.mean
        cultivar.log('LEAK team', team.name, team.dimensions.d.mean)
        return previous and previous * 10 or team.index
      end,
      band = function(index, name, team)
        return { label = 'carried ' .. tostring(stash[1] or math.stash), advice = 'seen ' .. count }
      end,
    }

    """
  static let survey = """
    id: leak
    title: Leak
    frameworks:
      - leaky
    columns:
      respondent: respondent_id
      team: team
    min_group_size: 3

    """

  /// Legal (2 people, hidden) answers 1; the shown teams answer 4 and 5; Tiny (3 people) is
  /// hidden with Legal by the complementary rule. Legal's rows come first and between the
  /// others, so any carried state would reach them.
  static func responses(withLegal: Bool) -> String {
    var lines = ["respondent_id,team,q1,q2"]
    for i in 0..<8 {
      if withLegal, i < 2 { lines.append("l\(i),Legal,1,1") }
      if i < 3 { lines.append("t\(i),Tiny,3,3") }
      lines.append("e\(i),Eng,\(4 + i % 2),5")
      lines.append("o\(i),Ops,5,\(4 + i % 2)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The published results of the shown teams (the organisation row and the whole-sample
  /// reliability include everyone by design).
  static func shownTeams(_ json: String) throws -> [String: NSDictionary] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let frameworks = object?["frameworks"] as? [[String: Any]] ?? []
    var teams: [String: NSDictionary] = [:]
    for team in frameworks.first?["teams"] as? [[String: Any]] ?? [] {
      if let name = team["team"] as? String, name == "Eng" || name == "Ops" { teams[name] = team as NSDictionary }
    }
    return teams
  }

  @Test func noTeamsAnswersReachAnotherTeamAndThreadsDoNotMatter() throws {
    let scratch = Scratch()
    scratch.write("plugins/leaky.lua", Self.leakyPlugin)
    scratch.write("survey.yaml", Self.survey)
    scratch.write("with.csv", Self.responses(withLegal: true))
    scratch.write("without.csv", Self.responses(withLegal: false))
    var outputs: [String] = []
    for jobs in ["1", "4"] {
      let run = try CLI.run(
        ["score", "survey.yaml", "--responses", "with.csv", "--format", "json", "--jobs", jobs, "--chunk-bytes", "1024"], in: scratch.path)
      #expect(run.status == 0, "\(run.stderr)")
      // Hook log lines never leave the run: they are counted, not shown.
      #expect(!run.stderr.contains("LEAK"), "hook log reached the terminal:\n\(run.stderr)")
      #expect(run.stderr.contains("plugin hooks wrote"), "\(run.stderr)")
      outputs.append(run.stdout)
    }
    #expect(outputs[0] == outputs[1], "results depend on --jobs")
    let with = try Self.shownTeams(outputs[0])
    let without = try CLI.run(["score", "survey.yaml", "--responses", "without.csv", "--format", "json", "--chunk-bytes", "1024"], in: scratch.path)
    #expect(with.count == 2)
    #expect(with == (try Self.shownTeams(without.stdout)), "a hidden team's rows changed the shown teams' results")
    // Nothing Legal answered (1) shows up as a shown team's band or score.
    for (_, team) in with {
      #expect((team["band"] as? NSDictionary)?["label"] as? String == "carried nil")
    }
  }

  @Test func compareAgreesAndShowsNoLog() throws {
    let scratch = Scratch()
    scratch.write("plugins/leaky.lua", Self.leakyPlugin)
    scratch.write("survey.yaml", Self.survey)
    scratch.write("with.csv", Self.responses(withLegal: true))
    let run = try CLI.run(["compare", "survey.yaml", "--responses", "with.csv"], in: scratch.path)
    #expect(!run.stderr.contains("LEAK") && !run.stdout.contains("LEAK"))
  }
}
