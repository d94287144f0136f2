import Privacy
import Reports
import SurveyIO
import SurveyModel

/// `cultivar selections`: for each multi-select item and published group, the respondents who
/// answered it, the percentage choosing each option and the mean number of options chosen,
/// each shown only as the anonymity engine decides (the survey's numeric threshold).
public struct SelectionsJob {
  /// The survey, its answers, the groups, the format and the language.
  public var input: UnscoredInput

  /// The rule in words, for reports.
  static func rule(_ k: Int) -> String {
    RuleSentences().selections(minGroupSize: k)
  }

  public init(input: UnscoredInput) {
    self.input = input
  }

  /// Runs the job and returns the rendered report.
  /// - Throws: ``InputError``, ``InputProblems``, ``StoreError``, ``UsageError``.
  public func run() throws -> String {
    let renderer = try OutputFormats.selections.renderer(named: input.format)
    let (run, multis) = try input.open(publishing: .multiSelects)
    let policy = PrivacyPolicy(minGroupSize: run.context.survey.minGroupSize)
    let decision = run.decide(
      dataPoints: multis.map(\.item.id), answered: { row, d in row.selections[d] != nil }, rule: { AnonymityEngine.decide($0, policy: policy) })
    var items: [SelectionsReport.Item] = []
    for (d, entry) in multis.enumerated() {
      let options = entry.item.options
      var groups: [SelectionsReport.Group] = []
      for group in run.groups(decision, dataPoint: d, named: entry.item.id) {
        var percents: [Double] = []
        var mean: Double?
        if group.withheld == nil, group.n > 0 {
          var chosen = [Int](repeating: 0, count: options.count)
          var total = 0
          for i in group.rows {
            guard let bits = run.rows[i].selections[d] else { continue }
            total += bits.nonzeroBitCount
            for o in options.indices where bits & (1 << UInt32(o)) != 0 { chosen[o] += 1 }
          }
          percents = chosen.map { Double($0) / Double(group.n) * 100 }
          mean = Double(total) / Double(group.n)
        }
        groups.append(.init(name: group.name, n: group.n, withheld: group.withheld, wouldShow: group.wouldShow, percents: percents, meanChosen: mean))
      }
      let shown = run.shown(entry.item, of: entry.framework)
      items.append(.init(id: entry.item.id, text: shown.text, options: shown.options.map { ($0.id, $0.label) }, groups: groups))
    }
    let report = SelectionsReport(
      survey: run.surveyInfo, input: run.input, cut: run.cut, minGroupSize: policy.threshold, rule: Self.rule(policy.threshold), items: items)
    input.note(RunSupport.summaryLine(run.input, language: run.context.language))
    return renderer.render(report)
  }
}
