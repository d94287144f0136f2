import FormText
import SurveyModel

/// The pages respondents see, in the language chosen for them. None of them shows any result.
enum FormPages {
  /// The survey form for one team, carrying its one-time ticket, in `language` (nil: the
  /// default), with a link to each other language the survey is offered in.
  /// `invited` are the attributes the invitation sets (shown, not asked).
  static func form(survey: FormSurvey, team: String, ticket: String, language: String? = nil, invited: [String: String] = [:]) -> HTMLPage {
    let version = survey.version(for: language)
    let words = survey.words(for: version)
    var body = ""
    if survey.versions.count > 1 {
      body += "<nav class=\"languages\" aria-label=\"\(HTMLPage.escape(words("form.language")))\">\(HTMLPage.escape(words("form.language"))):"
      for other in survey.versions {
        guard let tag = other.language else { continue }
        let name = HTMLPage.escape(LanguageTag.autonym(tag))
        body +=
          other.language == version.language
          ? " <strong lang=\"\(HTMLPage.escape(tag))\" aria-current=\"true\">\(name)</strong>"
          : " <a href=\"?lang=\(HTMLPage.escape(tag))\" hreflang=\"\(HTMLPage.escape(tag))\" lang=\"\(HTMLPage.escape(tag))\">\(name)</a>"
      }
      body += "</nav>\n"
    }
    body += "<h1>\(HTMLPage.escape(version.title))</h1>\n"
    body +=
      "<p>\(HTMLPage.escape(words("form.team", ["team": "\u{0}"])).replacingOccurrences(of: "\u{0}", with: "<strong>\(HTMLPage.escape(team))</strong>"))</p>\n"
    body += "<p class=\"note\">\(HTMLPage.escape(survey.privacyNote(words)))</p>\n"
    body += "<form method=\"post\">\n<input type=\"hidden\" name=\"ticket\" value=\"\(HTMLPage.escape(ticket))\">\n"
    if let tag = version.language { body += "<input type=\"hidden\" name=\"lang\" value=\"\(HTMLPage.escape(tag))\">\n" }
    for (number, item) in version.items.enumerated() {
      let progress = words("form.progress", ["n": String(number + 1), "total": String(version.items.count)])
      body += "<fieldset>\n<legend><span class=\"progress\">\(HTMLPage.escape(progress))</span> \(HTMLPage.escape(item.text))</legend>\n"
      let name = HTMLPage.escape(item.id)
      switch item.kind {
      case .text:
        body +=
          "<textarea name=\"c.\(name)\" rows=\"4\" cols=\"60\" maxlength=\"\(FormItem.maximumCommentLength)\" aria-label=\"\(HTMLPage.escape(item.text))\"></textarea>\n"
        body += "<p class=\"note\">\(HTMLPage.escape(words("form.comment-note")))</p>\n"
      case .multi:
        for choice in item.choices {
          body +=
            "<label><input type=\"checkbox\" name=\"m.\(name)\" value=\"\(Number.format(choice.value))\"> \(HTMLPage.escape(choice.label))</label>\n"
        }
      case .scored:
        for choice in item.choices {
          let value = Number.format(choice.value)
          body += "<label><input type=\"radio\" name=\"a.\(name)\" value=\"\(value)\"> \(HTMLPage.escape(choice.label))</label>\n"
        }
      }
      body += "</fieldset>\n"
    }
    body += attributeQuestions(survey, words: words, invited: invited)
    body +=
      "<p class=\"note\">\(HTMLPage.escape(words("form.optional")))</p>\n<button type=\"submit\">\(HTMLPage.escape(words("form.submit")))</button>\n</form>"
    return HTMLPage(title: version.title, body: body, language: version.language ?? words.language)
  }

  /// The optional questions on the respondent's attributes, with their privacy note: a choice
  /// of the declared values (or none) for each, and the values the invitation sets.
  static func attributeQuestions(_ survey: FormSurvey, words: Messages, invited: [String: String]) -> String {
    guard !survey.attributes.isEmpty else { return "" }
    var body = "<fieldset class=\"about-you\">\n<legend>\(HTMLPage.escape(words("form.attributes-title")))</legend>\n"
    body += "<p class=\"note\">\(HTMLPage.escape(survey.attributesNote(words)))</p>\n"
    for attribute in survey.attributes {
      if let value = invited[attribute.name] {
        body += "<p>\(HTMLPage.escape(words("form.attribute-invited", ["name": attribute.name, "value": value])))</p>\n"
        continue
      }
      let name = HTMLPage.escape(attribute.name)
      body += "<label>\(HTMLPage.escape(attribute.question ?? attribute.name)) <select name=\"p.\(name)\">"
      body += "<option value=\"\" selected>\(HTMLPage.escape(words("form.not-given")))</option>"
      for (index, value) in attribute.values.enumerated() { body += "<option value=\"\(index)\">\(HTMLPage.escape(value))</option>" }
      body += "</select></label>\n"
    }
    return body + "</fieldset>\n"
  }

  static func thanks(survey: FormSurvey, answered: Int, language: String? = nil) -> HTMLPage {
    let version = survey.version(for: language)
    let words = survey.words(for: version)
    return HTMLPage(
      title: words("thanks.title"),
      body: """
        <h1>\(HTMLPage.escape(words("thanks.title")))</h1>
        <p>\(HTMLPage.escape(words("thanks.body", ["n": String(answered), "total": String(version.items.count)])))</p>
        <p class="note">\(HTMLPage.escape(survey.privacyNote(words)))</p>
        """, language: words.language)
  }

  /// A page explaining why a request was refused, and what to do.
  static func problem(_ heading: String, _ explanation: String, language: String = "en") -> HTMLPage {
    HTMLPage(title: heading, body: "<h1>\(HTMLPage.escape(heading))</h1>\n<p>\(HTMLPage.escape(explanation))</p>", language: language)
  }

  /// Why a request was refused: the keys of its heading and explanation in the message files.
  enum Refusal: String {
    case landing
    case notFound = "not-found"
    case unknownInvitation = "unknown-invitation"
    case missingTicket = "missing-ticket"
    case forgedTicket = "forged-ticket"
    case alreadySubmitted = "already-submitted"
    case crossSite = "cross-site"
    case tooLarge = "too-large"
    case expired, spent
    case ticketExpired = "ticket-expired"
    case tooMany = "too-many"
    case busy
    case invalidAnswer = "invalid-answer"
    case noAnswers = "no-answers"

    /// The heading's key: the pages about a form that cannot be accepted share one.
    var titleKey: String {
      switch self {
      case .missingTicket, .forgedTicket, .crossSite, .tooLarge, .invalidAnswer: return "refused.title"
      default: return rawValue + ".title"
      }
    }
  }

  /// The page of a refusal in the language of `words`.
  static func refusal(_ refusal: Refusal, _ words: Messages) -> HTMLPage {
    problem(words(refusal.titleKey), words(refusal.rawValue + ".body"), language: words.language)
  }
}
