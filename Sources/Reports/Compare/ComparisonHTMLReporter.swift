import SurveyModel

/// The comparison as one self-contained HTML file (inline CSS and SVG, no scripts, no network):
/// heatmap, index ranking, team profiles, details, reliability, privacy and method.
public struct ComparisonHTMLReporter: ReportRenderer {
  public static let identifier = "html"
  public init() {}

  public func render(_ report: ComparisonReport) -> String {
    let e = HTMLText.escape
    let w = ReportWords(report.survey.language)
    let report = w.namingOrganisation(report)
    let input = report.input
    var out =
      HTMLText.pageStart(title: "\(report.survey.title): \(w("team-comparison"))", generator: "cultivar compare", language: w.language) + """
        <header>
        <h1>\(e(report.survey.title)): \(HTMLText.words(w("team-comparison")))</h1>
        <p class="meta">\(e(w.file(input))): \(e(w.rows(input))) · \(HTMLText.words(w("baseline-word"))): \(e(w.baseline(report.baseline)))</p>
        </header>

        """
    out +=
      "<nav>" + report.frameworks.map { "<a href=\"#fw-\(e($0.id))\">\(e($0.name))</a>" }.joined()
      + "<a href=\"#privacy\">\(HTMLText.words(w("privacy")))</a><a href=\"#method\">\(HTMLText.words(w("method")))</a></nav>\n"
    for framework in report.frameworks { out += section(framework, report: report, words: w) }
    out += "<section class=\"card\" id=\"privacy\"><h2>\(HTMLText.words(w("privacy")))</h2>\(HTMLSections.privacy(report, w))</section>\n"
    out += "<section class=\"card\" id=\"method\"><h2>\(HTMLText.words(w("method")))</h2>\(HTMLSections.method(report, w))</section>\n"
    out += "<footer>\(HTMLText.words(w("html.generated")))</footer>\n</main>\n</body>\n</html>\n"
    return out
  }

  private func section(_ framework: FrameworkComparison, report: ComparisonReport, words w: ReportWords) -> String {
    let e = HTMLText.escape
    let k = report.privacy.minGroupSize
    var out = "<section class=\"card framework\" id=\"fw-\(e(framework.id))\">\n"
    out +=
      "<h2>\(e(framework.name)) <small class=\"meta\">\(e(framework.id)) \(e(framework.version)), \(HTMLText.words(w("scale"))) \(e(framework.scale.rangeText))</small></h2>\n"
    out +=
      "<h3>\(HTMLText.words(w("html.differ")))</h3>\n<p class=\"note\">\(HTMLText.words(w("html.differ-note", ["baseline": w.baseline(report.baseline)])))</p>\n"
    out +=
      "<figure class=\"heatmap\">\(HeatmapChart(framework: framework, minGroupSize: k, words: w).html())\(HTMLSections.legend(framework, w))</figure>\n"
    // Only the declarative index (mean of dimension POMPs) has a known sampling variance.
    let declarative = framework.indexHeading == "Index"
    let heading = declarative ? "\(w("index")) 0–100" : framework.indexHeading
    let note = w(declarative ? "html.with-ci" : "html.without-ci", ["index": heading])
    out += "<h3>\(HTMLText.words(w("html.ranking")))</h3>\n<p class=\"note\">\(e(note))</p>\n"
    out += "<figure class=\"ranking\"><div class=\"chart-wrap\">\(RankingChart(framework: framework, words: w).svg())</div></figure>\n"
    out += "<h3>\(HTMLText.words(w("html.bands")))</h3>\n\(HTMLSections.bands(framework, minGroupSize: k, words: w))\n"
    let shown = framework.teams.filter { $0.suppression == nil }
    out +=
      "<h3>\(HTMLText.words(w("html.profiles")))</h3>\n<p class=\"note\">\(HTMLText.words(w("html.profiles-note")))</p>\n<div class=\"profiles\">"
    for team in shown {
      out +=
        "<figure><figcaption><span class=\"name\">\(HTMLText.name(team.team))</span> <span>n = \(team.n)\(team.isBaseline ? ", " + HTMLText.words(w("baseline-word")) : "")</span></figcaption><div class=\"chart-wrap\">\(ProfileChart(framework: framework, team: team, words: w).svg())</div></figure>"
    }
    out += "</div>\n<h3>\(HTMLText.words(w("html.details")))</h3>\n\(HTMLSections.details(framework, w))\n"
    let deletion = RuleSentences(w).deletion(report.method.deletionRule)
    out +=
      "<h3>\(HTMLText.words(w("reliability")))</h3>\n<p class=\"note\">\(HTMLText.words(w("html.reliability-note", ["rule": deletion])))</p>\n\(HTMLSections.reliability(framework, w))\n"
    return out + "</section>\n"
  }
}
