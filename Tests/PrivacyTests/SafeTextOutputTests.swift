import Comparison
import Foundation
import Reports
import Scoring
import SurveyModel
import Testing

@testable import Privacy

/// Attack 7: hostile names reach no screen, spreadsheet or page as anything but text. Every
/// format of `score`, `compare` and `trend` is checked byte by byte.
@Suite struct SafeTextOutputTests {
  static let osc = "Ops\u{1b}]0;pwned\u{07}"
  static let formula = "=HYPERLINK(\"http://x\",\"y\")"
  static let bidi = "R\u{202e}evil"
  static let nul = "Null\u{0}Cr\r"
  static let minus = "-2+3"
  static let at = "@cmd"

  struct Rendered {
    var table = "", csv = "", json = ""
    var compareTable = "", compareCSV = "", compareMarkdown = "", compareHTML = ""
    var trendTable = "", trendCSV = ""
  }

  func render() throws -> Rendered {
    var line = 2
    var rows: [ResponseRow] = []
    for (i, name) in [Self.osc, Self.formula, Self.bidi, Self.nul, Self.minus, Self.at].enumerated() {
      rows += AttackRegressionTests.rows(name, AttackRegressionTests.people(6 + i, seed: i), from: &line)
    }
    let plan = ScoringPlan(uses: [(attackFramework, nil)])
    let engine = ScoreEngine(plan: plan, hooks: [nil])
    let collector = ComparisonCollector(plan: plan)
    engine.observer = collector
    for row in rows { try engine.add(row) }
    let (frameworks, privacy) = try engine.results(policy: PrivacyPolicy(minGroupSize: 5))
    let info = SurveyInfo(id: "s", title: "Title\u{1b}[2J")
    let input = InputSummary(file: "r.csv", rowsRead: rows.count, rowsUsed: rows.count, rowsRejected: 0)
    let score = ScoreReport(survey: info, input: input, frameworks: frameworks, privacy: privacy)
    let teams = Array(Set(rows.map(\.team)))
    let selection = try TeamSelection(teams: nil, baseline: "org", known: teams, privacy: privacy)
    let (comparisons, method) = ComparisonBuilder(plan: plan, collector: collector).build(results: frameworks, selection: selection)
    let compare = ComparisonReport(
      survey: info, input: input, baseline: selection.baseline, method: method, frameworks: comparisons, privacy: privacy)
    let f = frameworks[0]
    let trend = TrendReport(
      survey: info, waves: [WaveInput(name: "w1", responses: rows.count)], mappingApplied: [],
      frameworks: [
        FrameworkTrend(
          id: f.id, name: f.name, version: f.version, dimensions: f.dimensions,
          teams: f.teams.map { TeamLine(team: $0.team, points: [$0]) },
          organisation: TeamLine(team: f.organisation.team, points: [f.organisation]))
      ],
      minGroupSize: 5, privacyRule: "rule", privacy: [privacy])
    return Rendered(
      table: TableReporter().render(score), csv: CSVReporter().render(score), json: JSONReporter().render(score),
      compareTable: ComparisonTableReporter().render(compare), compareCSV: ComparisonCSVReporter().render(compare),
      compareMarkdown: ComparisonMarkdownReporter().render(compare), compareHTML: ComparisonHTMLReporter().render(compare),
      trendTable: TrendTableReporter().render(trend), trendCSV: TrendCSVReporter().render(trend))
  }

  /// No byte that a terminal would act on: C0 controls but the line break, DEL, C1 controls,
  /// bidi marks.
  func expectInert(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let active = text.unicodeScalars.filter { $0 != "\n" && SafeText.isActive($0) }
    #expect(active.isEmpty, "\(what) carries \(active.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
  }

