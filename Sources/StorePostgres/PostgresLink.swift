import Foundation
import Logging
import PostgresNIO
import Store

/// How Cultivar reaches one PostgreSQL database: direct connections (for the commands, and
/// for reading a wave through a cursor) and a pool (for the web form), with the server's
/// errors turned into ``StoreError``s.
final class PostgresLink: Sendable {
  let address: PostgresAddress
  let password: String?
  /// How messages name the store.
  let name: String
  static let logger = Logger(label: "cultivar-store", factory: { _ in SwiftLogNoOpLogHandler() })

  init(address: PostgresAddress, name: String, warn: (String) -> Void) {
    self.address = address
    self.name = name
    password = PostgresPassword.find(for: address, warn: warn)
  }

  /// TLS as the address asks for it.
  /// - Throws: ``StoreError`` when the file of trusted roots cannot be read.
  private func tlsConfiguration() throws -> TLSConfiguration? {
    var tls = TLSConfiguration.makeClientConfiguration()
    switch address.tls {
    case .disable: return nil
    case .prefer, .require: tls.certificateVerification = .none
    case .verifyCA: tls.certificateVerification = .noHostnameVerification
    case .verifyFull: tls.certificateVerification = .fullVerification
    }
    if let root = address.rootCertificate, address.tls == .verifyCA || address.tls == .verifyFull {
      guard FileManager.default.isReadableFile(atPath: root) else {
        throw StoreError(
          kind: .cannotOpen, store: name, message: "the certificate file '\(root)' (sslrootcert) cannot be read",
          hint: "give the file of the CA that signed the server's certificate (PEM), with sslrootcert=FILE in the address or PGSSLROOTCERT")
      }
      tls.trustRoots = .file(root)
    }
    return tls
  }

  /// The name the server's certificate is checked against (and sent as SNI) for
  /// `verify-full`; nil for an IP address, whose certificate is checked against the address
  /// connected to (an IP address cannot be sent as SNI).
  private var serverName: String? {
    guard address.tls == .verifyFull else { return nil }
    return isAddress(address.host) ? nil : address.host
  }

