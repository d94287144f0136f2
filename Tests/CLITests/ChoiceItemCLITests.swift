import Foundation
import Testing

/// A plugin with a rating item and two choice items on 0–1 (c1: 'a' is the learning reaction;
/// c2: 'b' is, with a middle option 'm').
let reactionsPlugin = """
  return {
    api = 1, id = 'reactions', name = 'Reactions', version = '1.0.0',
    description = 'test framework', source = 'test',
    scale = { min = 0, max = 1 },
    dimensions = { { id = 'learning', name = 'Learning' } },
    items = {
      { id = 'c1', text = 'A project fails.', dimension = 'learning',
        options = { { id = 'a', label = 'Ask what we learned', score = 1 }, { id = 'b', label = 'Find who is to blame', score = 0 } } },
      { id = 'c2', text = 'A course ends.', dimension = 'learning',
        options = { { id = 'a', label = 'Back to work', score = 0 }, { id = 'm', label = 'A short chat', score = 0.5 }, { id = 'b', label = 'Debrief and apply', score = 1 } } },
      { id = 'r1', text = 'A rating on 0-1.', dimension = 'learning' },
    },
  }
  """

@Suite(.serialized) struct ChoiceItemCLITests {
  func project(_ rows: [String]) -> Scratch {
    let scratch = Scratch()
    scratch.write("plugins/reactions.lua", reactionsPlugin)
    scratch.write("surveys/r.yaml", "id: r\ntitle: Reactions\nframeworks: [reactions]\nmin_group_size: 3\n")
    scratch.write("responses.csv", (["respondent_id,team,c1,c2,r1"] + rows).joined(separator: "\n") + "\n")
    return scratch
  }

