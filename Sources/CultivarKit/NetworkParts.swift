import Foundation
import Store
import SurveyModel

/// What only `cultivar-net` links: the PostgreSQL client and the web form's HTTP server.
///
/// `cultivar` itself is built without them, so a run that does not serve a form or reach a
/// PostgreSQL store does not load, relocate or scan their code at start-up
/// (docs/performance.md). It runs everything else; given `serve` or a `postgres://` address, it
/// hands the whole command line to `cultivar-net` beside it (``handOffIfNeeded(arguments:)``),
/// which is the same commands with these parts installed.
public struct NetworkParts: Sendable {
  /// Opens a PostgreSQL store: the address, whether its tables may be created, the connection
  /// pool's size, and where to say that the database was set up or migrated.
  public var openPostgres: @Sendable (PostgresAddress, _ create: Bool, _ poolSize: Int, _ note: (String) -> Void) throws -> any ResponseStoring
  /// Serves a wave's web form until SIGINT or SIGTERM.
  public var serveForm: @Sendable (FormServing) async throws -> Void

  public init(
    openPostgres: @escaping @Sendable (PostgresAddress, Bool, Int, (String) -> Void) throws -> any ResponseStoring,
    serveForm: @escaping @Sendable (FormServing) async throws -> Void
  ) {
    self.openPostgres = openPostgres
    self.serveForm = serveForm
  }

  /// The parts this process has: set once by `cultivar-net`'s entry point, before any command
  /// runs, and only read afterwards.
  nonisolated(unsafe) public static var installed: NetworkParts?

  /// The name of the executable that has these parts, beside `cultivar`.
  public static let executableName = "cultivar-net"

  /// The installed parts.
  /// - Throws: ``NetworkPartsMissing`` when this process has none: `cultivar-net` could not be
  ///   started (see ``handOffIfNeeded(arguments:)``), or the command line did not show the need.
  static func required(for purpose: String) throws -> NetworkParts {
    if let installed { return installed }
    throw NetworkPartsMissing(purpose: purpose, path: handOffFailure?.path ?? besidePath(), reason: handOffFailure?.reason)
  }

  /// Where `cultivar-net` is looked for: beside this executable.
  static func besidePath() -> String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(executableName).path
  }

  /// Why the hand-over failed, when it did (the path tried and the system's reason).
  nonisolated(unsafe) private static var handOffFailure: (path: String, reason: String)?

  /// Whether a command line needs these parts: the `serve` command, or a PostgreSQL address
  /// anywhere in it (`--store URL`, `--store=URL`, `store copy FROM TO`) or in
  /// `$CULTIVAR_STORE` (`storeVariable`). A false alarm costs only the second executable's
  /// start-up: both run the same commands.
  static func areNeeded(arguments: [String], storeVariable: String?) -> Bool {
    let words = arguments.dropFirst()
    if words.first == "serve" { return true }
    let values = words.map { word in word.hasPrefix("-") ? String(word.drop { $0 != "=" }.dropFirst()) : word }
    return (values + [storeVariable ?? ""]).contains(where: StoreAddress.isPostgres)
  }

  /// Replaces this process with `cultivar-net` and the same arguments when the command line
  /// needs the network parts and this process does not have them; returns otherwise. When
  /// `cultivar-net` cannot be started, it returns too and the command runs here: one that then
  /// reaches a network part stops with ``NetworkPartsMissing`` (exit status 69), and one that
  /// does not (a CSV run with a `postgres://` `$CULTIVAR_STORE` set) runs as before.
  public static func handOffIfNeeded(arguments: [String] = CommandLine.arguments) {
    // getenv and /proc/self/exe rather than ProcessInfo and Bundle: this runs on every start,
    // and those build the whole environment and bundle first (a few milliseconds).
    let storeVariable = getenv(StoreLocation.environmentVariable).map { String(cString: $0) }
    guard installed == nil, areNeeded(arguments: arguments, storeVariable: storeVariable) else { return }
    let beside = besidePath()
    let cArguments = ([beside] + arguments.dropFirst()).map { strdup($0) } + [nil]
    execv(beside, cArguments)
    handOffFailure = (beside, String(cString: strerror(errno)))
  }
}

/// A command needs the web form's server or the PostgreSQL client, which only `cultivar-net`
/// has, and `cultivar-net` could not be started (exit status 69).
public struct NetworkPartsMissing: Diagnostic, Sendable {
  /// What needed it ("serving the web form", "a PostgreSQL store").
  public var purpose: String
  /// Where `cultivar-net` was looked for.
  public var path: String
  /// The system's reason, when starting it was tried.
  public var reason: String?

  public var exitStatus: ExitStatus { .unavailable }
  public var description: String {
    let name = NetworkParts.executableName
    return DiagnosticText.render(
      message: "\(purpose) runs in \(name), which cannot be started from \(path)\(reason.map { " (\($0))" } ?? "")",
      hint: "build it beside cultivar (`swift build` builds both; `swift build --product \(name)` alone) and keep the two together")
  }
}

/// What serving a wave's form needs, prepared and checked by ``ServeJob``.
public struct FormServing: Sendable {
  /// The form in each language the survey is offered in.
  public var survey: FormSurvey
  public var store: any ResponseStoring
  public var wave: WaveRef
  public var limits: ServerLimits
  /// The address browsers' forms must come from, when given (`--public-url`).
  public var publicURL: URL?
  public var host: String
  /// The port, or 0 for any free one.
  public var port: Int
  /// Called with the port once the server listens.
  public var onReady: @Sendable (Int) -> Void
}
