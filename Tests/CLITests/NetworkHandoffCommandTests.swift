import Foundation
import Testing

/// `cultivar` runs every command but those needing the network parts, which it hands to
/// `cultivar-net` beside it: `serve`, and any PostgreSQL address on the command line or in
/// `$CULTIVAR_STORE`. Without `cultivar-net`, only a command that reaches a network part fails.
@Suite struct NetworkHandoffCommandTests {
  /// A folder holding a copy of `cultivar` alone (no `cultivar-net` beside it).
  final class Alone {
    let folder: URL
    let binary: URL

    init() throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-alone-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      binary = folder.appendingPathComponent("cultivar")
      try FileManager.default.copyItem(at: Cultivar.binary, to: binary)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Cultivar.Result {
      try Cultivar.run(arguments, in: Cultivar.root, environment: environment, executable: binary)
    }
  }

  static let survey = "surveys/learning-culture.yaml"
  /// A PostgreSQL address where nothing listens (connections to port 1 are refused).
  static let nowhere = "postgres://nobody@127.0.0.1:1/db"

  @Test func everyOtherCommandRunsWithoutCultivarNet() throws {
    let alone = try Alone()
    let scored = try alone.run(["score", Self.survey, "--responses", "surveys/sample-responses.csv", "--format", "csv"])
    #expect(scored.status == 0, "\(scored.stderr)")
    #expect(scored.stdout.hasPrefix("framework,"))
    let help = try alone.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("serve"))
    #expect(help.stdout.contains("69 cultivar-net not found"))
    let serveHelp = try alone.run(["serve", "--help"])
    #expect(serveHelp.status == 0, "\(serveHelp.stderr)")
    #expect(serveHelp.stdout.contains("OVERVIEW: Serve the survey's web form"))
    // A PostgreSQL store in the environment does not stop a run that never opens a store.
    let csv = try alone.run(["score", Self.survey, "--responses", "surveys/sample-responses.csv"], environment: ["CULTIVAR_STORE": Self.nowhere])
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(csv.stderr.contains("233 rows read"))
  }

  @Test(arguments: [
    (["serve", survey, "--wave", "w"], [String: String](), "serving the web form"),
    (["serve", survey, "--wave", "w", "--port", "99999"], [:], "serving the web form"),
    (["score", survey, "--wave", "w", "--store", nowhere], [:], "a PostgreSQL store"),
    (["score", survey, "--wave", "w", "--store=postgresql://nobody@127.0.0.1:1/db"], [:], "a PostgreSQL store"),
    (["score", survey, "--wave", "w", "--store=POSTGRES://nobody@127.0.0.1:1/db"], [:], "a PostgreSQL store"),
    (["trend", survey, "--waves", "a,b"], ["CULTIVAR_STORE": nowhere], "a PostgreSQL store"),
    (["store", "copy", nowhere, "copy.sqlite"], [:], "a PostgreSQL store"),
  ])
  func serveAndPostgresCommandLinesNeedCultivarNet(_ arguments: [String], _ environment: [String: String], _ purpose: String) throws {
    let alone = try Alone()
    let result = try alone.run(arguments, environment: environment)
    #expect(result.status == 69, "\(arguments): \(result.stderr)")
    let missing = "\(alone.folder.path)/cultivar-net (No such file or directory)"
    #expect(result.stderr.contains("error: \(purpose) runs in cultivar-net, which cannot be started from \(missing)"), "\(result.stderr)")
    #expect(result.stderr.contains("hint: build it beside cultivar"))
    #expect(result.stdout.isEmpty)
  }

  @Test func cultivarNetBesideRunsThem() throws {
    let help = try Cultivar.run(["serve", "--help"], in: Cultivar.root)
    #expect(help.status == 0)
    #expect(help.stdout.contains("OVERVIEW: Serve the survey's web form"))
    // The PostgreSQL client answers: the address is reached (and refused), not left unread.
    let refused = try Cultivar.run(["score", Self.survey, "--wave", "w", "--store", Self.nowhere], in: Cultivar.root)
    #expect(refused.status == 74, "\(refused.stderr)")
    #expect(refused.stderr.contains("cannot reach PostgreSQL at 127.0.0.1:1"), "\(refused.stderr)")
  }
}
