import Foundation
import TestSupport
import Testing

/// TLS to a PostgreSQL store, against the test cluster (`ssl = on`, a certificate for
/// 127.0.0.1 and localhost signed by a throw-away CA: scripts/pg-test-cluster.sh) and against
/// a server that offers no TLS.
@Suite struct StoreTLSCommandTests {
  /// The test cluster's CA certificate (`CULTIVAR_TEST_PG_CA`).
  static var authority: String? { ProcessInfo.processInfo.environment["CULTIVAR_TEST_PG_CA"] }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func requireAndVerifyFullWithTheCAWork() throws {
    let authority = try #require(Self.authority, "CULTIVAR_TEST_PG_CA is not set: run with 'make test-store-pg'")
    let box = try Sandbox()
    let database = try temporaryDatabase()
    let reference = try box.run("score", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv", "--format", "csv")
    for (n, query) in ["sslmode=require", "sslmode=verify-full&sslrootcert=\(authority)", "sslmode=verify-ca&sslrootcert=\(authority)"].enumerated() {
      let store = database + "?" + query
      let imported = try box.run("import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w\(n)", "--store", store)
      #expect(imported.status == 0, "\(query): \(imported.stderr)")
      let scored = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w\(n)", "--store", store, "--format", "csv")
      #expect(scored.status == 0, "\(query): \(scored.stderr)")
      #expect(ImportCommandTests.sameCSV(scored.stdout, reference.stdout))
    }
    // The CA from the environment, as libpq reads it; and by the other name in the certificate.
    let localhost = database.replacingOccurrences(of: "@127.0.0.1:", with: "@localhost:") + "?sslmode=verify-full"
    let named = try box.run(
      "score", "surveys/learning-culture.yaml", "--wave", "w0", "--store", localhost, "--format", "csv", environment: ["PGSSLROOTCERT": authority])
    #expect(named.status == 0, "\(named.stderr)")
  }

  @Test(.enabled(if: Backend.underTest.contains(.postgres))) func anUntrustedCertificateIsRefusedSayingWhatToGive() throws {
    let box = try Sandbox()
    let database = try temporaryDatabase()
    // The system's roots do not hold the test CA.
    let refused = try box.run(
      "import", "surveys/learning-culture.yaml", "surveys/sample-responses.csv", "--wave", "w", "--store", database + "?sslmode=verify-full")
    #expect(refused.status == 74)
    #expect(refused.stderr.contains("error: the TLS handshake with 127.0.0.1:"), "\(refused.stderr)")
    #expect(refused.stderr.contains("hint: the server's certificate must be signed by a CA you trust: give its certificate with sslrootcert=FILE"))
    let missing = try box.run(
      "score", "surveys/learning-culture.yaml", "--wave", "w", "--store", database + "?sslmode=verify-full&sslrootcert=nowhere/ca.crt")
    #expect(missing.status == 74)
    #expect(missing.stderr.contains("error: the certificate file 'nowhere/ca.crt' (sslrootcert) cannot be read"), "\(missing.stderr)")
  }

  @Test(arguments: ["require", "verify-full"]) func aServerWithoutTLSIsNamedWhenTLSIsRequired(mode: String) throws {
    let server = try NoTLSServer()
    let box = try Sandbox()
    let result = try box.run(
      "score", "surveys/learning-culture.yaml", "--wave", "w", "--store", "postgres://ana@127.0.0.1:\(server.port)/x?sslmode=\(mode)")
    #expect(result.status == 74)
    #expect(
      result.stderr.contains("error: the server at 127.0.0.1:\(server.port) does not offer TLS, which sslmode=\(mode) requires"), "\(result.stderr)")
    #expect(result.stderr.contains("hint: turn on ssl in the server's postgresql.conf"))
    #expect(server.requests > 0, "the client asked for TLS")
  }

  @Test func unknownAddressParametersAreNamed() throws {
    let box = try Sandbox()
    let result = try box.run("score", "surveys/learning-culture.yaml", "--wave", "w", "--store", "postgres://ana@127.0.0.1:1/x?sslcert=a.pem")
    #expect(result.status == 74)
    #expect(result.stderr.contains("the store address has an unknown parameter 'sslcert'"))
    #expect(result.stderr.contains("hint: only sslmode (disable, prefer, require, verify-ca, verify-full) and sslrootcert=FILE are understood"))
  }
}

/// A TCP server on loopback that answers PostgreSQL's TLS request with 'N' (no TLS), as a
/// server without `ssl = on` does, and counts the requests.
final class NoTLSServer: @unchecked Sendable {
  let port: Int
  private let socket: Int32
  private let lock = NSLock()
  private var count = 0
  var requests: Int { lock.withLock { count } }

  init() throws {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.socket = socket
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(socket, 8) == 0 else { throw CocoaError(.fileWriteUnknown) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  deinit { close(socket) }

  private func serve() {
    while true {
      let client = accept(socket, nil, nil)
      guard client >= 0 else { return }
      var request = [UInt8](repeating: 0, count: 8)
      // SSLRequest: length 8, code 80877103.
      if recv(client, &request, 8, Int32(MSG_WAITALL)) == 8, request[4...] == [0x04, 0xD2, 0x16, 0x2F] {
        lock.withLock { count += 1 }
        _ = Foundation.send(client, "N", 1, Int32(MSG_NOSIGNAL))
        _ = recv(client, &request, 8, 0)
      }
      close(client)
    }
  }
}
