/// Labels to what they mean, gathered over the languages a survey declares. The same label
/// meaning the same thing in two languages ("Neutral" in English and Spanish) is one entry; a
/// label meaning different things in two languages is a clash, refused rather than guessed.
/// Keys added without a language (option ids) mean the same in every language and win.
struct LabelIndex<Value: Equatable & Sendable>: Sendable {
  private var values: [String: (value: Value, language: String?)] = [:]
  /// Key → why it is ambiguous ("4 in en and 2 in de").
  private(set) var clashes: [String: String] = [:]

  /// Adds `key` meaning `value` in `language` (nil: in every language); the first meaning in
  /// one language stands, as it always has for duplicate labels.
  mutating func add(_ key: String, _ value: Value, language: String?, describe: (Value) -> String) {
    guard let known = values[key] else {
      values[key] = (value, language)
      return
    }
    guard known.value != value, let first = known.language, let second = language, first != second, clashes[key] == nil else { return }
    clashes[key] = "\(describe(known.value)) in \(first) and \(describe(value)) in \(second)"
  }

  /// What `key` means, or nil when it means nothing or is ambiguous.
  subscript(key: String) -> Value? { clashes[key] == nil ? values[key]?.value : nil }

  /// Every key with one meaning, to that meaning.
  var unambiguous: [String: Value] {
    var result: [String: Value] = [:]
    for (key, entry) in values where clashes[key] == nil { result[key] = entry.value }
    return result
  }
}
