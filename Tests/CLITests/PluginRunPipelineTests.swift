import Foundation
import Testing

/// Issue 11, item 2: `plugins run` reads its rows through the scoring pipeline like `score`
/// and `plugins test`, so the three give the same teams for the same rows of a CSV file.
@Suite struct PluginRunPipelineTests {
  /// A plugin whose `score` hook replaces `trust` with the higher of its two answers (and
  /// keeps the declarative score when one is missing), and whose `index` hook is trust's POMP.
  static let plugin = trustPlugin.replacingOccurrences(
    of: "api = 1,",
    with: """
      api = 1,
        score = function(r)
          local k = r.keyed
          if k.q1 and k.q2 then return { trust = math.max(k.q1, k.q2) } end
          return nil
        end,
        index = function(t) local trust = t.dimensions.trust; return trust and trust.pomp end,
        index_rule = 'the POMP of trust',
      """)

  /// Rows of five teams (6 to 13 respondents each) in shuffled order, with missing answers.
  static func responses(seed: UInt64) -> String {
    var state = seed
    func next(_ n: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % n
    }
    var lines = ["respondent_id,team,q1,q2,q3"]
    var rows: [String] = []
    for (t, team) in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"].enumerated() {
      for r in 0..<(6 + Int(next(8))) {
        let answers = (0..<3).map { _ in next(10) == 0 ? "" : String(1 + next(5)) }
        rows.append("\(team.lowercased())\(t)-\(r),\(team)," + answers.joined(separator: ","))
      }
    }
    for i in rows.indices.reversed() { rows.swapAt(i, Int(next(UInt64(i + 1)))) }
    lines += rows
    return lines.joined(separator: "\n") + "\n"
  }

  /// What `plugins run` shows of each team: n, and per dimension n and mean, and the index.
  static func runTeams(_ text: String) -> [String: (n: Int, index: Double?, dimensions: [String: (n: Int, mean: Double?)])] {
    var teams: [String: (n: Int, index: Double?, dimensions: [String: (n: Int, mean: Double?)])] = [:]
    var current: String?
    for line in text.split(separator: "\n").map(String.init) {
      if line.hasPrefix("team '"), let close = line.range(of: "' (n = ") {
        let name = String(line[line.index(line.startIndex, offsetBy: 6)..<close.lowerBound])
        teams[name] = (Int(line[close.upperBound...].dropLast())!, nil, [:])
        current = name
      } else if let team = current, line.hasPrefix("  trust ") || line.hasPrefix("  voice ") {
        let parts = line.trimmingCharacters(in: .whitespaces).components(separatedBy: ", ")
        let id = String(parts[0].prefix(5))
        let n = Int(parts[0].split(separator: " ").last!)!
        teams[team]!.dimensions[id] = (n, Double(parts[1].dropFirst(5)))
      } else if let team = current, line.hasPrefix("  index: ") {
        teams[team]!.index = Double(line.dropFirst(9).split(separator: " ")[0])
      }
    }
    return teams
  }

  @Test(arguments: [1 as UInt64, 2, 3])
  func scorePluginsTestAndPluginsRunAgree(seed: UInt64) throws {
    let scratch = Scratch()
    scratch.write("plugins/trust/trust.lua", Self.plugin)
    scratch.write("surveys/t.yaml", trustSurvey.replacingOccurrences(of: "min_group_size: 5", with: "min_group_size: 3"))
    let csv = Self.responses(seed: seed)
    scratch.write("r.csv", csv)
    let score = try CLI.run(["score", "surveys/t.yaml", "--responses", "r.csv", "--format", "json"], in: scratch.path)
    #expect(score.status == 0, "\(score.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
    let framework = try #require((json["frameworks"] as? [[String: Any]])?.first)
    let scored = try #require(framework["teams"] as? [[String: Any]])
    #expect(scored.count == 5)

    // plugins test: a fixture of the same rows expecting exactly what score printed.
    var expected: [String: Any] = [:]
    for team in scored {
      var dimensions: [String: Any] = [:]
      for d in team["dimensions"] as! [[String: Any]] {
        dimensions[d["id"] as! String] = ["n": d["n"]!, "mean": d["mean"]!, "sd": d["sd"]!, "pomp": d["pomp"]!]
      }
      expected[team["team"] as! String] = ["n": team["n"]!, "index": team["index"]!, "dimensions": dimensions]
    }
    let fixture = try JSONSerialization.data(withJSONObject: ["min_group_size": 3, "tolerance": 1e-12, "teams": expected])
    scratch.write("plugins/trust/tests/same.csv", csv)
    scratch.write("plugins/trust/tests/same.expected.json", String(decoding: fixture, as: UTF8.self))
    let test = try CLI.run(["plugins", "test", "trust"], in: scratch.path)
    #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
    #expect(test.stdout.contains("✓ trust: plugins/trust/tests/same.csv (5 teams"), "\(test.stdout)")

    // plugins run on every row: the same teams, to the 3 decimals it shows.
    let run = try CLI.run(["plugins", "run", "plugins/trust/trust.lua", "--responses", "r.csv", "--rows", "0"], in: scratch.path)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("Every hook call succeeded."), "\(run.stdout)")
    let shown = Self.runTeams(run.stdout)
    for team in scored {
      let name = team["team"] as! String
      let traced = try #require(shown[name], "plugins run shows no team '\(name)':\n\(run.stdout)")
      #expect(traced.n == team["n"] as? Int)
      let index = try #require(team["index"] as? Double, "score withheld team '\(name)'")
      #expect(abs((traced.index ?? .nan) - index) < 0.0005 + 1e-9, "\(name)")
      for d in team["dimensions"] as! [[String: Any]] {
        let id = d["id"] as! String
        #expect(traced.dimensions[id]?.n == d["n"] as? Int, "\(name) \(id)")
        let mean = try #require(d["mean"] as? Double, "score withheld \(name) \(id)")
        #expect(abs((traced.dimensions[id]?.mean ?? .nan) - mean) < 0.0005 + 1e-9, "\(name) \(id)")
      }
    }
    // Every respondent is traced once, in file order.
    let respondents = run.stdout.split(separator: "\n").filter { $0.hasPrefix("respondent '") }
    #expect(respondents.count == csv.split(separator: "\n").count - 1)
    let lines = respondents.compactMap { Int($0.split(separator: ":").last!.dropLast()) }
    #expect(lines == lines.sorted() && lines.first == 2)
  }
}