  @Test func choicesAnsweredByIdOrLabelAreScored() throws {
    // Scores: x1 (1, 1, 1) → 1; x2 (0, 0.5, 0) → 1/6; x3 (1, 0, –) → 1/2. Mean 5/9 = 0.56,
    // POMP 55.6. Answers 8: favourable 1, 1, 1, 1 (50%), unfavourable 0, 0, 0 (37.5%).
    let scratch = project(["x1,T,a,Debrief and apply,1", "x2,T, FIND WHO IS TO BLAME ,M,0", "x3,T,A,a,"])
    let result = try CLI.run(["score", "surveys/r.yaml", "--responses", "responses.csv", "--format", "csv"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("reactions,T,") && $0.contains("learning") })
    #expect(line.contains(",3,0.5555555555555556,0.4194352464039306,55.55555555555556,50,12.5,37.5"), "\(line)")
    let table = try CLI.run(["score", "surveys/r.yaml", "--responses", "responses.csv"], in: scratch.path).stdout
    #expect(
      table.contains(
        "Favourability: favourable = answers of 1 after reverse-keying, as a share of answered item responses; for choice items, favourable = an option with the item's highest score and unfavourable = one with its lowest."
      ))
    #expect(table.contains("a choice item counts as the score of the option chosen"))
  }

  @Test func aCellThatIsNoOptionIsARowErrorNamingRowColumnValueAndOptions() throws {
    let scratch = project(["x1,T,a,b,1", "x2,T,maybe,b,1", "x3,T,b,1,0", "x4,T,a,b,1", "x5,T,b,a,0"])
    let result = try CLI.run(["score", "surveys/r.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        #"responses.csv:3: error: column 3 'c1': 'maybe' is not an option of choice item 'c1'; give an option's id or label (any case): a ("Ask what we learned"), b ("Find who is to blame"), or an empty cell for no answer"#
      ), "\(result.stderr)")
    #expect(
      result.stderr.contains(
        #"responses.csv:4: error: column 4 'c2': '1' is not an option of choice item 'c2' (a choice is answered by an option, not a number)"#))
    #expect(result.stdout.isEmpty)
    let skipped = try CLI.run(
      ["score", "surveys/r.yaml", "--responses", "responses.csv", "--skip-invalid", "--out", "report.csv", "--format", "csv"], in: scratch.path)
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stderr.contains("5 rows read, 3 used, 2 rejected (written to report.rejects.csv)"))
    let rejects = scratch.read("report.rejects.csv") ?? ""
    #expect(rejects.contains("\n3,c1,maybe,\"'maybe' is not an option of choice item 'c1';"), "\(rejects)")
  }

  @Test func scenarioSurveyMatchesAShareCountedFromTheFile() throws {
    // The learning-culture reaction of each scenario, as the plugin's options say.
    let learning = [
      "sc_dev1": "b", "sc_dev2": "a", "sc_dev3": "b", "sc_dev4": "a",
      "sc_inno1": "b", "sc_inno2": "a", "sc_inno3": "b", "sc_inno4": "a",
      "sc_fb1": "a", "sc_fb2": "b", "sc_fb3": "a", "sc_fb4": "b",
    ]
    let csv = try String(contentsOfFile: CLI.root.path + "/surveys/samples/gill-learning-culture-scenarios.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    var shares: [Double] = []  // Finance's respondents' share on the 'develop skills' scenarios
    var answers = 0
    var learningAnswers = 0
    for row in lines.dropFirst() where row[1] == "Finance" {
      let picks = header.indices.filter { header[$0].hasPrefix("sc_dev") && !row[$0].isEmpty }.map { row[$0] == learning[header[$0]] ? 1.0 : 0.0 }
      if !picks.isEmpty { shares.append(picks.reduce(0, +) / Double(picks.count)) }
      answers += picks.count
      learningAnswers += Int(picks.reduce(0, +))
    }
    let json = try CLI.run([
      "score", "surveys/gill-learning-culture-scenarios.yaml", "--responses", "surveys/samples/gill-learning-culture-scenarios.csv", "--format",
      "json",
    ]).stdout
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let framework = try #require((root["frameworks"] as? [[String: Any]])?.first)
    let finance = try #require((framework["teams"] as? [[String: Any]])?.first { $0["team"] as? String == "Finance" })
    let develop = try #require((finance["dimensions"] as? [[String: Any]])?.first { $0["id"] as? String == "develop_skills" })
    let mean = shares.reduce(0, +) / Double(shares.count)
    #expect(develop["n"] as? Int == shares.count)
    #expect(abs((develop["mean"] as? Double ?? -1) - mean) < 1e-12)
    #expect(abs((develop["pomp"] as? Double ?? -1) - mean * 100) < 1e-9)
    #expect(abs((develop["favorable_pct"] as? Double ?? -1) - Double(learningAnswers) / Double(answers) * 100) < 1e-9)
    let table = try CLI.run([
      "score", "surveys/gill-learning-culture-scenarios.yaml", "--responses", "surveys/samples/gill-learning-culture-scenarios.csv",
    ]).stdout
    #expect(table.contains("Finance            27   34.9  Espoused, not practised"))
    #expect(table.contains("- Finance, Espoused: we value creativity and innovation (37/100): Make failing safe"))
  }

  @Test func parallelReadingDecodesChoicesTheSameWay() throws {
    // Small chunks, so that every worker parses some; the same chunks give the same sums.
    let args = [
      "score", "surveys/gill-learning-culture-scenarios.yaml", "--responses", "surveys/samples/gill-learning-culture-scenarios.csv", "--format",
      "json", "--chunk-bytes", "1024",
    ]
    let single = try CLI.run(args + ["--jobs", "1"])
    let parallel = try CLI.run(args + ["--jobs", "3"])
    #expect(single.status == 0 && parallel.status == 0)
    #expect(single.stdout == parallel.stdout)
  }

  @Test func pluginsListShowsEachSource() throws {
    let out = try CLI.run(["plugins", "list"]).stdout
    #expect(out.contains("gill-learning-culture-scenarios  Do you have a learning culture? (scenarios)"))
    #expect(out.contains("\n  source: Edmondson, A. C. (1999). Psychological safety and learning behavior in work teams. Administrative…\n"))
    #expect(out.contains("\n  source: Senge, P. M. (1990). The Fifth Discipline: The Art and Practice of the Learning Organization. New…\n"))
    let sources = out.split(separator: "\n").filter { $0.hasPrefix("  source: ") }
    #expect(sources.count == 15)
    #expect(sources.allSatisfy { $0.count <= 10 + 100 })
  }
}
