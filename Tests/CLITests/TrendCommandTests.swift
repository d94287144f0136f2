import Foundation
import Testing

@Suite struct TrendCommandTests {
  /// The sample responses with one team renamed.
  static func sample(renaming team: String, to name: String) throws -> String {
    let text = try String(contentsOfFile: Cultivar.root.appendingPathComponent("surveys/sample-responses.csv").path, encoding: .utf8)
    return text.replacingOccurrences(of: ",\(team),", with: ",\(name),")
  }

  /// Three waves: Customer Success is called Support in the first, Customer Experience in the
  /// last; the survey maps both names.
  func threeWaves() throws -> Sandbox {
    let box = try Sandbox()
    var survey = try String(contentsOfFile: box.path("surveys/learning-culture.yaml"), encoding: .utf8)
    survey += """
      team_mapping:
        renamed:
          Support: Customer Success
          Customer Success: Customer Experience

      """
    try box.write("surveys/learning-culture.yaml", survey)
    try box.write("q1.csv", try Self.sample(renaming: "Customer Success", to: "Support"))
    try box.write(
      "q3.csv", try Self.sample(renaming: "Customer Success", to: "Customer Experience").replacingOccurrences(of: ",Legal,", with: ",Finance,"))
    for (file, wave) in [("q1.csv", "2026-q1"), ("surveys/sample-responses.csv", "2026-q2"), ("q3.csv", "2026-q3")] {
      let result = try box.run("import", "surveys/learning-culture.yaml", file, "--wave", wave)
      #expect(result.status == 0, "\(result.stderr)")
    }
    return box
  }

  @Test func aRenamedTeamHasOneContinuousLine() throws {
    let box = try threeWaves()
    let result = try box.run("trend", "surveys/learning-culture.yaml", "--waves", "2026-q1,2026-q2,2026-q3")
    #expect(result.status == 0, "\(result.stderr)")
    let out = result.stdout
    #expect(out.contains("- 'Support' counted as 'Customer Success' (renamed) in 2026-q1"))
    #expect(out.contains("- 'Customer Success' counted as 'Customer Experience' (renamed) in 2026-q1, 2026-q2"))
    let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("Customer Experience ") && $0.contains("48") })
    let cells = line.split(separator: " ", omittingEmptySubsequences: true)
    // Team name (2 words), then index, n for q1; index, n, Δ for q2 and q3.
    #expect(cells.count == 10, "\(line)")
    #expect(cells[2] == cells[4] && cells[4] == cells[7], "same answers give the same index in every wave: \(line)")
    #expect(cells[6] == "0.0" && cells[9] == "0.0")
    #expect(!out.contains("\nSupport "), "the old name must not have a line of its own")
    #expect(!out.contains("\nCustomer Success "))
  }

  @Test func anonymityIsAppliedPerWave() throws {
    let box = try threeWaves()
    let result = try box.run("trend", "surveys/learning-culture.yaml", "--waves", "2026-q1,2026-q2,2026-q3", "--format", "csv")
    #expect(result.status == 0, "\(result.stderr)")
    // Legal (3 respondents) is withheld in the waves it answered; in 2026-q3 it answered as Finance.
    #expect(result.stdout.contains("senge-five-disciplines,Legal,2026-q1,3,below_min_group_size,,,\n"))
    #expect(result.stdout.contains("senge-five-disciplines,Legal,2026-q2,3,below_min_group_size,,,\n"))
    #expect(!result.stdout.contains("Legal,2026-q3"))
    #expect(result.stdout.contains("senge-five-disciplines,Finance,2026-q3,30,,index,"))
  }

  @Test func theChangeBetweenWavesIsComputed() throws {
    let box = try Sandbox()
    try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "a")
    // The second wave: every Engineering answer one point higher (capped at 5).
    let text = try String(contentsOfFile: box.path("surveys/sample-responses.csv"), encoding: .utf8)
    let raised =
      text.split(whereSeparator: \.isNewline).map { line -> String in
        guard line.contains(",Engineering,") else { return String(line) }
        var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for i in 3..<cells.count { if let x = Int(cells[i]) { cells[i] = String(min(5, x + 1)) } }
        return cells.joined(separator: ",")
      }.joined(separator: "\n") + "\n"
    try box.write("b.csv", raised)
    try box.run("import", "surveys/learning-culture.yaml", "b.csv", "--wave", "b")
    let result = try box.run("trend", "surveys/learning-culture.yaml", "--waves", "a,b", "--format", "json")
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let frameworks = try #require(json["frameworks"] as? [[String: Any]])
    let teams = try #require(frameworks.first?["teams"] as? [[String: Any]])
    let engineering = try #require(teams.first { $0["team"] as? String == "Engineering" })
    let points = try #require(engineering["points"] as? [[String: Any]])
    let before = try #require(points[0]["index"] as? Double)
    let after = try #require(points[1]["index"] as? Double)
    let change = try #require(points[1]["index_change"] as? Double)
    #expect(after > before)
    #expect(abs(change - (after - before)) < 1e-9)
    let sales = try #require(teams.first { $0["team"] as? String == "Sales" })
    #expect((sales["points"] as? [[String: Any]])?[1]["index_change"] as? Double == 0)
  }

  @Test func unknownWavesAndRepeatedWavesAreRefused() throws {
    let box = try threeWaves()
    let unknown = try box.run("trend", "surveys/learning-culture.yaml", "--waves", "2026-q1,2026-q4")
    #expect(unknown.status == 66)
    #expect(unknown.stderr.contains("no wave '2026-q4'"))
    let twice = try box.run("trend", "surveys/learning-culture.yaml", "--waves", "2026-q1,2026-q1")
    #expect(twice.status == 64)
  }
}
