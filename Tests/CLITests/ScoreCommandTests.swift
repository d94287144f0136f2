import Foundation
import Testing

/// Responses: team A (6 people), B (5 people), Tiny (3 people with distinctive answers).
func responses(tinyAnswers: String = "1,2,5") -> String {
  var lines = ["respondent_id,team,q1,q2,q3"]
  for i in 0..<6 { lines.append("a\(i),A,\(4 + i % 2),4,\(1 + i % 3)") }
  for i in 0..<5 { lines.append("b\(i),B,\(2 + i % 3),3,\(2 + i % 2)") }
  for i in 0..<3 { lines.append("t\(i),Tiny,\(tinyAnswers)") }
  return lines.joined(separator: "\n") + "\n"
}

func project(survey: String = trustSurvey, csv: String = responses(), plugin: String = trustPlugin) -> Scratch {
  let scratch = Scratch()
  scratch.write("plugins/trust.lua", plugin)
  scratch.write("surveys/t.yaml", survey)
  scratch.write("responses.csv", csv)
  return scratch
}

@Suite(.serialized) struct ScoreCommandTests {
  @Test func sampleRunPrintsTeamIndices() throws {
    let result = try CLI.run(["score", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("== Senge's five disciplines"))
    #expect(result.stdout.contains("(all teams)"))
    #expect(result.stdout.contains("Index rule: index = mean over dimensions of POMP"))
    #expect(result.stderr.contains("surveys/sample-responses.csv: 233 rows read, 233 used, 0 rejected"))
  }

  @Test func newPluginIsUsedWithoutABuild() throws {
    let scratch = project()
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("== Trust (trust 1.0.0), scale 1–5 =="))
    // Edit the plugin: the next run uses the new version.
    scratch.write("plugins/trust.lua", trustPlugin.replacingOccurrences(of: "version = '1.0.0'", with: "version = '1.1.0'"))
    let again = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(again.stdout.contains("(trust 1.1.0)"))
  }

