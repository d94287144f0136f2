import Privacy
import Reports
import SurveyIO
import SurveyModel

/// `cultivar selections`: for each multi-select item and published group, the respondents who
/// answered it, the percentage choosing each option and the mean number of options chosen,
/// each shown only as the anonymity engine decides (the survey's numeric threshold).
public struct SelectionsJob {
  public var surveyPath: String
  public var responsesPath: String?
  public var wave: String?
  public var storePath = Workspace.storePath(explicit: nil)
  /// `team` (default) or `unit:N`.
  public var cut: String?
  public var organisationPath: String?
  public var format = "table"
  public var skipInvalid = false
  public var workspace = Workspace()
  public var note: (String) -> Void = { _ in }
  /// The language the report is read in (`--lang`; nil: the survey's default).
  public var language: String?

  public static let formats = ["table", "csv", "json"]

  /// The rule in words, for reports.
  static func rule(_ k: Int) -> String {
    RuleSentences().selections(minGroupSize: k)
  }

  public init(surveyPath: String) {
    self.surveyPath = surveyPath
  }

  /// Runs the job and returns the rendered report.
  /// - Throws: ``InputError``, ``InputProblems``, ``StoreError``, ``UsageError``.
  public func run() throws -> String {
    guard Self.formats.contains(format) else { throw UsageError.unknownFormat(format, among: Self.formats) }
    let run = try UnscoredRun(
      surveyPath: surveyPath, responsesPath: responsesPath, wave: wave, storePath: storePath, organisationPath: organisationPath,
      cut: cut, skipInvalid: skipInvalid, workspace: workspace, note: note, language: language)
    let multis = run.items.multis
    guard !multis.isEmpty else {
      throw UsageError(
        message: "survey '\(run.context.survey.id)' has no multi-select items",
        hint: "a plugin declares one with type = \"multi\" and options in its items (docs/plugins.md)")
    }
    let policy = PrivacyPolicy(minGroupSize: run.context.survey.minGroupSize)
    let decision = run.decide(
      dataPoints: multis.map(\.item.id), answered: { row, d in row.selections[d] != nil }, rule: { AnonymityEngine.decide($0, policy: policy) })
    var items: [SelectionsReport.Item] = []
    for (d, entry) in multis.enumerated() {
      let options = entry.item.options
      var groups: [SelectionsReport.Group] = []
      for g in Array(decision.groups.indices).map(Optional.some) + [nil] {
        let name = g.map { decision.groups[$0].name } ?? UnscoredRun.organisationName
        let n = decision.count(g, dataPoint: d)
        let withheld = n == 0 ? nil : decision.withheld(g, dataPoint: d)
        var percents: [Double] = []
        var mean: Double?
        if withheld == nil, n > 0 {
          var chosen = [Int](repeating: 0, count: options.count)
          var total = 0
          for i in run.rows(of: g.map { decision.groups[$0] }, in: decision) {
            guard let bits = run.rows[i].selections[d] else { continue }
            total += bits.nonzeroBitCount
            for o in options.indices where bits & (1 << UInt32(o)) != 0 { chosen[o] += 1 }
          }
          percents = chosen.map { Double($0) / Double(n) * 100 }
          mean = Double(total) / Double(n)
        }
        groups.append(
          .init(
            name: name, n: n, withheld: withheld, wouldShow: withheld == nil ? "" : decision.wouldShow(group: name, dataPoint: entry.item.id),
            percents: percents, meanChosen: mean))
      }
      let shown = run.shown(entry.item, of: entry.framework)
      items.append(.init(id: entry.item.id, text: shown.text, options: shown.options.map { ($0.id, $0.label) }, groups: groups))
    }
    let survey = run.context.survey
    let report = SelectionsReport(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: run.context.language), language: run.context.language), input: run.input,
      cut: run.cut,
      minGroupSize: policy.threshold, rule: Self.rule(policy.threshold), items: items)
    note(RunSupport.summaryLine(run.input))
    switch format {
    case "csv": return SelectionsReporter.csv(report)
    case "json": return SelectionsReporter.json(report)
    default: return SelectionsReporter.table(report)
    }
  }
}
