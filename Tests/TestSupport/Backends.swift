import Foundation

/// The store backends the store tests (Tests/StoreTests) and the store-touching CLI tests run
/// against. PostgreSQL needs a server: `make test-store-pg` (scripts/pg-test-cluster.sh) starts
/// a throw-away cluster and sets `CULTIVAR_TEST_PG_URL`; when it is not set the PostgreSQL cases
/// fail, saying so. `CULTIVAR_TEST_PG_URL=skip` leaves them out.
public enum Backend: String, CaseIterable, Sendable {
  case sqlite, postgres

  /// The backends this run tests.
  public static var underTest: [Backend] {
    ProcessInfo.processInfo.environment["CULTIVAR_TEST_PG_URL"] == "skip" ? [.sqlite] : [.sqlite, .postgres]
  }
}

/// A PostgreSQL case run without a test server.
public struct NoTestServer: Error, CustomStringConvertible {
  public init() {}

  public var description: String {
    "CULTIVAR_TEST_PG_URL is not set: the PostgreSQL cases need a server; run them with 'make test-store-pg' (scripts/pg-test-cluster.sh starts a throw-away cluster), or set CULTIVAR_TEST_PG_URL=skip to leave them out"
  }
}

/// A new empty database of the test cluster, as a store address (`psql` creates it).
/// - Parameter encoding: the database's encoding (nil: the cluster's default, UTF-8).
public func temporaryDatabase(encoding: String? = nil) throws -> String {
  guard let base = ProcessInfo.processInfo.environment["CULTIVAR_TEST_PG_URL"], base != "skip" else { throw NoTestServer() }
  let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
  let psql = Process()
  psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
  let options = encoding.map { " ENCODING '\($0)' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" } ?? ""
  psql.arguments = [base, "-q", "-c", "CREATE DATABASE \(name)\(options)"]
  try psql.run()
  psql.waitUntilExit()
  guard psql.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
  return String(base[..<base.lastIndex(of: "/")!]) + "/" + name
}
