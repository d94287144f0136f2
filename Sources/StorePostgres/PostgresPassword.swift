import Foundation
import Store

/// Finds the password of a database role as libpq does, never from the store address:
/// `PGPASSWORD`, else the first matching line of the password file (`PGPASSFILE`, else
/// `~/.pgpass`; `host:port:database:user:password`, `*` matching anything, `\:` and `\\`
/// escaped), which is ignored with a warning unless only its owner can read it.
enum PostgresPassword {
  /// The password for `address`, or nil (e.g. for trust or peer authentication).
  static func find(
    for address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment, warn: (String) -> Void = { _ in }
  ) -> String? {
    if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
    let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
    guard !path.isEmpty, let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
      warn("warning: \(path) is readable by others (mode \(String(mode, radix: 8))), so it is not used; make it private with 'chmod 600 \(path)'")
      return nil
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let wanted = [address.host, String(address.port), address.database, address.user]
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = split(String(line))
      guard fields.count == 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && ["127.0.0.1", "::1"].contains($1)) }) {
        return fields[4]
      }
    }
    return nil
  }

  /// A password file line's fields (`:` separates, `\` escapes the next character).
  static func split(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
