import Foundation
import TestSupport
import Testing

/// `score --wave` from PostgreSQL reads a wave longer than its first page on as many
/// connections as `--jobs`, each reading slices of the ids in the first one's snapshot
/// (`PackedPages`, `IdSlices`), and prints SQLite's bytes: pages that end within a piece, a
/// wave shorter than the connections' slices, and a connection cut off mid-read stops the run
/// with a clear error, never a hang or a partial table.
/// (In `StoreScoringCommandTests`, so that `make test-store-pg`'s `STORE_SUITES` runs them.)
extension StoreScoringCommandTests {
  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aWaveReadOnSeveralConnectionsScoresTheBytesOfOne() throws {
    // A full first page, then slices of about 7/8 of a page each: pages end within pieces.
    let rows = 3 * 8192 + 1500
    let (box, database) = try bothStores(rows: rows)
    for format in ["csv", "json"] {
      for jobs in ["1", "2", "4"] {
        _ = try expectAlike(box, database, ["--format", format, "--jobs", jobs])
      }
    }
    let result = try score(box, store: database, "--jobs", "3")
    #expect(result.stderr.contains("\(database) wave 'w': \(rows) rows read, \(rows) used, 0 rejected"), "\(result.stderr)")
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aWaveShorterThanItsConnectionsPagesScoresAlike() throws {
    // One full page and 300 rows: one slice, whatever the connections asked for.
    let (box, database) = try bothStores(rows: 8192 + 300)
    for jobs in ["2", "8"] { _ = try expectAlike(box, database, ["--format", "csv", "--jobs", jobs]) }
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func aConnectionCutOffMidReadStopsTheReadWithAClearError() throws {
    let rows = 6 * 8192
    let (box, database) = try bothStores(rows: rows)
    // Read row by row on several connections: without the pages kept ready.
    _ = try StoreQuery.strings(database, "DELETE FROM wave_page")
    // Cuts off every reading connection but the first as soon as it shows, while `score` runs
    // (psql in a loop; the first connection's query is the oldest page query).
    let victims = """
      SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%string_agg%'
        AND backend_start > (SELECT min(backend_start) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%string_agg%')
      """
    let reference = try score(box, store: "a.sqlite", "--jobs", "2")
    // Which of the clear errors comes depends on when the cut lands (mid-page, between pages,
    // or while connecting). A connection cut off after its last page came costs the read nothing (the run scores
    // the whole wave, correctly): up to six tries to cut one off while its page is due.
    var failures = 0
    for _ in 0..<6 where failures == 0 {
      let killer = Process()
      killer.executableURL = URL(fileURLWithPath: "/bin/bash")
      killer.arguments = ["-c", "while true; do psql \"$0\" -XAtq -c \"$1\"; sleep 0.01; done", database, victims]
      try killer.run()
      let started = Date()
      let result = try score(box, store: database, "--jobs", "2")
      kill(killer.processIdentifier, SIGKILL)  // (a test's children may not see SIGTERM)
      killer.waitUntilExit()
      #expect(Date().timeIntervalSince(started) < 120)
      if result.status == 0 {
        #expect(result.stdout == reference.stdout.replacingOccurrences(of: "a.sqlite wave 'w'", with: "STORE"))
        continue
      }
      failures += 1
      #expect(result.stdout.isEmpty, "\(result.stdout)")
      #expect(
        result.stderr.contains("terminating connection due to administrator command") || result.stderr.contains("was closed before its page came")
          || result.stderr.contains("was closed while in use (by the server or the network)")
          || result.stderr.contains("cannot reach PostgreSQL"), "\(result.stderr)")
    }
    #expect(failures == 1, "no try cut off a connection while its page was due")
  }
}
