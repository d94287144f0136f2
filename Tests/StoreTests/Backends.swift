import Foundation
import Store
import StorePostgres
import Testing

/// The store backends every store test runs against. PostgreSQL needs a server: `make test`
/// (scripts/pg-test-cluster.sh) starts one and sets `CULTIVAR_TEST_PG_URL`; when it is not
/// set the PostgreSQL cases fail, saying so. `CULTIVAR_TEST_PG_URL=skip` leaves them out (the
/// make target that sets it runs them against a cluster of its own).
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

/// A new empty store of `backend`, and a way to open it again (another connection, as
/// another process would).
func temporaryStore(_ backend: Backend) throws -> (any ResponseStoring, reopen: () throws -> any ResponseStoring) {
  switch backend {
  case .sqlite:
    let (store, path) = try temporaryStore()
    return (store, { try ResponseStore(path: path, displayName: "test.sqlite") })
  case .postgres:
    let address = try PostgresAddress(try temporaryDatabase())
    return (try PostgresStore(address: address), { try PostgresStore(address: address, create: false) })
  }
}
