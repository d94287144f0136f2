import SurveyModel

/// The pages respondents see. None of them shows any result.
enum FormPages {
  /// The survey form for one team, carrying its one-time ticket.
  static func form(survey: FormSurvey, team: String, ticket: String) -> HTMLPage {
    var body = "<h1>\(HTMLPage.escape(survey.title))</h1>\n"
    body += "<p>Team: <strong>\(HTMLPage.escape(team))</strong></p>\n"
    body += "<p class=\"note\">\(HTMLPage.escape(survey.privacyNote))</p>\n"
    body += "<form method=\"post\">\n<input type=\"hidden\" name=\"ticket\" value=\"\(HTMLPage.escape(ticket))\">\n"
    for (number, item) in survey.items.enumerated() {
      body += "<fieldset>\n<legend>\(number + 1). \(HTMLPage.escape(item.text))</legend>\n"
      let name = HTMLPage.escape(item.id)
      switch item.kind {
      case .text:
        body += "<textarea name=\"c.\(name)\" rows=\"4\" cols=\"60\" maxlength=\"\(FormItem.maximumCommentLength)\" aria-label=\"\(HTMLPage.escape(item.text))\"></textarea>\n"
        body += "<p class=\"note\">\(HTMLPage.escape(survey.commentNote))</p>\n"
      case .multi:
        for choice in item.choices {
          body += "<label><input type=\"checkbox\" name=\"m.\(name)\" value=\"\(Number.format(choice.value))\"> \(HTMLPage.escape(choice.label))</label>\n"
        }
      case .scored:
        for choice in item.choices {
          let value = Number.format(choice.value)
          body += "<label><input type=\"radio\" name=\"a.\(name)\" value=\"\(value)\"> \(HTMLPage.escape(choice.label))</label>\n"
        }
      }
      body += "</fieldset>\n"
    }
    body += "<p class=\"note\">You may leave any question unanswered.</p>\n<button type=\"submit\">Send my answers</button>\n</form>"
    return HTMLPage(title: survey.title, body: body)
  }

  static func thanks(survey: FormSurvey, answered: Int) -> HTMLPage {
    HTMLPage(title: "Thank you", body: """
      <h1>Thank you</h1>
      <p>Your answers to \(answered) of \(survey.items.count) questions were received.</p>
      <p class="note">\(HTMLPage.escape(survey.privacyNote))</p>
      """)
  }

  /// A page explaining why a request was refused, and what to do.
  static func problem(_ heading: String, _ explanation: String) -> HTMLPage {
    HTMLPage(title: heading, body: "<h1>\(HTMLPage.escape(heading))</h1>\n<p>\(HTMLPage.escape(explanation))</p>")
  }

  static let landing = problem("Survey", "Open the invitation link your team was given to answer the survey.")
  static let notFound = problem("Page not found", "There is nothing here. Open the invitation link your team was given.")
  static let unknownInvitation = problem("This invitation link is not valid", "Check that you copied the whole link. If it still does not work, ask the person who sent it for a new one.")
  static let missingTicket = problem("This form cannot be accepted", "The form was not sent from the survey page (its security token is missing). Open your invitation link again and answer there.")
  static let forgedTicket = problem("This form cannot be accepted", "The form's security token was not issued by this survey for this link. Open your invitation link again and answer there.")
  static let alreadySubmitted = problem("Already received", "These answers were already received; nothing more was stored. To answer again, open your invitation link again.")
  static let crossSite = problem("This form cannot be accepted", "The form was sent from another web site. Open your invitation link and answer there.")
  static let tooLarge = problem("This form cannot be accepted", "The form sent was far larger than the survey's answers can be. Open your invitation link again and answer there.")
  static let expired = problem("This invitation link has expired", "Its time to answer is over. If you still want to answer, ask the person who sent it for a new link.")
  static let spent = problem("This invitation link was already used", "Each link can be used once, and answers were already received through this one. Nothing more was stored.")
  static let ticketExpired = problem("This form has expired", "The form was open for too long, so it can no longer be sent; nothing was stored. Open your invitation link again to answer.")
  static let tooMany = problem("Please wait a minute", "This link was opened too many times in the last minute. Wait a minute and open it again.")
  static let busy = problem("Please try again", "The survey could not store your answers just now; nothing was stored. Go back and send the form again in a moment.")
}
