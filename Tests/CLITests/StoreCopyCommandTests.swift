import Foundation
import TestSupport
import Testing

@Suite struct StoreCopyCommandTests {
  /// A sandbox with the sample imported into wave 'w' of a SQLite store, plus two terminal-style
  /// waves, so copies carry imports of several waves.
  func sandboxWithWaves() throws -> Sandbox {
    let box = try Sandbox()
    #expect(try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w", "--store", "a.sqlite").status == 0)
    #expect(
      try box.run("import", "surveys/learning-culture.yaml", Sandbox.fixture("surveymonkey.csv"), "--wave", "v", "--store", "a.sqlite").status == 0)
    return box
  }

  /// SQLite → PostgreSQL → SQLite: `score --wave` prints the same bytes from all three, in
  /// every format, because the rows keep their ids and so their order.
  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func scoresAreByteIdenticalAfterACopyBothWays() throws {
    let box = try sandboxWithWaves()
    let database = try temporaryDatabase()
    let there = try box.run("store", "copy", "a.sqlite", database)
    #expect(there.status == 0, "\(there.stderr)")
    #expect(there.stdout.contains("copied wave 'w' of survey 'learning-culture': 233 responses from a.sqlite to \(database)"))
    #expect(there.stdout.contains("copied wave 'v' of survey 'learning-culture': 40 responses"))
    #expect(there.stderr.contains("\(database): set up the store's tables (schema versions 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)"))
    let back = try box.run("store", "copy", database, "b.sqlite", "--survey", "learning-culture", "--wave", "w")
    #expect(back.status == 0, "\(back.stderr)")
    #expect(back.stdout == "copied wave 'w' of survey 'learning-culture': 233 responses from \(database) to b.sqlite\n")
    // Byte for byte, but for where the input line names the store it read.
    for format in ["table", "csv", "json"] {
      let outputs = try ["a.sqlite", database, "b.sqlite"].map { store in
        var result = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--store", store, "--format", format)
        result.stdout = result.stdout.replacingOccurrences(of: "\(store) wave", with: "STORE wave")
        return result
      }
      #expect(outputs.allSatisfy { $0.status == 0 })
      #expect(outputs[0].stdout == outputs[1].stdout, "\(format): SQLite and PostgreSQL differ")
      #expect(outputs[0].stdout == outputs[2].stdout, "\(format): the copy back differs")
      #expect(outputs[0].stdout.count > 200)
    }
    // compare --wave reads the store the same way.
    let compared = try ["a.sqlite", database].map {
      try box.run("compare", "surveys/learning-culture.yaml", "--wave", "w", "--store", $0, "--format", "csv").stdout
    }
    #expect(compared[0] == compared[1] && !compared[0].isEmpty)
    // A second copy into the same database is refused and changes nothing.
    let again = try box.run("store", "copy", "a.sqlite", database, "--survey", "learning-culture", "--wave", "w")
    #expect(again.status == 74)
    #expect(again.stderr.contains("wave 'w' of survey 'learning-culture' already holds 233 responses here"))
    #expect(again.stderr.contains("hint: nothing was copied"))
  }

  @Test func copyRefusesTheSameStoreAndAWaveWithoutSurvey() throws {
    let box = try sandboxWithWaves()
    let same = try box.run("store", "copy", "a.sqlite", "./a.sqlite")
    #expect(same.status == 64)
    #expect(same.stderr.contains("the source and the target are the same store"))
    let noSurvey = try box.run("store", "copy", "a.sqlite", "b.sqlite", "--wave", "w")
    #expect(noSurvey.status == 64)
    #expect(noSurvey.stderr.contains("--wave needs --survey"))
    let unknown = try box.run("store", "copy", "a.sqlite", "b.sqlite", "--survey", "nope")
    #expect(unknown.status == 66)
    #expect(unknown.stderr.contains("no survey 'nope'") && unknown.stderr.contains("learning-culture"))
    #expect(!FileManager.default.fileExists(atPath: box.path("b.sqlite")))
  }

  @Test func aPasswordInTheAddressIsRefusedAndNeverShown() throws {
    let box = try Sandbox()
    let result = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--store", "postgres://ana:hunter2@127.0.0.1:1/x")
    #expect(result.status == 74)
    #expect(result.stderr.contains("the store address contains a password"))
    #expect(result.stderr.contains("hint: remove it from the address and give it in the PGPASSWORD environment variable or in ~/.pgpass"))
    #expect(!result.stderr.contains("hunter2"))
  }

  @Test func anUnreachableServerIsNamedWithoutWaiting() throws {
    let box = try Sandbox()
    let started = Date()
    // Port 1 on loopback: nothing listens there.
    let result = try box.run(
      "import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w", "--store", "postgres://ana@127.0.0.1:1/x")
    #expect(result.status == 74)
    #expect(result.stderr.contains("postgres://ana@127.0.0.1:1/x: error: cannot reach PostgreSQL at 127.0.0.1:1"), "\(result.stderr)")
    #expect(result.stderr.contains("hint: check that the server runs"))
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func backupOfADatabaseSaysToUsePgDump() throws {
    let box = try Sandbox(backend: .postgres)
    let result = try box.run("store", "backup", "copy.sqlite")
    #expect(result.status == 64)
    #expect(result.stderr.contains("is a PostgreSQL database") && result.stderr.contains("pg_dump -Fc"))
  }
}