  @Test func pluginsFolderFromTheCommandLineAndEnvironment() throws {
    let scratch = project()
    try FileManager.default.moveItem(atPath: scratch.path + "/plugins", toPath: scratch.path + "/elsewhere")
    let missing = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(missing.status == 78)
    #expect(missing.stderr.contains("surveys/t.yaml:3: error: no plugin with id 'trust'"))
    let flag = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--plugins", "elsewhere"], in: scratch.path)
    #expect(flag.status == 0)
    let env = try CLI.run(
      ["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path,
      environment: ["CULTIVAR_PLUGIN_PATH": scratch.path + "/elsewhere"])
    #expect(env.status == 0)
  }

  /// Tiny's scores, as they would be shown without the threshold, must appear in no format.
  @Test func suppressedTeamLeavesNoTraceInAnyFormat() throws {
    let open = project(
      survey: trustSurvey.replacingOccurrences(of: "min_group_size: 5", with: "min_group_size: 3"), csv: responses(tinyAnswers: "1,2,4"))
    let revealed = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", "json"], in: open.path)
    let json = try JSONSerialization.jsonObject(with: Data(revealed.stdout.utf8)) as! [String: Any]
    let teams = ((json["frameworks"] as! [[String: Any]])[0]["teams"] as! [[String: Any]])
    let tiny = teams.first { $0["team"] as? String == "Tiny" }!
    let dims = tiny["dimensions"] as! [[String: Any]]
    let secrets = [String(describing: tiny["index"]!)] + dims.map { String(describing: $0["mean"]!) }
    #expect(secrets.contains("1.5"))  // Tiny's trust mean: (1 + 2) / 2

    let closed = project(csv: responses(tinyAnswers: "1,2,4"))
    for format in ["table", "csv", "json"] {
      let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", format], in: closed.path)
      #expect(result.status == 0)
      // The privacy audit names Tiny and says how many more respondents would show it.
      let tinyLines = result.stdout.split(separator: "\n").filter {
        $0.contains("Tiny") && !$0.contains("would be shown") && !$0.contains("would_show")
      }
      #expect(!tinyLines.isEmpty)
      for line in tinyLines {
        for secret in secrets + ["1.50", "37.5", "12.5"] {
          #expect(!line.contains(secret), "\(format) leaks \(secret): \(line)")
        }
      }
      #expect(result.stdout.contains("B") && (result.stdout.contains("complementary") || result.stdout.contains("protects a smaller team")))
    }
  }

  @Test func badRowsFailWithFileRowColumnAndValueAndWriteNothing() throws {
    let csv = responses().replacingOccurrences(of: "a1,A,5,4,2", with: "a1,A,7,4,x")
    let scratch = project(csv: csv)
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--out", "report.txt"], in: scratch.path)
    #expect(result.status == 65)
    #expect(result.stderr.contains("responses.csv:3: error: column 3 'q1': 7 is outside the scale 1–5 of item 'q1'"))
    #expect(result.stderr.contains("responses.csv:3: error: column 5 'q3': 'x' is not a number"))
    #expect(result.stderr.contains("--skip-invalid"))
    #expect(!scratch.exists("report.txt"))
  }

  @Test func skipInvalidWritesRejectsAndCountsEveryRow() throws {
    let csv = responses().replacingOccurrences(of: "a1,A,5,4,2", with: "a1,,5,4,2")
    let scratch = project(csv: csv)
    let result = try CLI.run(
      ["score", "surveys/t.yaml", "--responses", "responses.csv", "--skip-invalid", "--out", "report.csv", "--format", "csv"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("14 rows read, 13 used, 1 rejected (written to report.rejects.csv)"))
    let rejects = scratch.read("report.rejects.csv") ?? ""
    #expect(rejects.hasPrefix("line,column,value,reason,respondent_id,team,q1,q2,q3\n3,team,,the team is missing,a1,,5,4,2"))
    #expect(scratch.read("report.csv")?.hasPrefix("framework,team") == true)
  }

  @Test func hookFailureNamesPluginHookRespondentAndRow() throws {
    let broken = trustPlugin.replacingOccurrences(
      of: "  items = {", with: "  score = function(r) return { trust = r.answers.q1 * r.answers.missing } end,\n  items = {")
    let scratch = project(plugin: broken)
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 70)
    #expect(result.stderr.contains("error running plugin 'trust' (plugins/trust.lua), hook 'score', respondent 'a0' of team 'A' (responses.csv:2):"))
    #expect(result.stderr.contains("plugins/trust.lua:6: respondent.answers has no field 'missing' (the items are: q1, q2, q3)"))
    #expect(result.stdout.isEmpty)
  }

  @Test func endlessPluginIsStoppedAndTheProcessEndsCleanly() throws {
    let looping = trustPlugin.replacingOccurrences(of: "  items = {", with: "  index = function(team) while true do end end,\n  items = {")
    let scratch = project(plugin: looping)
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--lua-timeout", "0.2"], in: scratch.path)
    #expect(result.status == 70)
    #expect(result.stderr.contains("hook 'index', team 'A'"))
    #expect(result.stderr.contains("time limit exceeded"))
  }

  @Test(arguments: [
    (["score", "surveys/nope.yaml", "--responses", "responses.csv"], Int32(66), "surveys/nope.yaml: error: cannot read the survey file"),
    (["score", "surveys/t.yaml", "--responses", "nope.csv"], Int32(66), "nope.csv: error: cannot read the response file"),
    (["score", "surveys/t.yaml", "--responses", "surveys"], Int32(66), "surveys: error: cannot read the response file (it is a directory)"),
    (
      ["score", "surveys/t.yaml", "--responses", "/dev/zero"], Int32(66),
      "/dev/zero: error: cannot read the response file (it is a device, not a file)"
    ),
    (["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", "xml"], Int32(64), "unknown format 'xml'"),
    (["score", "surveys/t.yaml"], Int32(64), "give either --responses FILE or --wave W"),
  ])
  func inputErrors(_ arguments: [String], _ status: Int32, _ message: String) throws {
    let result = try CLI.run(arguments, in: project().path)
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test func brokenSurveyNamesItsLine() throws {
    let scratch = project(survey: "id: t\ntitle: T\nframeworks: [trsut]\nmin_group_sise: 5\n")
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 78)
    #expect(result.stderr.contains("surveys/t.yaml:4: error: unknown key 'min_group_sise' in the survey (did you mean 'min_group_size'?)"))
  }

  @Test func unknownPluginSuggestsTheClosestId() throws {
    let scratch = project(survey: "id: t\ntitle: T\nframeworks: [trsut]\n")
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv"], in: scratch.path)
    #expect(result.status == 78)
    #expect(result.stderr.contains("surveys/t.yaml:3: error: no plugin with id 'trsut' (did you mean 'trust'?)"))
  }

  @Test func jsonOutputFileIsWrittenWhole() throws {
    let scratch = project()
    let result = try CLI.run(
      ["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", "json", "--out", "out/score.json"], in: scratch.path)
    #expect(result.status == 73)  // the folder does not exist
    #expect(!scratch.exists("out/score.json"))
    try FileManager.default.createDirectory(atPath: scratch.path + "/out", withIntermediateDirectories: true)
    let ok = try CLI.run(
      ["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", "json", "--out", "out/score.json"], in: scratch.path)
    #expect(ok.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data((scratch.read("out/score.json") ?? "").utf8)) as? [String: Any]
    #expect(json?["schema"] as? String == "cultivar.score/1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/out") == ["score.json"])
  }
}

@Suite struct ParallelScoringTests {
  /// A larger file with quoted fields, CRLF lines and a bad row, scored in tiny chunks.
  func bigProject() -> Scratch {
    var lines = ["respondent_id,team,q1,q2,q3"]
    for i in 0..<4000 {
      let team = i % 9 == 0 ? "\"Team, \(i % 40)\"" : "Team \(i % 40)"
      lines.append("r\(i),\(team),\(1 + (i * 7) % 5),\(i % 17 == 0 ? "" : String(1 + (i * 3) % 5)),\(1 + (i / 3) % 5)\(i % 5 == 0 ? "\r" : "")")
    }
    lines.insert("bad,Team 1,6,1,1", at: 2500)
    return project(csv: lines.joined(separator: "\n") + "\n")
  }

