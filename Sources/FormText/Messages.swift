import Foundation

/// The words of the answering forms themselves (buttons, privacy note, progress, refusals), in
/// the languages of the message files `Messages/LANG.json`.
///
/// The files are embedded in the binary when it is built (SwiftPM `embedInCode`), not read at
/// run time: the binary stays one file that can be copied anywhere, and a missing or
/// unreadable file can never break a form in front of a respondent. A key one file lacks
/// falls back to English (the test suite checks that none does).
public struct Messages: Sendable {
  /// The language of these messages.
  public let language: String
  private let table: [String: String]

  /// The languages with a message file, English first.
  public static let languages = ["en", "de", "fr", "es"]

  /// Every message file, decoded once: language → key → text.
  static let files: [String: [String: String]] = [
    "en": decode(PackageResources.en_json), "de": decode(PackageResources.de_json),
    "fr": decode(PackageResources.fr_json), "es": decode(PackageResources.es_json),
  ]

  /// The messages of `language` (a tag such as `de` or `de-CH`, matched by its first part),
  /// or English when there is no message file for it.
  public init(_ language: String?) {
    let primary = language?.split(separator: "-").first.map { $0.lowercased() } ?? "en"
    self.language = Self.files[primary] == nil ? "en" : primary
    table = Self.files[self.language] ?? [:]
  }

  /// The keys of a language's message file (for the completeness test).
  public static func keys(of language: String) -> Set<String> { Set(files[language]?.keys ?? [:].keys) }

  /// The raw text of `key` in a language's file, if it has it.
  public static func raw(_ key: String, in language: String) -> String? { files[language]?[key] }

  /// The text of `key` with each `{name}` replaced by `values[name]`.
  /// Values are put in place in one pass, so a value that itself holds `{name}` (a plugin's
  /// text, a team name) is never replaced in turn.
  public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
    let text = table[key] ?? Self.files["en"]?[key] ?? key
    guard !values.isEmpty else { return text }
    var out = ""
    var rest = text[...]
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] else {
        out.append("{")
        rest = rest[rest.index(after: open)...]
        continue
      }
      out += value
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  private static func decode(_ bytes: [UInt8]) -> [String: String] {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: String] ?? [:]
  }
}
