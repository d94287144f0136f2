import SurveyModel
import Testing

@testable import Reports

/// `comments` and `selections` read in the report's language: their own words from the message
/// files, the organisation row and the rules translated, the English text unchanged.
@Suite struct UnscoredReportLanguageTests {
  private func comments(_ language: String?) -> CommentsReport {
    let groups: [CommentsReport.Group] = [
      .init(name: "Ops", commenters: 12, withheld: nil, wouldShow: nil, comments: ["More time {n}", "Mentors"], themeCounts: [1]),
      .init(name: "Tiny", commenters: 1, withheld: .belowMinimum, wouldShow: nil, comments: [], themeCounts: []),
      .init(name: "(all teams)", commenters: 13, withheld: nil, wouldShow: nil, comments: [], themeCounts: [0]),
    ]
    return CommentsReport(
      survey: SurveyInfo(id: "s", title: "Survey", language: language),
      input: InputSummary(file: "r.csv", rowsRead: 13, rowsUsed: 13, rowsRejected: 0), cut: "team", threshold: 10, rule: "engine rule",
      items: [.init(id: "c1", text: "What would help?", themes: [Theme(id: "time", name: "Time")], groups: groups)])
  }

  private func selections(_ language: String?) -> SelectionsReport {
    let groups: [SelectionsReport.Group] = [
      .init(name: "Ops", n: 8, withheld: nil, wouldShow: nil, percents: [50, 25], meanChosen: 0.75),
      .init(name: "Tiny", n: 2, withheld: .belowMinimum, wouldShow: nil, percents: [], meanChosen: nil),
      .init(name: "(all teams)", n: 10, withheld: nil, wouldShow: nil, percents: [40, 30], meanChosen: 0.7),
    ]
    return SelectionsReport(
      survey: SurveyInfo(id: "s", title: "Survey", language: language),
      input: InputSummary(file: "r.csv", rowsRead: 10, rowsUsed: 10, rowsRejected: 0), cut: "team", minGroupSize: 5, rule: "engine rule",
      items: [.init(id: "m1", text: "Which?", options: [("a", "Course"), ("b", "Book")], groups: groups)])
  }

  @Test func englishReadsAsBefore() {
    let text = CommentsTableReporter().render(comments(nil))
    #expect(text.hasPrefix("Survey (s): comments per team\nr.csv: 13 rows read, 13 used, 0 rejected\n"))
    #expect(text.contains("Tiny (1 commenter): comments withheld, fewer commenters than the comment threshold"))
    #expect(text.contains("Ops (12 commenters):\n  Themes: Time 1\n"))
    #expect(text.contains("- Tiny, c1 (1 commenter): comments withheld [below_min_group_size, threshold 10]"))
    #expect(
      text.contains("Privacy: comment threshold 10; comments on an item, and their theme counts, are shown only for a group in which at least 10"))
    let selected = SelectionsTableReporter().render(selections("en"))
    #expect(selected.contains("Survey (s): multi-select answers per team"))
    #expect(selected.contains("Group         n  Course  Book  Mean chosen"))
    #expect(selected.contains("- Tiny, m1 (n = 2): withheld [below_min_group_size, threshold 5]"))
  }

  @Test(arguments: ["de", "fr", "es"]) func theirWordsFollowTheLanguage(_ language: String) {
    let w = ReportWords(language)
    for text in [CommentsTableReporter().render(comments(language)), SelectionsTableReporter().render(selections(language))] {
      #expect(text.contains(w("all-teams")) && !text.contains("(all teams)"))
      #expect(text.contains(w("threshold")) && !text.contains("threshold"))
      #expect(!text.contains("rows read") && !text.contains("Privacy") && !text.contains("engine rule"), "\(language): \(text)")
      #expect(!text.replacing("More time {n}", with: "").contains("{"), "every placeholder filled: \(text)")
    }
    let text = CommentsTableReporter().render(comments(language))
    #expect(text.contains(w("comments.why-minimum")) && text.contains("More time {n}"), "a comment holding {n} stays as written")
    #expect(SelectionsTableReporter().render(selections(language)).contains(w("selections.mean-chosen")))
  }
}
