import SurveyModel

/// The tables and text blocks of the HTML report: dimension details, reliability, privacy and
/// method.
enum HTMLSections {
  static func details(_ framework: FrameworkComparison, _ w: ReportWords) -> String {
    let e = HTMLText.escape
    let rows = framework.teams.filter { $0.suppression == nil }.flatMap { team in
      team.dimensions.map { d -> [String] in
        if let reason = d.suppression {
          return [
            HTMLText.name(team.team), HTMLText.name(framework.dimensionName(d.id)), String(d.n), "–", "", "", "", "", "", "",
            "<span class=\"suppressed\">\(HTMLText.words(w("withheld"))): \(e(w.reason(reason)))</span>",
          ]
        }
        let x = d.difference
        let verdict =
          x.map { difference -> String in
            let css = difference.verdict == .higher ? "verdict-higher" : (difference.verdict == .lower ? "verdict-lower" : "")
            return "<span class=\"\(css)\">\(e(ComparisonWords.verdict(difference, w)))</span>"
          } ?? (team.isBaseline ? HTMLText.words(w("baseline-word")) : "")
        return [
          HTMLText.name(team.team), HTMLText.name(framework.dimensionName(d.id)), String(d.n), Format.fixed(d.mean, 2),
          e(ComparisonWords.interval(d.interval, 2)),
          Format.fixed(d.sd, 2), "\(Format.fixed(d.favorable, 0)) / \(Format.fixed(d.neutral, 0)) / \(Format.fixed(d.unfavorable, 0))",
          e(ComparisonWords.signed(x?.difference, 2)), e(ComparisonWords.p(x?.adjustedP)), e(ComparisonWords.signed(x?.cohensD, 2)), verdict,
        ]
      }
    }
    return "<div class=\"table-wrap\">"
      + HTMLText.table(
        header: [w("team"), w("dimension"), "n", w("mean"), w("ci"), w("sd"), w("fav-neu-unfav"), w("diff"), w("p-holm"), "d", w("verdict")],
        rows: rows, numeric: [2, 3, 4, 5, 6, 7, 8, 9]) + "</div>"
  }

  static func reliability(_ framework: FrameworkComparison, _ w: ReportWords) -> String {
    let e = HTMLText.escape
    var out =
      "<div class=\"table-wrap\">"
      + HTMLText.table(
        header: [w("dimension"), w("items-col"), "n", w("a-pairwise"), w("a-listwise"), w("complete"), w("item-rest")],
        rows: framework.reliability.map { scale in
          [
            e(framework.dimensionName(scale.dimension)), String(scale.items.count), String(scale.respondents),
            e(ComparisonWords.alpha(scale.pairwise)),
            e(ComparisonWords.alpha(scale.listwise)), String(scale.completeRespondents),
            scale.itemStatistics.map { item in
              let text =
                e(item.item) + " " + e(item.itemRest.map { Format.fixed($0, 2) } ?? "n/a")
                + (item.alphaIfDeleted.map { " (\(e(Format.fixed($0, 2))))" } ?? "")
              return item.warning == nil ? text : "<span class=\"warning\" title=\"\(e(item.warning!))\">\(text) ⚠</span>"
            }.joined(separator: ", "),
          ]
        }, numeric: [1, 2, 5]) + "</div>"
    let teams = framework.teams.filter { !$0.reliability.isEmpty }
    if !teams.isEmpty {
      out +=
        "<h3>\(HTMLText.words(w("alpha-per-team")))</h3><div class=\"table-wrap\">"
        + HTMLText.table(
          header: [w("team")] + framework.dimensions.map(\.name),
          rows: teams.map { team in
            [HTMLText.name(team.team)]
              + framework.dimensions.map { dimension in
                e(team.reliability.first { $0.dimension == dimension.id }.map { ComparisonWords.alpha($0.pairwise) } ?? "n/a")
              }
          }, numeric: Set(1...framework.dimensions.count)) + "</div>"
    }
    let warnings =
      framework.reliability.flatMap { $0.itemStatistics.compactMap(\.warning) }
      + teams.flatMap { team in team.reliability.flatMap { $0.itemStatistics.compactMap { $0.warning.map { "\(team.team): \($0)" } } } }
    if !warnings.isEmpty {
      out += "<ul class=\"warnings\">" + warnings.map { "<li class=\"warning\">⚠ \(e($0))</li>" }.joined() + "</ul>"
    }
    return out
  }

  /// Per shown team (and the organisation): index, band and the band's advice, and the advice
  /// of its lowest-scoring dimensions (those the plugin gives advice for).
  static func bands(_ framework: FrameworkComparison, minGroupSize: Int, words w: ReportWords) -> String {
    let e = HTMLText.escape
    var rows: [[String]] = []
    for team in framework.teams + [framework.organisation] {
      if let reason = team.suppression {
        rows.append([
          "<span class=\"name\">\(HTMLText.name(team.team))</span>", String(team.n), "", "",
          "<span class=\"muted\">\(HTMLText.words(w("suppressed"))): \(e(w.suppression(reason, minGroupSize: minGroupSize)))</span>",
        ])
        continue
      }
      let lowest = team.dimensions.filter { $0.advice != nil && $0.pomp != nil }.sorted { ($0.pomp!, $0.id) < ($1.pomp!, $1.id) }.prefix(2)
      var advice = team.bandAdvice.map { ["<p>\(e($0))</p>"] } ?? []
      advice += lowest.map { "<p><strong>\(e(framework.dimensionName($0.id))) (\(Format.fixed($0.pomp, 0))/100):</strong> \(e($0.advice!))</p>" }
      rows.append([
        "<span class=\"name\">\(HTMLText.name(team.team))</span>", String(team.n), Format.fixed(team.index, 1), team.band.map(HTMLText.name) ?? "",
        advice.joined(),
      ])
    }
    return "<div class=\"table-wrap\">"
      + HTMLText.table(
        header: [w("team"), "n", w.indexHeading(framework.indexHeading), w("band"), w("what-to-do")], rows: rows, cssClass: "data bands",
        numeric: [1, 2])
      + "</div>"
  }

  static func privacy(_ report: ComparisonReport, _ w: ReportWords) -> String {
    "<ul class=\"privacy\">" + ComparisonWords.privacy(report, w).map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
  }

  static func method(_ report: ComparisonReport, _ w: ReportWords) -> String {
    "<ul class=\"method\">" + ComparisonWords.method(report, w).map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
  }

  static func legend(_ framework: FrameworkComparison, _ w: ReportWords) -> String {
    let e = HTMLText.escape
    let cap = Format.fixed((framework.scale.max - framework.scale.min) / 4, 2)
    let ramp = "<span class=\"ramp\" aria-hidden=\"true\"></span>"
    // The colour ramp sits where the sentence says {ramp} (its place differs by language).
    let colour = HTMLText.words(w("html.legend-colour", ["cap": cap])).replacing("{ramp}", with: ramp)
    return """
      <div class="legend"><span>\(colour)</span>\
      <span>\(HTMLText.words(w("html.legend-meaningful")))</span><span><span class="swatch dashed"></span>\(HTMLText.words(w("html.legend-few")))</span>\
      <span><span class="swatch hatch"></span>\(HTMLText.words(w("html.legend-suppressed")))</span></div>
      """
  }
}