  /// Whether `host` is an IPv4 or IPv6 address rather than a name.
  private func isAddress(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host.trimmingCharacters(in: ["[", "]"]), &v6) == 1
  }

  /// Whether the address asks for TLS whatever the server offers.
  private var requiresTLS: Bool { address.tls != .disable && address.tls != .prefer }

  /// Every connection exchanges text in UTF-8, whatever the database's encoding (the client
  /// encoding defaults to it): postgres-nio reads and writes strings as UTF-8, and the wave
  /// reader matches item ids in the bytes the server sends (``PackedPages``).
  static let startupParameters = [("client_encoding", "UTF8")]

  /// A new connection of its own.
  func connect() async throws -> PostgresConnection {
    var configuration = PostgresConnection.Configuration(
      host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: try tlsMode())
    configuration.options.connectTimeout = .seconds(10)
    configuration.options.tlsServerName = serverName
    configuration.options.additionalStartupParameters = Self.startupParameters
    do {
      return try await PostgresConnection.connect(configuration: configuration, id: Int.random(in: 1...Int.max), logger: Self.logger)
    } catch {
      throw storeError(error, kind: .cannotOpen, connecting: true)
    }
  }

  /// A new connection of its own for reading many rows (a cursor's pages): what the server
  /// sends reaches postgres-nio in runs of whole messages (``MessageRuns``), so that holding
  /// rows never makes its decoder copy the buffer they are slices of. The same server,
  /// TLS and name checks as ``connect()``.
  func connectForReading() async throws -> PostgresConnection {
    let tls = try tlsMode()
    let channel: any Channel
    do {
      channel = try await ClientBootstrap(group: PostgresConnection.defaultEventLoopGroup).connectTimeout(.seconds(10))
        .connect(host: address.host, port: address.port).get()
    } catch {
      throw StoreError(
        kind: .cannotOpen, store: name, message: "cannot reach PostgreSQL at \(address.host):\(address.port): \(error)",
        hint: "check that the server runs and accepts connections there (pg_isready -h \(address.host) -p \(address.port))")
    }
    var configuration = PostgresConnection.Configuration(
      establishedChannel: channel, tls: tls, username: address.user, password: password, database: address.database)
    // As connect() does through postgres-nio: the certificate's name for verify-full, else
    // the host name as SNI unless it is an address.
    configuration.options.tlsServerName = serverName ?? (isAddress(address.host) ? nil : address.host)
    configuration.options.additionalStartupParameters = Self.startupParameters
    let connection: PostgresConnection
    do {
      // On the channel's own event loop: postgres-nio sets up the channel's handlers from there.
      connection = try await PostgresConnection.connect(
        on: channel.eventLoop, configuration: configuration, id: Int.random(in: 1...Int.max), logger: Self.logger)
    } catch {
      try? await channel.close()
      throw storeError(error, kind: .cannotOpen, connecting: true)
    }
    do {
      try await channel.eventLoop.submit {
        let pipeline = channel.pipeline.syncOperations
        var position = ChannelPipeline.SynchronousOperations.Position.first
        if let tlsHandler = try? pipeline.handler(type: NIOSSLClientHandler.self) { position = .after(tlsHandler) }
        try pipeline.addHandler(MessageRunsHandler(), position: position)
      }.get()
    } catch {
      try? await connection.close()
      throw storeError(error, kind: .cannotOpen, connecting: true)
    }
    return connection
  }

  /// TLS for a connection, as the address asks for it.
  private func tlsMode() throws -> PostgresConnection.Configuration.TLS {
    let settings = try tlsConfiguration()
    do {
      switch (address.tls, settings) {
      case (.prefer, let configuration?): return .prefer(try NIOSSLContext(configuration: configuration))
      case (_, let configuration?): return .require(try NIOSSLContext(configuration: configuration))
      default: return .disable
      }
    } catch {
      throw StoreError(
        kind: .cannotOpen, store: name, message: "cannot set up TLS: \(error)",
        hint: "check the system's certificates, or use sslmode=disable on a trusted network")
    }
  }

  /// A pool of connections (at most `size`) for the web form; run it with `run()` in a task.
  func makePool(size: Int) throws -> PostgresClient {
    let tls: PostgresClient.Configuration.TLS
    switch (address.tls, try tlsConfiguration()) {
    case (.prefer, let configuration?): tls = .prefer(configuration)
    case (_, let configuration?): tls = .require(configuration)
    default: tls = .disable
    }
    var configuration = PostgresClient.Configuration(
      host: address.host, port: address.port, username: address.user, password: password, database: address.database, tls: tls)
    configuration.options.maximumConnections = size
    configuration.options.connectTimeout = .seconds(10)
    configuration.options.tlsServerName = serverName
    configuration.options.additionalStartupParameters = Self.startupParameters
    return PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
  }

  /// `error` as a ``StoreError``: the server's message and SQLSTATE, and a hint for the
  /// usual causes (no server, wrong password, no database, no permission).
  func storeError(_ error: any Error, kind: StoreError.Kind, connecting: Bool = false) -> any Error {
    if error is StoreError { return error }
    guard let error = error as? PSQLError else {
      // Errors of the caller's own (an import's reader) pass through; the network's are named.
      guard error is ChannelError || error is IOError || error is NIOSSLError else { return error }
      return StoreError(
        kind: kind, store: name, message: "PostgreSQL: \(error)", hint: kind == .writeFailed ? "nothing of this write was stored; try again" : nil)
    }
    if let info = error.serverInfo, let message = info[.message] {
      let state = info[.sqlState] ?? ""
      var failure = StoreError(kind: kind, store: name, message: "PostgreSQL: \(message) (SQLSTATE \(state))")
      switch state {
      case "28P01", "28000":
        failure.kind = .cannotOpen
        failure.hint = "check the user in the address, and the password in PGPASSWORD or ~/.pgpass (never in the address)"
      case "3D000":
        failure.kind = .cannotOpen
        failure.hint = "create the database first: createdb -O \(address.user) \(address.database) (docs/store.md: creating the database)"
      case "42501":
        failure.hint = "the role '\(address.user)' may not do this; docs/store.md lists what each role needs"
      case "40001", "40P01", "55P03", "57014":
        failure.isBusy = true
        failure.hint = "another cultivar process held the rows; try again"
      default:
        if kind == .writeFailed { failure.hint = "nothing of this write was stored" }
      }
      return failure
    }
    if error.code == .sslUnsupported {
      return StoreError(
        kind: .cannotOpen, store: name,
        message: "the server at \(address.host):\(address.port) does not offer TLS, which sslmode=\(address.tls.rawValue) requires",
        hint: "turn on ssl in the server's postgresql.conf (ssl = on, with its certificate and key), or use sslmode=prefer on a trusted network")
    }
    if let tlsFailure = error.underlying as? NIOSSLError ?? (error.underlying as? BoringSSLError).map({ NIOSSLError.handshakeFailed($0) }) {
      return StoreError(
        kind: .cannotOpen, store: name,
        message: "the TLS handshake with \(address.host):\(address.port) failed (sslmode=\(address.tls.rawValue)): \(tlsFailure)",
        hint: requiresTLS && address.tls != .require
          ? "the server's certificate must be signed by a CA you trust: give its certificate with sslrootcert=FILE in the address (or PGSSLROOTCERT), and for verify-full connect by the name (or address) the certificate is for"
          : "check the server's TLS set-up (ssl_cert_file, ssl_key_file)")
    }
    if error.code == .clientClosedConnection && !connecting {
      // A query sent on a connection that was closed meanwhile: by the server (an operator's
      // pg_terminate_backend, a restart) or the network, while it waited for its turn.
      var failure = StoreError(
        kind: kind, store: name,
        message: "the connection to PostgreSQL at \(address.host):\(address.port) was closed while in use (by the server or the network)",
        hint: kind == .writeFailed ? "nothing of this write was stored; try again" : "try again; the server's log says why it ended the connection")
      failure.isBusy = true
      return failure
    }
    if connecting || error.code == .connectionError || error.code == .serverClosedConnection || error.code == .uncleanShutdown {
      let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
      var failure = StoreError(
        kind: connecting ? .cannotOpen : kind, store: name, message: "cannot reach PostgreSQL at \(address.host):\(address.port): \(reason)",
        hint: connecting
          ? "check that the server runs and accepts connections there (pg_isready -h \(address.host) -p \(address.port))"
          : "nothing of this write was stored; try again")
      failure.isBusy = !connecting
      return failure
    }
    return StoreError(
      kind: kind, store: name, message: "PostgreSQL: \(error.code)", hint: kind == .writeFailed ? "nothing of this write was stored; try again" : nil)
  }
}

extension PostgresConnection {
  /// Runs `query` and returns all its rows.
  func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
    try await self.query(query, logger: PostgresLink.logger).collect()
  }

  /// Runs statements that return nothing.
  func run(_ query: PostgresQuery) async throws {
    try await self.query(query, logger: PostgresLink.logger)
  }

  /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
  func transaction<T>(_ body: () async throws -> T) async throws -> T {
    try await run("BEGIN")
    do {
      let result = try await body()
      try await run("COMMIT")
      return result
    } catch {
      try? await run("ROLLBACK")
      throw error
    }
  }
}
