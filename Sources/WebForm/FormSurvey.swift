import FormText
import Foundation
import SurveyModel

extension FormSurvey {
  /// The form's own words for a version: in its language (English when no message file
  /// has it, or when the survey names no languages).
  func words(for version: Version) -> Messages { Messages(version.language) }

  func privacyNote(_ words: Messages) -> String { words("form.privacy", ["size": String(minGroupSize)]) }

  /// What the form says about the questions on the respondent's attributes.
  func attributesNote(_ words: Messages) -> String { words("form.attributes-note", ["size": String(minGroupSize)]) }
}

/// A form submission read from its URL-encoded body: the ticket and the answers.
struct Submission: Equatable {
  var ticket: String?
  /// The language the form was shown in (its `lang` field), as sent.
  var language: String?
  var answers: [String: Double]
  /// Comments by item id (blank ones left out).
  var comments: [String: String] = [:]
  /// Respondent attributes given, by name (the declared value's label; "prefer not to say"
  /// left out).
  var attributes: [String: String] = [:]

  /// How many questions were answered.
  var answeredCount: Int { answers.count + comments.count }

  /// Problems with the body that make it unusable.
  enum Problem: Error, Equatable {
    /// An answer that is not one of its item's choices, or an unknown item.
    case invalidAnswer(String)
  }

  /// Reads `body` (`application/x-www-form-urlencoded`), checking each `a.ITEM` answer against
  /// the item's choices and each `p.ATTRIBUTE` against the attribute's values (by index; an
  /// empty one is "prefer not to say").
  static func parse(_ body: String, items: [FormItem], attributes: [Attribute] = []) throws(Problem) -> Submission {
    var given: [String: String] = [:]
    var ticket: String?
    var language: String?
    var answers: [String: Double] = [:]
    var comments: [String: String] = [:]
    let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for pair in body.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0])
      let value = parts.count > 1 ? decode(parts[1]) : ""
      if name == "ticket" {
        ticket = value
      } else if name == "lang" {
        language = value
      } else if name.hasPrefix("a.") {
        let id = String(name.dropFirst(2))
        guard let item = byID[id], item.kind == .scored, let number = Double(value), item.choices.contains(where: { $0.value == number }) else {
          throw .invalidAnswer(id)
        }
        answers[id] = number
      } else if name.hasPrefix("m.") {
        // One field per ticked box: the option's number.
        let id = String(name.dropFirst(2))
        guard let item = byID[id], item.kind == .multi, let option = Int(value), item.choices.indices.contains(option) else {
          throw .invalidAnswer(id)
        }
        answers[id] = Double(UInt32(answers[id] ?? 0) | (1 << UInt32(option)))
      } else if name.hasPrefix("c.") {
        let id = String(name.dropFirst(2))
        guard let item = byID[id], item.kind == .text, value.count <= FormItem.maximumCommentLength, comments[id] == nil else {
          throw .invalidAnswer(id)
        }
        // Line breaks arrive as CR LF; they are kept as LF.
        let text = value.replacingOccurrences(of: "\r\n", with: "\n")
        if !text.allSatisfy(\.isWhitespace) { comments[id] = text }
      } else if name.hasPrefix("p.") {
        let id = String(name.dropFirst(2))
        guard let attribute = attributes.first(where: { $0.name == id }), given[id] == nil else { throw .invalidAnswer(id) }
        if value.isEmpty { continue }
        guard let index = Int(value), attribute.values.indices.contains(index) else { throw .invalidAnswer(id) }
        given[id] = attribute.values[index]
      }
    }
    return Submission(ticket: ticket, language: language, answers: answers, comments: comments, attributes: given)
  }

  /// Percent-decoding with `+` as a space.
  private static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
