import Foundation
import Store
import SurveyModel

/// What only `cultivar-net` links: the PostgreSQL client and the web form's HTTP server.
///
/// `cultivar` itself is built without them, so a run that does not serve a form or reach a
/// PostgreSQL store does not load, relocate or scan their code at start-up
/// (docs/performance.md). It runs everything else; given `serve` or a `postgres://` address, it
/// hands the whole command line to `cultivar-net` beside it (``handOffIfNeeded(arguments:environment:)``),
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

  /// The installed parts, or the error saying this build has none (a command reached them
  /// without going through ``handOffIfNeeded(arguments:environment:)``).
  static func required(for purpose: String) throws -> NetworkParts {
    guard let installed else {
      throw UsageError(
        message: "\(purpose) needs \(executableName), which this cultivar did not start",
        hint: "run the same command with \(executableName), built beside cultivar")
    }
    return installed
  }

  /// Whether a command line needs these parts: the `serve` command, or a PostgreSQL address
  /// anywhere in it (`--store URL`, `--store=URL`, `store copy FROM TO`) or in
  /// `$CULTIVAR_STORE` (`storeVariable`). A false alarm costs only the second executable's
  /// start-up: both run the same commands.
  public static func areNeeded(arguments: [String], storeVariable: String?) -> Bool {
    let words = arguments.dropFirst()
    if words.first == "serve" { return true }
    let values = words.map { word in word.hasPrefix("-") ? String(word.drop { $0 != "=" }.dropFirst()) : word }
    return (values + [storeVariable ?? ""]).contains(where: StoreAddress.isPostgres)
  }

  /// Replaces this process with `cultivar-net` and the same arguments when the command line
  /// needs the network parts and this process does not have them; returns otherwise. When
  /// `cultivar-net` is not beside this executable, prints why and exits with status 69.
  public static func handOffIfNeeded(arguments: [String] = CommandLine.arguments) {
    // getenv and /proc/self/exe rather than ProcessInfo and Bundle: this runs on every start,
    // and those build the whole environment and bundle first (a few milliseconds).
    let storeVariable = getenv(StoreLocation.environmentVariable).map { String(cString: $0) }
    guard installed == nil, areNeeded(arguments: arguments, storeVariable: storeVariable) else { return }
    let here = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let beside = here.deletingLastPathComponent().appendingPathComponent(executableName).path
    let argv = [beside] + arguments.dropFirst()
    let cArguments = argv.map { strdup($0) } + [nil]
    execv(beside, cArguments)
    let reason = String(cString: strerror(errno))
    FileHandle.standardError.write(
      Data(
        ("cultivar: error: the web form and PostgreSQL stores run in \(executableName), which cannot be started from \(beside) (\(reason))\n"
          + "  hint: build it beside cultivar (`swift build` builds both; `swift build --product \(executableName)` alone)\n").utf8))
    exit(ExitStatus.unavailable.rawValue)
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
