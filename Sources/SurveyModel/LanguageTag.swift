/// Language tags (`en`, `de`, `de-CH`, `pt-BR`) and choosing among them by a browser's
/// `Accept-Language` header.
public enum LanguageTag {
  /// Whether `tag` is a language tag: a language of 2 or 3 letters, then optional subtags of
  /// 1 to 8 letters or digits, joined by `-`.
  public static func isValid(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(isLetter) else { return false }
    return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { isLetter($0) || ("0"..."9").contains($0) } }
  }

  /// The name of a language in itself (`Deutsch` for `de`), for language switches; the tag
  /// itself for languages not listed.
  public static func autonym(_ tag: String) -> String {
    let names = [
      "ar": "العربية", "cs": "Čeština", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά", "en": "English", "es": "Español",
      "fi": "Suomi", "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hu": "Magyar", "it": "Italiano", "ja": "日本語",
      "ko": "한국어", "nl": "Nederlands", "no": "Norsk", "nb": "Norsk bokmål", "pl": "Polski", "pt": "Português",
      "ro": "Română", "ru": "Русский", "sv": "Svenska", "tr": "Türkçe", "uk": "Українська", "zh": "中文",
    ]
    let parts = tag.split(separator: "-")
    guard let primary = parts.first.map({ $0.lowercased() }), let name = names[primary] else { return tag }
    return parts.count > 1 ? "\(name) (\(parts.dropFirst().joined(separator: "-")))" : name
  }

  private static func isLetter(_ c: Character) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

  /// The most preferred of `available` by an `Accept-Language` header, or nil when the
  /// header accepts none of them (the caller then uses its default).
  ///
  /// Ranges are taken by their `q` value (1 when absent; `q=0` refuses a language), ties in
  /// the order written. Each range matches an available tag exactly (ignoring case), then by
  /// dropping its last subtags (`de-CH` → `de`), then any available tag of the same language
  /// (`pt` → `pt-BR`); `*` matches the first available tag not refused.
  public static func negotiate(acceptLanguage header: String, available: [String]) -> String? {
    var ranges: [(tag: String, q: Double, order: Int)] = []
    for (order, entry) in header.split(separator: ",").prefix(64).enumerated() {
      let parts = entry.split(separator: ";").map { $0.trimmingSpaces }
      guard let tag = parts.first?.lowercased(), tag == "*" || isValid(tag) else { continue }
      var q = 1.0
      for parameter in parts.dropFirst() {
        let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces.lowercased() }
        guard pair.count == 2, pair[0] == "q" else { continue }
        guard let value = Double(pair[1]), value >= 0, value <= 1 else {
          q = -1
          break
        }
        q = value
      }
      if q >= 0 { ranges.append((tag, q, order)) }
    }
    let refused = Set(ranges.filter { $0.q == 0 }.map(\.tag))
    let candidates = available.filter { !refused.contains($0.lowercased()) }
    for range in ranges.filter({ $0.q > 0 }).sorted(by: { ($0.q, -$0.order) > ($1.q, -$1.order) }) {
      if range.tag == "*" { return candidates.first }
      var prefix = range.tag
      while true {
        if let hit = candidates.first(where: { $0.lowercased() == prefix }) { return hit }
        guard let dash = prefix.lastIndex(of: "-") else { break }
        prefix = String(prefix[..<dash])
      }
      if let hit = candidates.first(where: { $0.lowercased().split(separator: "-").first.map(String.init) == prefix }) { return hit }
    }
    return nil
  }
}
