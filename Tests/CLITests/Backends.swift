import Foundation
import Testing

/// The store backends the store-touching CLI tests run against (as in Tests/StoreTests):
/// PostgreSQL needs `CULTIVAR_TEST_PG_URL` (set by `make test-store-pg`); unset, those cases
/// fail saying so; `skip` leaves them out.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqlite, postgres

  static var underTest: [Backend] {
    ProcessInfo.processInfo.environment["CULTIVAR_TEST_PG_URL"] == "skip" ? [.sqlite] : [.sqlite, .postgres]
  }

  var testDescription: String { rawValue }
}

struct NoTestServer: Error, CustomStringConvertible {
  var description: String {
    "CULTIVAR_TEST_PG_URL is not set: the PostgreSQL cases need a server; run them with 'make test-store-pg' (scripts/pg-test-cluster.sh starts a throw-away cluster), or set CULTIVAR_TEST_PG_URL=skip to leave them out"
  }
}

/// A new empty database of the test cluster, as a store address (`psql` creates it).
func temporaryDatabase() throws -> String {
  guard let base = ProcessInfo.processInfo.environment["CULTIVAR_TEST_PG_URL"], base != "skip" else { throw NoTestServer() }
  let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
  let psql = Process()
  psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
  psql.arguments = [base, "-q", "-c", "CREATE DATABASE \(name)"]
  try psql.run()
  psql.waitUntilExit()
  guard psql.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
  return String(base[..<base.lastIndex(of: "/")!]) + "/" + name
}
