import Foundation

/// Web origins (`scheme://host[:port]`, lowercased, default ports left out), as browsers send
/// them in the `Origin` header.
enum Origin {
  /// The origin of an absolute http(s) URL, or nil.
  static func of(_ url: URL) -> String? {
    guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host?.lowercased(), !host.isEmpty else {
      return nil
    }
    let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    if let port = url.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
      return "\(scheme)://\(bracketed):\(port)"
    }
    return "\(scheme)://\(bracketed)"
  }

  /// The origin in an `Origin` header value, or nil when it is none (e.g. `null`).
  static func of(_ header: String) -> String? {
    guard let url = URL(string: header.trimmingCharacters(in: .whitespaces)), url.path.isEmpty || url.path == "/" else { return nil }
    return of(url)
  }

  /// The origins of the address the server listens on (with `localhost` for loopback).
  static func listening(host: String, port: Int) -> Set<String> {
    var hosts = [host]
    if ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) { hosts += ["127.0.0.1", "localhost", "::1"] }
    return Set(
      hosts.compactMap { name in
        let bracketed = name.contains(":") ? "[\(name)]" : name
        return URL(string: "http://\(bracketed):\(port)").flatMap(of)
      })
  }
}

/// A value set once the server is bound, read by request handlers.
final class OriginBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Set<String> = []

  func set(_ origins: Set<String>) { lock.withLock { value = origins } }
  func contains(_ origin: String) -> Bool { lock.withLock { value.contains(origin) } }
}
