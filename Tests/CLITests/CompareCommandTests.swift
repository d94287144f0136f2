import Foundation
import Testing

/// Teams A (12), B (10), Crew (6) and Tiny (3): with min_group_size 5, Tiny is suppressed and
/// Crew is hidden too (complementary), since Tiny alone is below the threshold.
func compareResponses() -> String {
  var lines = ["respondent_id,team,q1,q2,q3"]
  for i in 0..<12 { lines.append("a\(i),A,\(3 + i % 3),\(4 + i % 2),\(1 + i % 3)") }
  for i in 0..<10 { lines.append("b\(i),B,\(2 + i % 3),\(2 + i % 2),\(3 + i % 2)") }
  for i in 0..<6 { lines.append("c\(i),Crew,\([5, 5, 4, 5, 5, 4][i]),\([5, 4, 5, 5, 5, 5][i]),\([1, 2, 1, 1, 2, 1][i])") }
  for answers in ["1,2,5", "2,1,4", "1,1,5"] { lines.append("t\(lines.count),Tiny,\(answers)") }
  return lines.joined(separator: "\n") + "\n"
}

func compareProject(minGroupSize: Int = 5) -> Scratch {
  project(survey: trustSurvey.replacingOccurrences(of: "min_group_size: 5", with: "min_group_size: \(minGroupSize)"), csv: compareResponses())
}

let compareFormats = ["table", "md", "csv", "json", "html"]

