import Foundation
import SurveyModel

/// What the web form shows: the survey's title, its items and the privacy note.
public struct FormSurvey: Sendable {
  public var title: String
  public var items: [FormItem]
  /// The minimum group size, for the privacy note.
  public var minGroupSize: Int

  public init(title: String, items: [FormItem], minGroupSize: Int) {
    self.title = title
    self.items = items
    self.minGroupSize = minGroupSize
  }

  var commentNote: String {
    "Comments are shown only for groups in which many people commented, in a random order, with names, e-mail addresses and phone numbers removed."
  }

  var privacyNote: String {
    "Your answers are anonymous: no name, e-mail address, network address or time finer than the day is stored with them, and results are only shown for groups of at least \(minGroupSize) people."
  }
}

/// A form submission read from its URL-encoded body: the ticket and the answers.
struct Submission: Equatable {
  var ticket: String?
  var answers: [String: Double]
  /// Comments by item id (blank ones left out).
  var comments: [String: String] = [:]

  /// How many questions were answered.
  var answeredCount: Int { answers.count + comments.count }

  /// Problems with the body that make it unusable.
  enum Problem: Error, Equatable {
    /// An answer that is not one of its item's choices, or an unknown item.
    case invalidAnswer(String)
  }

  /// Reads `body` (`application/x-www-form-urlencoded`), checking each `a.ITEM` answer against
  /// the item's choices.
  static func parse(_ body: String, items: [FormItem]) throws(Problem) -> Submission {
    var ticket: String?
    var answers: [String: Double] = [:]
    var comments: [String: String] = [:]
    let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for pair in body.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
      if name == "ticket" {
        ticket = value
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
      }
    }
    return Submission(ticket: ticket, answers: answers, comments: comments)
  }

  /// Percent-decoding with `+` as a space.
  private static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
