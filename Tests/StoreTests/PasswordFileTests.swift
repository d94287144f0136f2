import Foundation
import Testing

@testable import Store
@testable import StorePostgres

@Suite struct PasswordFileTests {
  let address = try! PostgresAddress("postgres://form@db.internal:6543/cultivar", environment: [:])

  func passwordFile(_ text: String, mode: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  @Test func theFirstMatchingLineGivesThePassword() throws {
    let path = try passwordFile(
      """
      # comment
      other:6543:cultivar:form:wrong
      db.internal:6543:cultivar:analyst:wrong
      db.internal:*:cultivar:form:p\\:a\\\\ss
      *:*:*:*:later
      """, mode: 0o600)
    #expect(PostgresPassword.find(for: address, environment: ["PGPASSFILE": path]) == "p:a\\ss")
    #expect(PostgresPassword.find(for: address, environment: ["PGPASSFILE": path, "PGPASSWORD": "env"]) == "env", "PGPASSWORD comes first")
  }

  @Test func aFileOthersCanReadIsIgnoredWithAWarning() throws {
    let path = try passwordFile("*:*:*:*:secret\n", mode: 0o644)
    var warnings: [String] = []
    #expect(PostgresPassword.find(for: address, environment: ["PGPASSFILE": path], warn: { warnings.append($0) }) == nil)
    #expect(warnings.count == 1 && warnings[0].contains("chmod 600"))
    #expect(!warnings[0].contains("secret"))
  }

  @Test func noFileNoPassword() {
    #expect(PostgresPassword.find(for: address, environment: ["PGPASSFILE": "/nonexistent/pgpass"]) == nil)
  }
}
