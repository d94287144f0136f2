/// Replaces what identifies a person in a comment before it is shown: e-mail addresses
/// (`[e-mail]`), phone numbers (`[phone]`: a run of digits, spaces, `+ - . / ( )` holding at
/// least 7 digits) and the names of a list (`[name]`, whole words, any case). A hand-written
/// scanner, linear in the comment's length, so no comment can make it slow.
public struct CommentScrubber: Sendable {
  public static let emailPlaceholder = "[e-mail]"
  public static let phonePlaceholder = "[phone]"
  public static let namePlaceholder = "[name]"

  /// Each name as its lowercased words, longest first (so "Anna Maria" wins over "Anna").
  private let names: [[String]]

  /// - Parameter names: names to replace (e.g. the people of the organisation), one per
  ///   entry; blank entries are ignored.
  public init(names: [String]) {
    self.names = Set(names.map(Self.words).filter { !$0.isEmpty }).sorted {
      $0.count > $1.count || ($0.count == $1.count && $0.joined(separator: " ") < $1.joined(separator: " "))
    }
  }

  /// The comment with e-mail addresses, phone numbers and listed names replaced.
  public func scrub(_ comment: String) -> String {
    replacingNames(in: replacingPhones(in: replacingEmails(in: Array(comment))))
  }

  private static func isLocal(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c)) }
  private static func isDomain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || ".-".contains(c)) }

  private func replacingEmails(in text: [Character]) -> [Character] {
    var out: [Character] = []
    var i = 0
    while i < text.count {
      guard text[i] == "@" else {
        out.append(text[i])
        i += 1
        continue
      }
      var start = out.count
      while start > 0, Self.isLocal(out[start - 1]) { start -= 1 }
      var end = i + 1
      while end < text.count, Self.isDomain(text[end]) { end += 1 }
      while end > i + 1, text[end - 1] == "." || text[end - 1] == "-" { end -= 1 }
      let domain = text[(i + 1)..<end]
      if start < out.count, domain.contains("."), domain.first != "." {
        out.removeSubrange(start...)
        out += Array(Self.emailPlaceholder)
        i = end
      } else {
        out.append("@")
        i += 1
      }
    }
    return out
  }

  private static func isPhonePart(_ c: Character) -> Bool { c.isASCII && (c.isNumber || " +-./()".contains(c)) || c == "\u{A0}" }

  private func replacingPhones(in text: [Character]) -> [Character] {
    var out: [Character] = []
    var i = 0
    while i < text.count {
      // A phone number starts with a digit, '+' or '(' not glued to a word before it.
      let startsRun = (text[i].isASCII && text[i].isNumber) || text[i] == "+" || text[i] == "("
      guard startsRun, i == 0 || !(text[i - 1].isLetter || text[i - 1].isNumber) else {
        out.append(text[i])
        i += 1
        continue
      }
      var end = i
      var digits = 0
      var lastDigit = i
      while end < text.count, Self.isPhonePart(text[end]) {
        if text[end].isNumber {
          digits += 1
          lastDigit = end
        }
        end += 1
      }
      let glued = lastDigit + 1 < text.count && text[lastDigit + 1].isLetter
      if digits >= 7, !glued {
        out += Array(Self.phonePlaceholder)
        i = lastDigit + 1
      } else {
        // Not a phone number: copy up to the run's end (its digits cannot start another).
        out += text[i..<max(end, i + 1)]
        i = max(end, i + 1)
      }
    }
    return out
  }

  /// The lowercased words (runs of letters and digits) of a text.
  static func words(_ text: String) -> [String] {
    tokens(Array(text)).filter(\.isWord).map { String($0.text).lowercased() }
  }

  private struct Token {
    var text: ArraySlice<Character>
    var isWord: Bool
  }

  private static func tokens(_ text: [Character]) -> [Token] {
    var tokens: [Token] = []
    var start = 0
    while start < text.count {
      let word = text[start].isLetter || text[start].isNumber || text[start] == "'"
      var end = start + 1
      while end < text.count, (text[end].isLetter || text[end].isNumber || (word && text[end] == "'")) == word { end += 1 }
      tokens.append(Token(text: text[start..<end], isWord: word && text[start] != "'"))
      start = end
    }
    return tokens
  }

  private func replacingNames(in text: [Character]) -> String {
    guard !names.isEmpty else { return String(text) }
    let tokens = Self.tokens(text)
    let lower = tokens.map { $0.isWord ? String($0.text).lowercased() : nil }
    var out = ""
    var t = 0
    outer: while t < tokens.count {
      if lower[t] != nil {
        for name in names where matches(name, at: t, lower, tokens) {
          // A possessive stays: "Tom's" becomes "[name]'s".
          let last = lower[t + name.count * 2 - 2] ?? ""
          out += Self.namePlaceholder + (last.hasSuffix("'s") ? "'s" : last.hasSuffix("'") ? "'" : "")
          t += name.count * 2 - 1
          continue outer
        }
      }
      out += String(tokens[t].text)
      t += 1
    }
    return out
  }

  /// Whether the name's words start at token `t`, separated by spaces only. A possessive
  /// ("Anna's") counts as the name (and is kept after the placeholder).
  private func matches(_ name: [String], at t: Int, _ lower: [String?], _ tokens: [Token]) -> Bool {
    for (k, word) in name.enumerated() {
      let at = t + 2 * k
      guard at < tokens.count, let token = lower[at] else { return false }
      let last = k == name.count - 1
      guard token == word || (last && (token == word + "'s" || token == word + "'")) else { return false }
      if k > 0, !tokens[at - 1].text.allSatisfy({ $0 == " " }) { return false }
    }
    return true
  }
}
