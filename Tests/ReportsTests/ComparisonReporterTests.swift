import Foundation
import SurveyModel
import Testing

@testable import Reports

/// A hand-made comparison: a team whose name needs escaping in every format, a small team with
/// no verdict, a suppressed team and an item warning.
func sampleComparison() -> ComparisonReport {
  let scale = Scale(min: 1, max: 5)
  let odd = "R&D <Ops> | \"Q\"_1"
  func dimension(_ id: String, n: Int, mean: Double, verdict: Verdict, difference: Double) -> DimensionComparison {
    DimensionComparison(
      id: id, n: n, mean: mean, sd: 0.5, interval: Interval(lower: mean - 0.2, upper: mean + 0.2), pomp: (mean - 1) * 25, favorable: 60,
      neutral: 30, unfavorable: 10,
      difference: BaselineDifference(
        baselineN: 40, baselineMean: mean - difference, difference: difference, t: 2.5, degreesOfFreedom: 30.5,
        p: 0.004, adjustedP: 0.016, cohensD: 0.6, minimumDetectable: 0.8, verdict: verdict))
  }
  let teams = [
    TeamComparison(
      team: odd, n: 30, index: 70, indexInterval: Interval(lower: 66, upper: 74), band: "Strong",
      dimensions: [
        dimension("a", n: 30, mean: 3.9, verdict: .higher, difference: 0.4),
        dimension("b", n: 30, mean: 3.1, verdict: .noClearDifference, difference: -0.05),
      ]),
    TeamComparison(
      team: "Few", n: 6, index: 40, indexInterval: Interval(lower: 30, upper: 50),
      dimensions: [
        dimension("a", n: 6, mean: 2.6, verdict: .tooSmall, difference: -0.7), dimension("b", n: 6, mean: 2.9, verdict: .tooSmall, difference: -0.2),
      ]),
    TeamComparison(team: "Hidden", n: 2, suppression: .belowMinimum),
  ]
  let reliability = [
    ScaleReliability(
      dimension: "a", items: ["a1", "a2"], respondents: 38, completeRespondents: 35,
      pairwise: AlphaValue(alpha: 0.81, interval: Interval(lower: 0.7, upper: 0.9)),
      listwise: AlphaValue(alpha: 0.8, interval: Interval(lower: 0.69, upper: 0.89)),
      itemStatistics: [
        ItemReliability(item: "a1", n: 37, itemRest: 0.7, alphaIfDeleted: nil),
        ItemReliability(
          item: "a2", n: 36, itemRest: -0.1, alphaIfDeleted: nil,
          warning: "item 'a2' correlates negatively with the rest of 'a': it may need reverse-keying"),
      ])
  ]
  let framework = FrameworkComparison(
    id: "f", name: "Frame", version: "1", scale: scale, dimensions: [DimensionInfo(id: "a", name: "Alpha"), DimensionInfo(id: "b", name: "Beta")],
    rules: ScoringRules(scale: scale),
    organisation: TeamComparison(
      team: "(all teams)", n: 38, index: 60,
      dimensions: [DimensionComparison(id: "a", n: 38, mean: 3.5), DimensionComparison(id: "b", n: 38, mean: 3.0)]),
    teams: teams, reliability: reliability)
  return ComparisonReport(
    survey: SurveyInfo(id: "s", title: "Survey"), input: InputSummary(file: "r.csv", rowsRead: 38, rowsUsed: 38, rowsRejected: 0),
    baseline: .restOfOrganisation, method: ComparisonMethod(familySize: 4), frameworks: [framework],
    privacy: PrivacySummary(minGroupSize: 5, rule: "rule", suppressed: [SuppressedGroup(team: "Hidden", n: 2, reason: .belowMinimum)]))
}

