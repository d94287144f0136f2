import Foundation

/// Where a store is: a SQLite file, or a PostgreSQL database named by a
/// `postgres://user@host:port/database?sslmode=...` address (see ``StoreLocation``).
public enum StoreAddress: Sendable, Equatable {
  case file(String)
  case postgres(PostgresAddress)

  /// Reads a `--store` value or `$CULTIVAR_STORE`: an address starting with `postgres://` or
  /// `postgresql://` names a database, anything else a file.
  /// - Throws: ``StoreError`` of kind `.cannotOpen` for a malformed address, or one that holds
  ///   a password (passwords come only from `PGPASSWORD` or the password file).
  public static func parse(_ location: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreAddress {
    guard isPostgres(location) else { return .file(location) }
    return .postgres(try PostgresAddress(location, environment: environment))
  }

  /// Whether `location` names a PostgreSQL database (it starts with `postgres://` or
  /// `postgresql://`, in any case), so that ``parse(_:environment:)`` reads it as one.
  public static func isPostgres(_ location: String) -> Bool {
    let lower = location.prefix(13).lowercased()
    return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
  }

  /// How messages name the store (a database address never shows a password).
  public var display: String {
    switch self {
    case .file(let path): path
    case .postgres(let address): address.display
    }
  }
}

/// A PostgreSQL database as a store address names it.
public struct PostgresAddress: Sendable, Equatable {
  /// How the connection is protected (`sslmode` in the address, as libpq spells it).
  public enum TLSMode: String, Sendable, CaseIterable {
    /// No TLS.
    case disable
    /// TLS when the server offers it (the default).
    case prefer
    /// TLS always; the server's certificate is not checked (as libpq's `require`).
    case require
    /// TLS always, with the server's certificate checked against the trusted roots (``PostgresAddress/rootCertificate``,
    /// else the system's), but not its host name.
    case verifyCA = "verify-ca"
    /// TLS always, with the server's certificate checked against the trusted roots and the host name.
    case verifyFull = "verify-full"
  }

  public var user: String
  public var host: String
  public var port: Int
  public var database: String
  public var tls: TLSMode
  /// The file of the certificate authorities trusted for `verify-ca` and `verify-full`
  /// (`sslrootcert=FILE` in the address, or `$PGSSLROOTCERT`; nil: the system's roots).
  public var rootCertificate: String?

  /// Parses `postgres://user@host:port/database?sslmode=MODE&sslrootcert=FILE`.
  /// - Throws: ``StoreError`` (kind `.cannotOpen`) saying what is wrong and how to write it.
  public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    let shown = Self.withoutPassword(text)
    func bad(_ message: String, _ hint: String = "write it as postgres://USER@HOST:PORT/DATABASE (add ?sslmode=require for TLS)") -> StoreError {
      StoreError(kind: .cannotOpen, store: shown, message: message, hint: hint)
    }
    guard let parts = URLComponents(string: text) else { throw bad("the store address is not a valid URL") }
    if parts.password != nil {
      throw bad(
        "the store address contains a password, which would show in the process list and the shell's history",
        "remove it from the address and give it in the PGPASSWORD environment variable or in ~/.pgpass (mode 0600)")
    }
    guard let host = parts.host, !host.isEmpty else { throw bad("the store address names no host") }
    let database = String(parts.path.drop(while: { $0 == "/" }))
    guard !database.isEmpty, !database.contains("/") else { throw bad("the store address names no database (the part after the last '/')") }
    let user = parts.user ?? environment["PGUSER"] ?? environment["USER"] ?? ""
    guard !user.isEmpty else { throw bad("the store address names no user", "write the user before the host: postgres://USER@\(host)/\(database)") }
    if let port = parts.port, !(1...65535).contains(port) { throw bad("the port \(port) is not between 1 and 65535") }
    var tls = TLSMode.prefer
    var rootCertificate = environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
    for item in parts.queryItems ?? [] {
      if item.name == "sslrootcert" {
        guard let file = item.value, !file.isEmpty else {
          throw bad("sslrootcert names no file", "write sslrootcert=FILE (the CA's certificate, PEM)")
        }
        rootCertificate = file
        continue
      }
      guard item.name == "sslmode" else {
        throw bad(
          "the store address has an unknown parameter '\(item.name)'",
          "only sslmode (\(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))) and sslrootcert=FILE are understood")
      }
      guard let mode = TLSMode(rawValue: item.value ?? "") else {
        throw bad("sslmode '\(item.value ?? "")' is not understood", "use one of: \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      tls = mode
    }
    self.user = user.removingPercentEncoding ?? user
    self.host = host
    self.port = parts.port ?? 5432
    self.database = database.removingPercentEncoding ?? database
    self.tls = tls
    self.rootCertificate = rootCertificate
  }

  /// The address as messages show it: `postgres://user@host:port/database`.
  public var display: String {
    "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
  }

  /// `text` with anything between `:` and `@` of the user part blanked, for messages.
  static func withoutPassword(_ text: String) -> String {
    guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return text }
    let userPart = text[scheme.upperBound..<at]
    guard let colon = userPart.firstIndex(of: ":") else { return text }
    return String(text[..<colon]) + ":***" + String(text[at...])
  }
}
