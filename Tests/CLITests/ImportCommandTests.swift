import Foundation
import GRDB
import TestSupport
import Testing

@Suite struct ImportCommandTests {
  static let exports: [(file: String, extra: [String])] = [
    ("qualtrics.csv", []), ("qualtrics-legacy.csv", []), ("surveymonkey.csv", []), ("ms-forms.xlsx", []),
    ("ms-forms-ja.xlsx", []), ("google-forms.csv", ["--team-column", "Which team are you in?"]),
  ]

  @Test func everyToolsExportOfTheSameAnswersGivesTheSameScores() throws {
    let box = try Sandbox()
    var scores: [String: String] = [:]
    for (file, extra) in Self.exports {
      let store = "\(file).sqlite"
      let imported = try Cultivar.run(
        ["import", "surveys/learning-culture.yaml", Sandbox.fixture(file), "--wave", "2026-q3", "--store", store] + extra, in: box.url)
      #expect(imported.status == 0, "\(file): \(imported.stderr)")
      #expect(imported.stdout.contains("40 rows read, 40 imported, 0 rejected, 0 duplicates skipped"), "\(file): \(imported.stdout)")
      let scored = try box.run("score", "surveys/learning-culture.yaml", "--wave", "2026-q3", "--store", store, "--format", "csv")
      #expect(scored.status == 0, "\(file): \(scored.stderr)")
      scores[file] = scored.stdout
    }
    let reference = try #require(scores["qualtrics.csv"])
    #expect(reference.contains("senge-five-disciplines,Engineering,12,"))
    for (file, text) in scores { #expect(Self.sameCSV(text, reference), "\(file) scores differently from qualtrics.csv") }
  }

  @Test func detectsEachFormat() throws {
    let box = try Sandbox()
    for (file, expected) in [
      ("qualtrics.csv", "qualtrics"), ("surveymonkey.csv", "surveymonkey"), ("ms-forms.xlsx", "ms-forms"), ("google-forms.csv", "google-forms"),
    ] {
      let result = try box.run(
        "import", "surveys/learning-culture.yaml", Sandbox.fixture(file), "--wave", "w", "--store", "\(file).sqlite", "--team-column",
        file.hasPrefix("google") ? "Which team are you in?" : "team")
      #expect(result.stdout.contains("(\(expected)) into wave 'w'"), "\(file): \(result.stdout)\(result.stderr)")
    }
  }

  @Test(arguments: Backend.underTest) func importingTheSameFileTwiceAddsNothing(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    let first = try box.run("import", "surveys/learning-culture.yaml", Sandbox.fixture("surveymonkey.csv"), "--wave", "w")
    #expect(first.status == 0)
    let second = try box.run("import", "surveys/learning-culture.yaml", Sandbox.fixture("surveymonkey.csv"), "--wave", "w")
    #expect(second.status == 0)
    #expect(second.stdout.contains("40 rows read, 0 imported, 0 rejected, 40 duplicates skipped"))
    #expect(second.stdout.contains("now holds 40 responses (\(box.storeName))"))
  }

  @Test func anInvalidAnswerStopsTheWholeImportAndNamesRowAndColumn() throws {
    let box = try Sandbox()
    var text = try String(contentsOfFile: Cultivar.root.appendingPathComponent("surveys/sample-responses.csv").path, encoding: .utf8)
    text = text.replacingOccurrences(of: "r0070,Engineering,2026-10-10,4,", with: "r0070,Engineering,2026-10-10,Maybe,")
    try box.write("responses.csv", text)
    let result = try box.run("import", "surveys/learning-culture.yaml", "responses.csv", "--wave", "w")
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "responses.csv:4: error: column 4 'sv1': 'Maybe' is not a number; item 'sv1' takes a value from 1–5 or one of its labels"))
    #expect(result.stderr.contains("nothing was imported"))
    let score = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w")
    #expect(score.status == 66, "the failed import must not leave a wave behind: \(score.stderr)")
  }

  @Test func skipInvalidImportsTheGoodRowsAndWritesRejects() throws {
    let box = try Sandbox()
    var text = try String(contentsOfFile: Cultivar.root.appendingPathComponent("surveys/sample-responses.csv").path, encoding: .utf8)
    text = text.replacingOccurrences(of: "r0070,Engineering,2026-10-10,4,", with: "r0070,,2026-10-10,9,")
    try box.write("responses.csv", text)
    let result = try box.run("import", "surveys/learning-culture.yaml", "responses.csv", "--wave", "w", "--skip-invalid")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("233 rows read, 232 imported, 1 rejected, 0 duplicates skipped"))
    #expect(result.stdout.contains("rejected rows, with reasons: responses.rejects.csv"))
    let rejects = try String(contentsOfFile: box.path("responses.rejects.csv"), encoding: .utf8)
    #expect(rejects.contains("9 is outside the scale 1–5 of item 'sv1'; the team is missing"))
  }

  @Test func storeComesFromTheEnvironmentWhenNoOptionIsGiven() throws {
    let box = try Sandbox()
    let result = try box.run(
      "import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w",
      environment: ["CULTIVAR_STORE": box.path("elsewhere.sqlite")])
    #expect(result.status == 0)
    #expect(FileManager.default.fileExists(atPath: box.path("elsewhere.sqlite")))
    #expect(!FileManager.default.fileExists(atPath: box.path("cultivar.sqlite")))
  }

  @Test func badArgumentsAndFilesGiveClearErrors() throws {
    let box = try Sandbox()
    let format = try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w", "--format", "qualtrix")
    #expect(format.status == 64)
    #expect(format.stderr.contains("unknown format 'qualtrix' (did you mean 'qualtrics'?)"))
    let wave = try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "a,b")
    #expect(wave.status == 64)
    let missing = try box.run("import", "surveys/learning-culture.yaml", "nope.csv", "--wave", "w")
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("nope.csv: error: cannot read the export file"))
    // A directory or a device is refused at once: before, a folder named like a workbook made
    // the zip reader spin, one named like a CSV file stopped the process, and /dev/zero never ended.
    for (name, reason) in [("folder.xlsx", "it is a directory"), ("folder.csv", "it is a directory"), ("/dev/zero", "it is a device, not a file")] {
      if !name.hasPrefix("/") { try FileManager.default.createDirectory(at: box.url.appendingPathComponent(name), withIntermediateDirectories: true) }
      let refused = try box.run("import", "surveys/learning-culture.yaml", name, "--wave", "w")
      #expect(refused.status == 66, "\(name): \(refused.stderr)")
      #expect(refused.stderr.contains("\(name): error: cannot read the export file (\(reason))"), "\(refused.stderr)")
    }
    var utf16 = Data([0xFF, 0xFE])
    utf16.append("team,sv1\n".data(using: .utf16LittleEndian)!)
    try utf16.write(to: box.url.appendingPathComponent("utf16.csv"))
    let encoded = try box.run("import", "surveys/learning-culture.yaml", "utf16.csv", "--wave", "w")
    #expect(encoded.status == 65)
    #expect(encoded.stderr.contains("utf16.csv: error: the file is UTF-16 text"))
    try box.write("fake.xlsx", "not a zip")
    let fake = try box.run("import", "surveys/learning-culture.yaml", "fake.xlsx", "--wave", "w")
    #expect(fake.status == 65)
    #expect(fake.stderr.contains("fake.xlsx: error: the file is not an Excel workbook (.xlsx)"))
  }

  @Test(arguments: Backend.underTest) func scoreNamesMissingStoresAndWaves(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    let noStore = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w")
    #expect(noStore.status == 66)
    #expect(
      noStore.stderr.contains(
        backend == .sqlite ? "cultivar.sqlite: error: there is no store here" : "\(box.storeName): error: this database holds no Cultivar store yet"),
      "\(noStore.stderr)")
    try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "2026-q1")
    let noWave = try box.run("score", "surveys/learning-culture.yaml", "--wave", "2026-q2")
    #expect(noWave.status == 66)
    #expect(noWave.stderr.contains("no wave '2026-q2' of survey 'learning-culture'\n  hint: waves of survey 'learning-culture': 2026-q1"))
    let both = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--responses", "x.csv")
    #expect(both.status == 64)
  }

  @Test(arguments: Backend.underTest) func scoringAWaveMatchesScoringTheFile(_ backend: Backend) throws {
    let box = try Sandbox(backend: backend)
    try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w")
    let fromStore = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--format", "csv")
    let fromFile = try box.run("score", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--format", "csv")
    #expect(fromStore.status == 0)
    #expect(Self.sameCSV(fromStore.stdout, fromFile.stdout))
    #expect(fromStore.stderr.contains("\(box.storeName) wave 'w': 233 rows read, 233 used, 0 rejected"))
  }

  @Test(arguments: ["gill-learning-culture-scenarios", "pulse", "team-psychological-safety", "manager-learning-practices"])
  func everyBundledSampleScoresAndComparesTheSameFromTheStore(survey: String) throws {
    let box = try Sandbox()
    let imported = try box.run("import", "surveys/\(survey).yaml", "surveys/samples/\(survey).csv", "--wave", "w")
    #expect(imported.status == 0, "\(imported.stderr)")
    for command in ["score", "compare"] {
      let fromStore = try box.run(command, "surveys/\(survey).yaml", "--wave", "w", "--format", "csv")
      let fromFile = try box.run(command, "surveys/\(survey).yaml", "--responses", "surveys/samples/\(survey).csv", "--format", "csv")
      #expect(fromStore.status == 0, "\(command): \(fromStore.stderr)")
      #expect(!fromStore.stdout.isEmpty && Self.sameCSV(fromStore.stdout, fromFile.stdout), "\(command) \(survey)")
    }
  }

  @Test func aDamagedStoreStopsScoringWithExit74() throws {
    let box = try Sandbox()
    try box.write("big.csv", KillDuringImportTests.bigFile(rows: 3000))
    #expect(try box.run("import", "surveys/learning-culture.yaml", "big.csv", "--wave", "w").status == 0)
    let path = box.path("cultivar.sqlite")
    try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    // Page headers overwritten, as a bad disk or a torn copy would leave them.
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    let size = try handle.seekToEnd()
    var page: UInt64 = 3
    while page * 4096 < size {
      try handle.seek(toOffset: (page - 1) * 4096)
      handle.write(Data(repeating: 0xEE, count: 12))
      page += 7
    }
    try handle.close()
    for command in [["score", "surveys/learning-culture.yaml", "--wave", "w"], ["compare", "surveys/learning-culture.yaml", "--wave", "w"]] {
      let result = try box.run(command)
      #expect(result.status == 74, "\(command[0]): \(result.stderr)")
      #expect(result.stderr.contains("cultivar.sqlite: error: the store is damaged"), "\(result.stderr)")
    }
  }

  /// Whether two CSV outputs are the same cell by cell, numbers equal to 1e-12 (relative): a
  /// wave is read in the order of its random response ids, not the file's, so sums may
  /// differ in their last bits.
  static func sameCSV(_ a: String, _ b: String) -> Bool {
    let left = a.split(separator: "\n", omittingEmptySubsequences: false)
    let right = b.split(separator: "\n", omittingEmptySubsequences: false)
    guard left.count == right.count else { return false }
    for (x, y) in zip(left, right) where x != y {
      let xs = x.split(separator: ",", omittingEmptySubsequences: false)
      let ys = y.split(separator: ",", omittingEmptySubsequences: false)
      guard xs.count == ys.count else { return false }
      for (p, q) in zip(xs, ys) where p != q {
        guard let u = Double(p), let v = Double(q), abs(u - v) <= 1e-12 * max(1, abs(u), abs(v)) else { return false }
      }
    }
    return true
  }
}
