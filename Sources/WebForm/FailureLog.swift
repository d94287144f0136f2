import Foundation
import Logging

/// One line per event on standard error, as `key=value` pairs (logfmt):
/// `cultivar serve: level=error event=store_busy status=503 route="POST /t/:token"`.
/// Callers put no identity in it: no address, token, ticket, agent or answer.
struct LineLogHandler: LogHandler {
  var metadata: Logger.Metadata = [:]
  var logLevel: Logger.Level = .info
  private let write: @Sendable (String) -> Void

  init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
    self.write = write
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt)
  {
    var pairs = [("level", level.rawValue), ("event", message.description)]
    let merged = metadata.merging(extra ?? [:]) { $1 }
    for key in merged.keys.sorted() { pairs.append((key, "\(merged[key]!)")) }
    write("cultivar serve: " + pairs.map { "\($0)=\(Self.value($1))" }.joined(separator: " ") + "\n")
  }

  /// A value quoted when it holds spaces, quotes or `=`; control characters made visible.
  static func value(_ text: String) -> String {
    var out = ""
    var quote = text.isEmpty
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\":
        out += "\\\(scalar)"
        quote = true
      case " ", "=":
        out.unicodeScalars.append(scalar)
        quote = true
      case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
        out += String(format: "\\x%02x", scalar.value)
        quote = true
      default: out.unicodeScalars.append(scalar)
      }
    }
    return quote ? "\"\(out)\"" : out
  }
}

extension Logger {
  /// The form's failure log: one logfmt line per event on standard error.
  static func formLog(write: (@Sendable (String) -> Void)? = nil) -> Logger {
    Logger(label: "cultivar.serve") { _ in write.map { LineLogHandler(write: $0) } ?? LineLogHandler() }
  }
}
