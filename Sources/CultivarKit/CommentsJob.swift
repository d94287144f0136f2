import Foundation
import Privacy
import Reports
import Statistics
import SurveyIO
import SurveyModel

/// `cultivar comments`: the comments of each published group, when the anonymity engine's
/// comment rule lets them be shown, scrubbed of e-mail addresses, phone numbers and listed
/// names, in a random order, with their theme counts.
public struct CommentsJob {
  /// The survey, its answers, the groups, the format and the language.
  public var input: UnscoredInput
  /// The comment threshold asked for (nil: the default).
  public var minComments: Int?
  /// A file of names to replace, one per line.
  public var namesPath: String?
  /// The seed of the shuffle (nil: a fresh random order every run).
  public var seed: UInt64?

  public init(input: UnscoredInput) {
    self.input = input
  }

  /// Runs the job and returns the rendered report.
  /// - Throws: ``InputError``, ``InputProblems``, ``StoreError``, ``UsageError``, ``PluginError``.
  public func run() throws -> String {
    let renderer = try OutputFormats.comments.renderer(named: input.format)
    let (run, comments) = try input.open(publishing: .comments)
    let policy = try CommentPolicy(numeric: PrivacyPolicy(minGroupSize: run.context.survey.minGroupSize), requested: minComments)
    let scrubber = CommentScrubber(names: try readNames())
    let points = comments.map(\.item.id)
    let decision = run.decide(
      dataPoints: points, answered: { row, d in row.comments[d] != nil }, rule: { AnonymityEngine.decideComments($0, policy: policy) })
    var random = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
    let plugins = Dictionary(run.context.frameworks.map { ($0.plugin.framework.id, $0.plugin) }, uniquingKeysWith: { a, _ in a })
    var items: [CommentsReport.Item] = []
    for (d, entry) in comments.enumerated() {
      let plugin = plugins[entry.framework.id]!
      // The hook sees comments: what it logs is counted, never shown.
      plugin.withholdsHookLog = true
      var scrubbed: [Int: String] = [:]
      var themes: [Int: [Int]] = [:]
      var groups: [CommentsReport.Group] = []
      for group in run.groups(decision, dataPoint: d, named: entry.item.id) {
        var texts: [String] = []
        var counts: [Int] = []
        if group.withheld == nil {
          counts = Array(repeating: 0, count: entry.framework.themes.count)
          for row in group.rows where run.rows[row].comments[d] != nil {
            let text = scrubbed[row] ?? scrubber.scrub(run.rows[row].comments[d]!)
            scrubbed[row] = text
            texts.append(text)
            guard !counts.isEmpty else { continue }
            // Each comment is classified once, so a team's counts and the organisation's agree.
            let found = try themes[row] ?? plugin.themes(of: text)
            themes[row] = found
            for theme in found { counts[theme] += 1 }
          }
          texts.shuffle(using: &random)
        }
        groups.append(
          .init(
            name: group.name, commenters: group.n, withheld: group.withheld, wouldShow: group.wouldShow, comments: texts, themeCounts: counts))
      }
      let shownThemes = run.context.language.map { entry.framework.localized(to: $0).themes } ?? entry.framework.themes
      items.append(.init(id: entry.item.id, text: run.shown(entry.item, of: entry.framework).text, themes: shownThemes, groups: groups))
    }
    let report = CommentsReport(
      survey: run.surveyInfo, input: run.input, cut: run.cut, threshold: policy.threshold, rule: policy.summary, items: items)
    input.note(RunSupport.summaryLine(run.input, language: run.context.language))
    let logged = run.context.frameworks.reduce(0) { $0 + $1.plugin.withheldLogLines }
    if logged > 0 {
      input.note(
        "note: plugin hooks wrote \(Counted.phrase(logged, "log line", plural: "log lines")) while classifying comments; they are not shown, since hooks see the comments"
      )
    }
    return renderer.render(report)
  }

  private func readNames() throws -> [String] {
    guard let namesPath else { return [] }
    guard let data = FileManager.default.contents(atPath: namesPath), let text = String(data: data, encoding: .utf8) else {
      throw InputError(
        kind: .file, file: input.workspace.display(namesPath), message: "cannot read the names file",
        hint: "give a UTF-8 text file with one name per line")
    }
    return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
  }
}
