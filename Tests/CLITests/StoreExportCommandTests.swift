import Foundation
import TestSupport
import Testing

/// `cultivar store export --wave W FILE`: a wave's responses as a set, from both backends.
@Suite struct StoreExportCommandTests {
  /// The sample imported as wave 'w', exported: 233 rows in random order, no stored id, day or
  /// comment, and the same scores as `score --wave` when read back with `score --responses`.
  @Test(arguments: Backend.underTest) func aWaveIsExportedAsAShuffledSetThatScoresTheSame(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    #expect(try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w").status == 0)
    let first = try box.run("store", "export", "--wave", "w", "one.csv")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(
      first.stdout
        == "exported wave 'w' of survey 'learning-culture' from \(box.storeName) to one.csv: 233 responses in random order, 20 items (no ids, days or comments)\n"
    )
    #expect(try box.run("store", "export", "--wave", "w", "two.csv", "--survey", "learning-culture").status == 0)
    let one = try String(contentsOfFile: box.path("one.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
    let two = try String(contentsOfFile: box.path("two.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
    let items = [
      "mm1", "mm2", "mm3", "mm4", "pm1", "pm2", "pm3", "pm4", "st1", "st2", "st3", "st4", "sv1", "sv2", "sv3", "sv4", "tl1", "tl2", "tl3", "tl4",
    ]
    #expect(one.first == (["respondent_id", "team"] + items).joined(separator: ","))
    #expect(one.count == 234 && two.count == 234)
    // Row numbers count 1, 2, 3...; nothing else identifies a row.
    #expect(one.dropFirst().enumerated().allSatisfy { $1.hasPrefix("\($0 + 1),") })
    let body = { (lines: [String]) in lines.dropFirst().map { $0.drop { $0 != "," } }.sorted() }
    #expect(body(one) == body(two), "the two exports hold the same set")
    #expect(one.dropFirst().map { $0.drop { $0 != "," } } != two.dropFirst().map { $0.drop { $0 != "," } }, "a fresh order each time")
    // No day or respondent id of the sample travels.
    #expect(!one.contains { $0.contains("2026-") } && !one.contains { $0.contains("r0037") })
    // Read back, the export scores as the stored wave (the table: sums in another order may
    // differ in the last bits of full precision).
    let lines = { (text: String) in text.split(separator: "\n").filter { !$0.contains("wave") && !$0.contains("one.csv") } }
    let stored = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w")
    let exported = try box.run("score", "surveys/learning-culture.yaml", "--responses", "one.csv")
    #expect(stored.status == 0 && exported.status == 0, "\(exported.stderr)")
    #expect(lines(stored.stdout) == lines(exported.stdout) && stored.stdout.count > 200)
  }

  /// A wave stored with respondent attributes exports them (a column per attribute, empty =
  /// not given), and the export scores by attribute, banded attribute and crossed cut exactly as
  /// the stored wave does.
  @Test(arguments: Backend.underTest) func attributesTravelWithTheExport(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    try box.write("surveys/attributes.yaml", try String(contentsOfFile: Sandbox.fixture("attributes.yaml"), encoding: .utf8))
    #expect(try box.run("import", "surveys/attributes.yaml", Sandbox.fixture("attributes-truth.csv"), "--wave", "w").status == 0)
    let export = try box.run("store", "export", "--wave", "w", "out.csv")
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout.contains(", attributes location, tenure (no ids, days or comments)"), "\(export.stdout)")
    let header = try String(contentsOfFile: box.path("out.csv"), encoding: .utf8).prefix { $0 != "\n" }
    #expect(header.hasSuffix(",location,tenure"), "\(header)")
    for cut in ["location", "tenure", "unit:1,location", "team"] {
      let stored = try box.run("score", "surveys/attributes.yaml", "--wave", "w", "--by", cut, "--format", "csv")
      let exported = try box.run("score", "surveys/attributes.yaml", "--responses", "out.csv", "--by", cut, "--format", "csv")
      #expect(stored.status == 0 && exported.status == 0, "--by \(cut): \(exported.stderr)")
      // The rows come in another order, so full-precision sums may differ in the last bits.
      #expect(Self.sameNumbers(stored.stdout, exported.stdout) && stored.stdout.count > 100, "--by \(cut)")
    }
  }

  /// Whether two CSV texts have the same cells, numbers equal to 1e-9 (relative).
  static func sameNumbers(_ a: String, _ b: String) -> Bool {
    let rows = { (text: String) in text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) } }
    let (x, y) = (rows(a), rows(b))
    guard x.count == y.count else { return false }
    for (r, s) in zip(x, y) {
      guard r.count == s.count else { return false }
      for (p, q) in zip(r, s) where p != q {
        guard let u = Double(p), let v = Double(q), abs(u - v) <= 1e-9 * max(1, abs(u)) else { return false }
      }
    }
    return true
  }

  @Test func badRequestsAreRefusedAndWriteNothing() throws {
    let box = try Sandbox()
    #expect(try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w").status == 0)
    let noWave = try box.run("store", "export", "--wave", "nope", "out.csv")
    #expect(noWave.status == 66, "\(noWave.stderr)")
    #expect(noWave.stderr.contains("nope") && noWave.stderr.contains("hint:"))
    let noSurvey = try box.run("store", "export", "--wave", "w", "--survey", "other", "out.csv")
    #expect(noSurvey.status == 66)
    #expect(noSurvey.stderr.contains("no survey 'other'") && noSurvey.stderr.contains("hint: surveys in this store: learning-culture"))
    let badName = try box.run("store", "export", "--wave", "a,b", "out.csv")
    #expect(badName.status == 64)
    let noFolder = try box.run("store", "export", "--wave", "w", "missing/out.csv")
    #expect(noFolder.status != 0 && noFolder.stderr.contains("hint:"))
    let noStore = try box.run("store", "export", "--wave", "w", "out.csv", "--store", "absent.sqlite")
    #expect(noStore.status != 0 && noStore.stderr.contains("hint:"))
    #expect(!FileManager.default.fileExists(atPath: box.path("out.csv")))
    #expect(!FileManager.default.fileExists(atPath: box.path("absent.sqlite")))
  }
}