@Suite(.serialized) struct CompareCommandTests {
  /// Seven rows with much missing data: some pairwise alphas come out above 1 (the pairwise
  /// covariances do not fit together). They used to trap in Feldt's interval; now compare and
  /// score finish and give no alpha for those dimensions.
  @Test func pairwiseAlphaAboveOneDoesNotTrap() throws {
    let rows = [
      "respondent_id,team,submitted_on,sv1,sv2,sv3,sv4,pm1,pm2,pm3,pm4,mm1,mm2,mm3,mm4,tl1,tl2,tl3,tl4,st1,st2,st3,st4",
      "r0,A,2026-01-01,5,,,4,2,,,,,2,5,5,,2,,3,,,,",
      "r1,B,2026-01-01,2,5,5,,4,1,,3,5,2,,4,4,3,4,5,2,3,4,",
      "r2,A,2026-01-01,1,1,5,1,2,2,,1,5,,,,1,,,1,1,5,,",
      "r3,B,2026-01-01,4,4,2,4,,5,1,5,,2,2,,1,,,,,2,4,2",
      "r4,A,2026-01-01,,1,5,,,2,,,,,,,1,,4,,,3,4,3",
      "r5,B,2026-01-01,,4,3,,,1,5,3,2,,4,3,,4,2,1,,3,,4",
      "r6,A,2026-01-01,,,,3,1,2,,4,,,2,4,,4,,,,,5,",
    ]
    let scratch = Scratch()
    scratch.write("r.csv", rows.joined(separator: "\n") + "\n")
    for command in ["compare", "score"] {
      for format in ["table", "json"] {
        let result = try CLI.run(
          [command, CLI.root.path + "/surveys/learning-culture.yaml", "--responses", "r.csv", "--format", format], in: scratch.path)
        #expect(result.status == 0, "\(command) \(format): \(result.stderr)")
        guard format == "json" else { continue }
        var alphas: [Double] = []
        func walk(_ value: Any) {
          if let object = value as? [String: Any] {
            for (key, inner) in object { if key == "alpha", let a = inner as? Double { alphas.append(a) } else { walk(inner) } }
          } else if let array = value as? [Any] {
            array.forEach(walk)
          }
        }
        walk(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)))
        #expect(alphas.allSatisfy { $0 <= 1 }, "\(command): \(alphas)")
      }
    }
  }

  @Test func sampleComparisonInTheTerminal() throws {
    let result = try CLI.run(["compare", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv"])
    #expect(result.status == 0, "\(result.stderr)")
    for expected in [
      "team comparison", "== Senge's five disciplines", "Baseline: the rest of the organisation", "p (Holm)",
      "Reliability (whole sample):", "Legal (n = 3): scores withheld", "Tests: difference = team mean − baseline mean",
    ] {
      #expect(result.stdout.contains(expected), "missing \(expected)")
    }
  }

  /// A report written to a file is written block by block as it is made (`--out`), the one
  /// on standard output as a whole: in every format the bytes are the same.
  @Test func theFileHasTheBytesOfStandardOutputInEveryFormat() throws {
    let scratch = compareProject()
    for format in compareFormats {
      let printed = try CLI.run(["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", format], in: scratch.path)
      #expect(printed.status == 0, "\(printed.stderr)")
      let written = try CLI.run(
        ["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", format, "--out", "out.\(format)"], in: scratch.path)
      #expect(written.status == 0, "\(written.stderr)")
      let file = try String(contentsOfFile: scratch.path + "/out.\(format)", encoding: .utf8)
      #expect(file == printed.stdout, "\(format)")
    }
  }

  /// Every number Tiny and Crew would show with a lower threshold, read from a run with
  /// min_group_size 3, in full precision.
  func secrets() throws -> [String: [Double]] {
    let open = compareProject(minGroupSize: 3)
    let revealed = try CLI.run(["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", "json"], in: open.path)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(revealed.stdout.utf8)) as? [String: Any])
    let teams = try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    var secrets: [String: [Double]] = [:]
    for team in teams where ["Tiny", "Crew"].contains(team["team"] as? String) {
      var values: [Double] = []
      func collect(_ any: Any?) {
        if let number = any as? NSNumber, !(any is Bool) { values.append(number.doubleValue) }
        if let array = any as? [Any] { array.forEach(collect) }
        if let object = any as? [String: Any] {
          for (key, value) in object where !["n", "baseline_n", "respondents", "complete_respondents", "p_holm", "df"].contains(key) {
            collect(value)
          }
        }
      }
      collect(team["index"])
      collect(team["index_ci"])
      collect(team["dimensions"])
      secrets[team["team"] as! String] = values.filter { $0 != $0.rounded() }
    }
    return secrets
  }

  @Test func suppressedTeamsLeaveNoTraceInAnyFormat() throws {
    let hidden = try secrets()
    #expect(hidden["Tiny"]?.contains(4.0 / 3) == true)  // Tiny's trust mean: (1.5 + 1.5 + 1) / 3
    #expect((hidden["Crew"]?.count ?? 0) > 20)
    let closed = compareProject()
    for format in compareFormats {
      let result = try CLI.run(["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", format], in: closed.path)
      #expect(result.status == 0, "\(format): \(result.stderr)")
      let output = result.stdout
      for (team, values) in hidden {
        #expect(output.contains(team), "\(format) does not name \(team) in its privacy section")
        for value in values {
          #expect(!output.contains(String(value)), "\(format) leaks \(team)'s \(value)")
        }
        if format == "html" {
          for marker in ["<title>\(team),", "<figcaption>\(team) ", "<th scope=\"row\">\(team)</th>", "<title>\(team):"] {
            #expect(!output.contains(marker), "html shows \(team) in \(marker)")
          }
        } else {
          for line in output.split(separator: "\n")
          where line.contains(team) && !line.hasPrefix("- \(team) (n =") && !line.contains("scores withheld") {
            let rounded = values.flatMap { [fixed($0, 2), fixed($0, 1)] }
            for text in rounded where line.contains(text) { Issue.record("\(format) leaks \(team)'s \(text): \(line)") }
          }
        }
      }
      #expect(output.contains("complementary") || output.contains("hidden too"), "\(format) does not explain the complementary suppression")
    }
  }

  /// `--teams` chooses rows; it cannot un-hide a team or shrink the organisation total.
  @Test func teamsFilterOpensNoBackDoor() throws {
    let scratch = compareProject()
    let result = try CLI.run(
      ["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", "json", "--teams", "Crew,Tiny"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let framework = try #require((json["frameworks"] as? [[String: Any]])?.first)
    let teams = try #require(framework["teams"] as? [[String: Any]])
    #expect(teams.map { $0["team"] as? String } == ["Crew", "Tiny"])
    #expect(teams.allSatisfy { $0["suppressed"] as? Bool == true && $0.count == 4 })
    #expect((framework["organisation"] as? [String: Any])?["n"] as? Int == 31)
    let suppressed = ((json["privacy"] as? [String: Any])?["suppressed"] as? [[String: Any]])?.map { $0["team"] as? String }
    #expect(suppressed == ["Crew", "Tiny"])
  }

  @Test(arguments: [
    (["--teams", "A,Tinny"], "error: unknown team 'Tinny' in --teams (did you mean 'Tiny'?)"),
    (["--baseline", "Bb"], "error: unknown team 'Bb' in --baseline (did you mean 'B'?)"),
    (
      ["--baseline", "Crew"],
      "error: team 'Crew' cannot be the baseline: its scores are withheld because it is hidden so that a smaller team cannot be recovered"
    ),
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--deletion", "casewise"], "unknown deletion rule 'casewise': use pairwise or listwise"),
  ])
  func usageErrors(_ extra: [String], _ message: String) throws {
    let scratch = compareProject()
    let result = try CLI.run(["compare", "surveys/t.yaml", "--responses", "responses.csv", "--out", "report.html"] + extra, in: scratch.path)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(!scratch.exists("report.html"))
  }

  @Test func badRowsFailAndWriteNothing() throws {
    let scratch = project(csv: compareResponses().replacingOccurrences(of: "a0,A,3,4,1", with: "a0,A,3,9,1"))
    let result = try CLI.run(
      ["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", "html", "--out", "report.html"], in: scratch.path)
    #expect(result.status == 65)
    #expect(result.stderr.contains("responses.csv:2: error: column 4 'q2': 9 is outside the scale 1–5 of item 'q2'"))
    #expect(!scratch.exists("report.html"))
  }

  @Test func htmlReportIsWrittenWholeAndSelfContained() throws {
    let scratch = compareProject()
    let missing = try CLI.run(
      ["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", "html", "--out", "out/report.html"], in: scratch.path)
    #expect(missing.status == 73)
    try FileManager.default.createDirectory(atPath: scratch.path + "/out", withIntermediateDirectories: true)
    let ok = try CLI.run(
      ["compare", "surveys/t.yaml", "--responses", "responses.csv", "--format", "html", "--out", "out/report.html", "--baseline", "B"],
      in: scratch.path)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.isEmpty)
    let html = try #require(scratch.read("out/report.html"))
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    for element in [
      "<table class=\"heatmap\"", "<svg class=\"ranking\"", "<svg class=\"profile\"", "id=\"privacy\"", "@media print", "team &#39;B&#39;",
    ] {
      #expect(html.contains(element), "missing \(element)")
    }
    for external in ["http://", "https://", "<script", "<link", "src="] where external != "http://" {
      #expect(!html.contains(external), "not self-contained: \(external)")
    }
    #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/out") == ["report.html"])
  }
}

/// The rounding the text reports use.
func fixed(_ value: Double, _ decimals: Int) -> String {
  String(format: "%.\(decimals)f", value)
}