/// Splits CSV text into records of fields (RFC 4180).
func parseCSV(_ text: String) -> [[String]] {
  var records: [[String]] = []
  var fields: [String] = []
  var field = ""
  var quoted = false
  var characters = Array(text)[...]
  while let c = characters.popFirst() {
    if quoted {
      if c == "\"" {
        if characters.first == "\"" {
          field.append("\"")
          characters.removeFirst()
        } else {
          quoted = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      fields.append(field)
      field = ""
    } else if c == "\n" {
      fields.append(field)
      records.append(fields)
      fields = []
      field = ""
    } else {
      field.append(c)
    }
  }
  return records
}

@Suite struct ComparisonReporterTests {
  let report = sampleComparison()

  @Test(arguments: ["table", "md", "csv", "json", "html"])
  func everyFormatRendersEveryPart(_ format: String) throws {
    let text = try OutputFormats.comparison.renderer(named: format).render(report)
    #expect(text.hasSuffix("\n"))
    #expect(text.contains("Hidden"))
    #expect(text.contains("0.81"))
    #expect(text.contains("a2"))
  }

  @Test func jsonIsVersionedAndSuppressedTeamsHaveFourKeys() throws {
    let json = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonJSONReporter().render(report).utf8)) as? [String: Any])
    #expect(json["schema"] as? String == "cultivar.compare/1")
    let teams = try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    #expect(teams[0]["team"] as? String == "R&D <Ops> | \"Q\"_1")
    #expect(Set(teams[2].keys) == ["team", "n", "suppressed", "suppression_reason"])
    let difference = ((teams[1]["dimensions"] as? [[String: Any]])?.first?["difference"]) as? [String: Any]
    #expect(difference?["verdict"] as? String == "too_small")
    #expect(difference?["meaningful"] as? Bool == false)
  }

  @Test func csvRecordsAllHaveTheHeaderWidth() {
    let records = parseCSV(ComparisonCSVReporter().render(report))
    #expect(records.count > 8)
    #expect(records.allSatisfy { $0.count == ComparisonCSVReporter.header.count })
    #expect(Set(records.dropFirst().map { $0[0] }) == ["team", "dimension", "reliability", "item", "suppressed"])
    let hidden = records.filter { $0[2] == "Hidden" }
    #expect(hidden.count == 1 && hidden[0].dropFirst(6).allSatisfy(\.isEmpty))
  }

  @Test func markdownTablesKeepTheirColumns() {
    let text = ComparisonMarkdownReporter().render(report)
    #expect(text.contains("R&D \\<Ops\\> \\| \"Q\"\\_1"))
    var columns: Int? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard line.hasPrefix("|") else {
        columns = nil
        continue
      }
      let pipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
      if let columns { #expect(pipes == columns, "\(line)") } else { columns = pipes }
    }
  }

  @Test func htmlEscapesNamesAndIsSelfContained() {
    let html = ComparisonHTMLReporter().render(report)
    #expect(html.contains("R&amp;D &lt;Ops&gt; | &quot;Q&quot;_1"))
    #expect(!html.contains("<Ops>"))
    #expect(!html.contains("<script") && !html.contains("https://"))
    #expect(html.contains("detects ≥0.80"))  // the small team's heatmap cells
    #expect(html.components(separatedBy: "<td class=\"cell").count - 1 == 3 * 2)  // 2 shown teams + organisation, 2 dimensions
  }

  @Test func tableSaysWhySmallTeamsGetNoVerdict() {
    let text = ComparisonTableReporter().render(report)
    #expect(text.contains("too few to tell (detects ≥ 0.80)"))
    #expect(text.contains("warning: item 'a2' correlates negatively"))
    #expect(text.contains("Hidden (n = 2): scores withheld, fewer than 5 respondents [below_min_group_size, threshold 5]"))
  }

  /// Missing item statistics print as "n/a" or are left out, never as empty parentheses; an
  /// untestable difference says why; a clear difference in a small team is called a signal.
  @Test func edgeCasesReadCleanly() throws {
    var report = sampleComparison()
    report.frameworks[0].reliability[0].itemStatistics[0].itemRest = nil
    var few = report.frameworks[0].teams[1].dimensions
    few[0].difference?.verdict = .untestable
    few[0].difference?.untestableReason = .noVariance
    few[1].difference?.verdict = .lower
    few[1].difference?.smallSample = true
    report.frameworks[0].teams[1].dimensions = few
    let markdown = ComparisonMarkdownReporter().render(report)
    #expect(!markdown.contains("()"))
    #expect(markdown.contains("a1 n/a, a2 -0.10 ⚠"))
    for text in [markdown, ComparisonTableReporter().render(report), ComparisonHTMLReporter().render(report)] {
      #expect(text.contains("not testable: no variance on one side"))
      #expect(text.contains("lower (few respondents: treat as a signal)"))
    }
    let json = try #require(try JSONSerialization.jsonObject(with: Data(ComparisonJSONReporter().render(report).utf8)) as? [String: Any])
    let teams = try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    let dims = try #require(teams[1]["dimensions"] as? [[String: Any]])
    #expect((dims[0]["difference"] as? [String: Any])?["untestable_reason"] as? String == "no_variance")
    #expect((dims[1]["difference"] as? [String: Any])?["small_sample"] as? Bool == true)
  }

  /// The HTML carries bands and advice as the terminal does: per team its band and the band's
  /// advice, and the advice of its lowest dimensions.
  @Test func htmlShowsBandsAndAdvice() {
    var report = sampleComparison()
    report.frameworks[0].teams[0].bandAdvice = "Keep the after-action reviews going."
    report.frameworks[0].teams[0].dimensions[1].advice = "Hold a monthly peer-learning hour."
    let html = ComparisonHTMLReporter().render(report)
    #expect(html.contains("Bands and what to do"))
    #expect(html.contains("Strong"))
    #expect(html.contains("Keep the after-action reviews going."))
    #expect(html.contains("<strong>Beta (53/100):</strong> Hold a monthly peer-learning hour."))
  }
}