  /// Chunks are merged in file order, so the number of threads cannot change a single bit.
  /// (The chunk size can: it changes the order of floating-point additions.)
  @Test func sameBytesWhateverTheNumberOfThreads() throws {
    let scratch = bigProject()
    var outputs: [String] = []
    for arguments in [
      ["--jobs", "1", "--chunk-bytes", "2048"], ["--jobs", "2", "--chunk-bytes", "2048"], ["--jobs", "4", "--chunk-bytes", "2048"],
      ["--jobs", "3", "--chunk-bytes", "2048"],
    ] {
      let result = try CLI.run(
        ["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", "json", "--skip-invalid"] + arguments, in: scratch.path)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stderr.contains("4001 rows read, 4000 used, 1 rejected"))
      outputs.append(result.stdout)
    }
    #expect(Set(outputs).count == 1)
    let rejects = scratch.read("responses.rejects.csv") ?? ""
    #expect(rejects.contains("\n2501,q1,6,6 is outside the scale 1–5 of item 'q1',bad,Team 1,6,1,1"))
  }

  /// A report of many teams is written on several threads (in parts of
  /// `ReportSink.itemsPerPart` teams): the same bytes for any number, CSV and JSON alike.
  @Test func reportsOfManyTeamsAreTheSameBytesWhateverTheNumberOfThreads() throws {
    var lines = ["respondent_id,team,q1,q2,q3"]
    for i in 0..<9_000 {
      let team = i % 1_500
      lines.append("r\(i),Team \(team),\(1 + (i * 7) % 5),\(i % 13 == 0 ? "" : String(1 + (i * 3) % 5)),\(1 + (i / 3 + team) % 5)")
    }
    // Three teams of fewer than five respondents: withheld rows among the shown ones.
    for i in 0..<3 { lines.append("s\(i),Small \(i),1,2,3") }
    let scratch = project(csv: lines.joined(separator: "\n") + "\n")
    for format in ["csv", "json"] {
      var outputs: [String] = []
      for jobs in ["1", "2", "3"] {
        let result = try CLI.run(
          ["score", "surveys/t.yaml", "--responses", "responses.csv", "--format", format, "--jobs", jobs, "--out", "out.\(format)"],
          in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        outputs.append(scratch.read("out.\(format)") ?? "")
      }
      let same = Set(outputs).count == 1
      #expect(same, "\(format)")
      #expect(outputs[0].contains("Team 1499"))
      #expect(outputs[0].contains("Small 2"))
    }
  }

  @Test func hookErrorReportsTheFirstFailingRowInFileOrder() throws {
    let broken = trustPlugin.replacingOccurrences(
      of: "  items = {",
      with: "  score = function(r) if r.id == 'r3100' or r.id == 'r3900' then error('bad respondent ' .. r.id) end end,\n  items = {")
    let scratch = bigProject()
    scratch.write("plugins/trust.lua", broken)
    let result = try CLI.run(
      ["score", "surveys/t.yaml", "--responses", "responses.csv", "--skip-invalid", "--jobs", "3", "--chunk-bytes", "2048"], in: scratch.path)
    #expect(result.status == 70)
    #expect(result.stderr.contains("respondent 'r3100' of team 'Team 20' (responses.csv:3103)"), "\(result.stderr)")
    #expect(result.stderr.contains("plugins/trust.lua:6: bad respondent r3100"))
  }
}

/// Every command that takes `--format` refuses an unknown one the same way: exit 64, the same
/// words; an output file that cannot be written is exit 73 whatever the command.
@Suite struct UniformErrorTests {
  @Test(arguments: [
    ["score", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--format", "xlsx"],
    ["compare", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--format", "xlsx"],
    ["drivers", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--outcome", "index", "--format", "xlsx"],
    [
      "import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w1", "--format", "xlsx-ish", "--store",
      "/tmp/cultivar-never-written.sqlite",
    ],
  ])
  func unknownFormatIsAlwaysUsage(_ arguments: [String]) throws {
    let result = try CLI.run(arguments, in: CLI.root.path)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains("error: unknown format '"), "\(result.stderr)")
    #expect(result.stderr.contains("hint: use one of: "), "\(result.stderr)")
  }

  /// A missing folder, and a full disk (`/dev/full`), each with its reason and hint.
  @Test(
    arguments: ["score", "compare", "drivers"],
    [
      ("/nonexistent-dir/report.txt", ["/nonexistent-dir/report.txt: error: cannot write the file"]),
      ("/dev/full", ["/dev/full: error: cannot write the file: No space left on device", "hint: free some space"]),
    ])
  func unwritableOutputIsCannotCreate(_ command: String, _ target: (out: String, says: [String])) throws {
    var arguments = [command, "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--out", target.out]
    if command == "drivers" { arguments += ["--outcome", "index"] }
    let result = try CLI.run(arguments, in: CLI.root.path)
    #expect(result.status == 73, "\(result.stderr)")
    for words in target.says { #expect(result.stderr.contains(words), "\(result.stderr)") }
  }
}