  @Test func terminalFormatsShowEveryControlCharacterAsText() throws {
    let r = try render()
    for (text, what) in [(r.table, "score table"), (r.compareTable, "compare table"), (r.trendTable, "trend table")] {
      expectInert(text, what)
      #expect(text.contains("Ops\\x1b]0;pwned\\x07"), "\(what)")
      #expect(text.contains("R\\u{202e}evil"), "\(what)")
      #expect(text.contains("Null\\x00Cr\\r"), "\(what)")
      #expect(text.hasPrefix("Title\\x1b[2J"), "\(what)")
    }
    // The score table's summary row, byte for byte.
    let row = r.table.split(separator: "\n").first { $0.hasPrefix("Ops\\x1b") }.map(String.init)
    #expect(row.map { Array($0.utf8.prefix(22)) } == Array("Ops\\x1b]0;pwned\\x07   ".utf8))
  }

  @Test func csvTextCellsCannotStartAFormulaAndNumbersStayNumbers() throws {
    let r = try render()
    for (text, what) in [(r.csv, "score csv"), (r.compareCSV, "compare csv"), (r.trendCSV, "trend csv")] {
      let lines = text.split(separator: "\n").map(String.init)
      #expect(
        lines.contains { $0.hasPrefix("lc,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",") }
          || lines.contains { $0.contains(",lc,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",") }, "\(what)")
      #expect(lines.contains { $0.contains("lc,'-2+3,") }, "\(what)")
      #expect(lines.contains { $0.contains("lc,'@cmd,") }, "\(what)")
      // No cell of any line starts with a formula character unless it is a number.
      for line in lines {
        for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
          guard let first = cell.first, "=+-@\t\r".contains(first) else { continue }
          #expect(Double(cell) != nil, "\(what): \(cell)")
        }
      }
    }
    // Negative differences in compare stay numbers.
    #expect(r.compareCSV.split(separator: ",").contains { $0.hasPrefix("-") && Double($0) != nil })
  }

  @Test func markdownCellsAreInert() throws {
    let md = try render().compareMarkdown
    expectInert(md, "markdown")
    #expect(md.contains("| '=HYPERLINK(\"http://x\",\"y\") |"))
    #expect(md.contains("| Ops\\\\x1b\\]0;pwned\\\\x07 |"))
    #expect(md.contains("| '-2+3 |") && md.contains("| '@cmd |"))
    #expect(md.contains("R\\\\u{202e}evil"))
  }

  @Test func htmlIsolatesBidiAndShowsControlCharacters() throws {
    let html = try render().compareHTML
    #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(html.contains("<bdi>R\u{202e}evil</bdi>"))  // element content: isolated
    #expect(html.contains(">R\\u{202e}evil</text>"))  // SVG labels: shown as text
    #expect(html.contains("<bdi>Ops\\x1b]0;pwned\\x07</bdi>"))
    #expect(!html.contains("\u{202e}evil</text>"))
  }

  @Test(arguments: ["(all teams)", "(All Teams) ", "( all teams )", "(all\u{200b}teams)"])
  func aGroupNamedLikeTheOrganisationRowIsRefused(_ name: String) throws {
    let engine = ScoreEngine(plan: ScoringPlan(uses: [(attackFramework, nil)]), hooks: [nil])
    var line = 2
    for row in AttackRegressionTests.rows(name, AttackRegressionTests.people(6, seed: 1), from: &line) { try engine.add(row) }
    #expect(throws: ReservedGroupName(name: name, mapped: false)) { try engine.results(policy: PrivacyPolicy(minGroupSize: 5)) }
    let message = String(describing: ReservedGroupName(name: "(all teams)", mapped: false))
    #expect(
      message
        == "error: the responses have a team named '(all teams)', the label of the organisation row\n  hint: rename the team (in the responses, or map it to another name under team_mapping) so that it cannot be mistaken for the whole organisation"
    )
  }

  @Test func aMappingOntoTheOrganisationRowIsRefused() throws {
    let engine = ScoreEngine(plan: ScoringPlan(uses: [(attackFramework, nil)]), hooks: [nil])
    var line = 2
    for row in AttackRegressionTests.rows("Ops", AttackRegressionTests.people(6, seed: 1), from: &line) { try engine.add(row) }
    #expect(throws: ReservedGroupName(name: "(all teams)", mapped: true)) {
      try engine.results(policy: PrivacyPolicy(minGroupSize: 5), regroup: { _ in "(all teams)" })
    }
  }
}
