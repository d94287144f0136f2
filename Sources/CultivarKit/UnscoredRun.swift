import Organisation
import Privacy
import Store
import SurveyIO
import SurveyModel

/// What `comments` and `selections` share: the survey, its comment and multi-select items, the
/// answers to them (from a response file or a wave), and the published groups (teams, or the
/// units of `--by unit:N`) decided by the anonymity engine.
struct UnscoredRun {
  let context: SurveyScoring
  let items: UnscoredItems
  let input: InputSummary
  let rows: [UnscoredAnswers]
  /// `team` or `unit:N`.
  let cut: String
  private let regroup: ((String) -> String)?

  static let organisationName = "(all teams)"

  /// `item` as the report shows it: its text and option labels in the run's language (cells
  /// are read in the plugin's own, whatever the language).
  func shown(_ item: Item, of framework: Framework) -> Item {
    guard let language = context.language else { return item }
    return framework.localized(to: language).unscoredItems.first { $0.id == item.id } ?? item
  }

  /// Reads the answers. Invalid rows (a bad team or multi-select cell) fail the run, listed,
  /// unless `skipInvalid`; they are then counted, never written anywhere (they may hold comments).
  /// - Throws: ``InputError``, ``InputProblems``, ``StoreError``, ``UsageError``.
  init(
    surveyPath: String, responsesPath: String?, wave: String?, storePath: String, organisationPath: String?, cut: String?,
    skipInvalid: Bool, workspace: Workspace, note: (String) -> Void, language: String? = nil
  ) throws {
    context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note, language: language)
    items = UnscoredItems(frameworks: context.frameworks)
    let survey = context.survey
    let chart = try organisationPath.map { try OrgChartLoader.load(path: $0, displayName: workspace.display($0)) }
    var plan: CutPlan?
    if let cut, cut != "team" {
      guard cut.hasPrefix("unit:") else {
        throw UsageError(
          message: "--by \(cut): comments and multi-selects are cut by team or by one unit level",
          hint: "use --by team or --by unit:N (1 = the top units)")
      }
      plan = try CutPlan(cut, chart: chart, attributes: [])
    }
    self.cut = cut ?? "team"
    if let wave {
      try WaveName.check(wave)
      let store = try StoreAccess.open(storePath, workspace: workspace, create: false)
      let ref = try store.wave(wave, survey: survey.id)
      rows = try store.unscoredAnswers(
        of: ref, comments: items.comments.map(\.item.id), multis: items.multis.map { ($0.item.id, $0.item.options.count) })
      input = InputSummary(file: "\(store.name) wave '\(wave)'", rowsRead: rows.count, rowsUsed: rows.count, rowsRejected: 0)
    } else {
      let path = responsesPath ?? ""
      let reader = try UnscoredAnswerReader(
        path: path, displayName: workspace.display(path), survey: survey,
        comments: items.comments.map(\.item), multis: items.multis.map(\.item))
      var rows: [UnscoredAnswers] = []
      var problems: [InputError] = []
      var problemCount = 0
      var rejected = 0
      while let outcome = try reader.next() {
        switch outcome {
        case .answers(let answers): rows.append(answers)
        case .rejected(let rowProblems):
          rejected += 1
          problemCount += rowProblems.count
          if problems.count < 20 { problems += rowProblems.prefix(20 - problems.count).map { $0.error(in: reader.file) } }
        }
      }
      if problemCount > 0, !skipInvalid {
        problems[0].hint =
          "fix the rows, or run with --skip-invalid to leave them out (they are counted, and not written anywhere since they may hold comments)"
        throw InputProblems(problems, total: problemCount)
      }
      self.rows = rows
      input = InputSummary(file: reader.file, rowsRead: reader.rowsRead, rowsUsed: rows.count, rowsRejected: rejected)
    }
    if let plan {
      let groupOf = Self.unitGroups(plan, teams: Set(rows.map(\.team)))
      if let problems = plan.unknownUnits(responses: input.file) { throw problems }
      regroup = { groupOf[$0] ?? $0 }
    } else {
      regroup = nil
    }
  }

  /// The engine's decision over the published groups, for data points that a row answers or
  /// not (`answered(row, d)`), with the rows of each team.
  func decide(dataPoints: [String], answered: (UnscoredAnswers, Int) -> Bool, rule: (Population) -> Disclosure)
    -> (decision: GroupedDisclosure, teamRows: [[Int]])
  {
    var rowsOfTeam: [String: [Int]] = [:]
    for (i, row) in rows.enumerated() { rowsOfTeam[row.team, default: []].append(i) }
    let names = rowsOfTeam.keys.sorted()
    let teams = names.map { name -> (name: String, atom: Population.Atom) in
      var counts = [Int](repeating: 0, count: dataPoints.count)
      var respondents = 0
      for i in rowsOfTeam[name]! {
        var any = false
        for d in dataPoints.indices where answered(rows[i], d) {
          counts[d] += 1
          any = true
        }
        if any { respondents += 1 }
      }
      return (name, Population.Atom(respondents: respondents, counts: counts))
    }
    let decision = GroupedDisclosure(teams: teams, dataPoints: dataPoints, organisation: Self.organisationName, regroup: regroup, decide: rule)
    return (decision, names.map { rowsOfTeam[$0]! })
  }

  /// The rows of a published group (nil: the organisation), in file or store order.
  func rows(of group: GroupedDisclosure.Group?, teamRows: [[Int]]) -> [Int] {
    guard let group else { return Array(rows.indices) }
    return group.atoms.flatMap { teamRows[$0] }.sorted()
  }

  /// The published unit each team's comments count in under a unit cut (`unit:N`; comments and
  /// multi-selects are not cut by attributes): the published unit of the team's line, or the
  /// team itself when it sits above the level. The cut's groups are made once for all teams.
  private static func unitGroups(_ plan: CutPlan, teams: Set<String>) -> [String: String] {
    let teams = Array(teams)
    let keys = teams.map { AttributeKey.compose(team: $0, values: []) }
    let groups = plan.groups(keys: keys)
    var groupOf: [String: String] = [:]
    for (team, key) in zip(teams, keys) {
      let place = groups.place(key)
      groupOf[team] = place.groups.first { groups.groups[$0].published }.map { groups.groups[$0].name } ?? team
    }
    return groupOf
  }
}
