import Organisation
import Privacy
import Scoring
import Store
import SurveyIO
import SurveyModel

/// What `comments` and `selections` share: the survey, its comment and multi-select items, the
/// answers to them (from a response file or a wave), and the published groups (teams, or the
/// groups of `--by`: units, attribute values, or units crossed with them) decided by the
/// anonymity engine, as `score --by` decides them.
struct UnscoredRun {
  let context: SurveyScoring
  let items: UnscoredItems
  let input: InputSummary
  let rows: [UnscoredAnswers]
  /// `team`, or what `--by` gave (see ``CutPlan``).
  let cut: String
  /// The cut's universe of groups, over the teams (nil: by team).
  private let cuts: CutGroups?

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
      plan = try CutPlan(cut, chart: chart, attributes: survey.attributes)
    }
    // A run that cuts keys each row by its team and attribute values, as `score --by` does, so
    // both decide the same universe of groups (attribute values and crossed cells included).
    let keyAttributes = plan != nil && !survey.attributes.isEmpty
    self.cut = cut ?? "team"
    if let wave {
      try WaveName.check(wave)
      let store = try StoreAccess.open(storePath, workspace: workspace, create: false)
      let ref = try store.wave(wave, survey: survey.id)
      var rows = try store.unscoredAnswers(
        of: ref, comments: items.comments.map(\.item.id), multis: items.multis.map { ($0.item.id, $0.item.options.count) })
      if keyAttributes {
        try Self.key(&rows, from: store.responses(of: ref, itemIDs: [], byLanguage: false, attributes: survey.attributes), store: store.name)
      }
      self.rows = rows
      input = InputSummary(file: "\(store.name) wave '\(wave)'", rowsRead: rows.count, rowsUsed: rows.count, rowsRejected: 0, wave: wave)
    } else {
      let path = responsesPath ?? ""
      let reader = try UnscoredAnswerReader(
        path: path, displayName: workspace.display(path), survey: survey,
        comments: items.comments.map(\.item), multis: items.multis.map(\.item),
        multiLabels: items.multis.map { [context] in context.labels(of: $0.item) }, keyAttributes: keyAttributes)
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
      // Every team cell names a unit (or a path) before anything is decided.
      let keys = Set(rows.map(\.team)).sorted()
      let cuts = plan.groups(keys: keys)
      for key in keys { _ = cuts.place(key) }
      if let problems = plan.unknownUnits(responses: input.file) { throw problems }
      self.cuts = cuts
    } else {
      cuts = nil
    }
  }

  /// Puts each stored row's group key (its team and stored attribute values) in its team: both
  /// reads list a wave's responses in the order of their random ids.
  /// - Throws: ``StoreError`` when the wave changed between the two reads.
  private static func key(_ rows: inout [UnscoredAnswers], from keys: any ResponseSource, store: String) throws {
    var i = 0
    while let outcome = try keys.next() {
      guard case .row(let row) = outcome else { continue }
      guard i < rows.count, AttributeKey.split(row.team).team == rows[i].team else { break }
      rows[i].team = row.team
      i += 1
    }
    guard i == rows.count, keys.rowsRead == rows.count else {
      throw StoreError(
        kind: .cannotOpen, store: store, message: "the wave changed while its comments and attributes were read",
        hint: "run the command again once the responses being submitted are stored")
    }
  }

  /// The engine's decision over the published groups, for data points that a row answers or
  /// not (`answered(row, d)`): the one decision numeric cuts use (``CutDecision``), so
  /// comments and percentages published under one cut are checked against every other cut.
  func decide(dataPoints: [String], answered: (UnscoredAnswers, Int) -> Bool, rule: @escaping (Population) -> Disclosure) -> Published {
    var rowsOfTeam: [String: [Int]] = [:]
    for (i, row) in rows.enumerated() { rowsOfTeam[row.team, default: []].append(i) }
    let names = rowsOfTeam.keys.sorted()
    let atoms = names.map { name -> Population.Atom in
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
      return Population.Atom(respondents: respondents, counts: counts)
    }
    let points = dataPoints.map { Population.DataPoint(name: $0, framework: 0) }
    let teamRows = names.map { rowsOfTeam[$0]! }
    guard let cuts else {
      let decision = CutDecision(
        dataPoints: points, atoms: AtomTotals(atoms, width: points.count), organisation: Self.organisationName,
        teams: names.enumerated().map { .init(name: $1, atoms: [$0], parent: nil) }, groups: [], decide: rule)
      let groups = names.indices.map { Published.Group(name: names[$0], atoms: [$0], disclosure: 0, node: $0 + 1) }
      return Published(groups: groups, disclosures: [decision.teams], audit: decision.teams.audit, teamRows: teamRows)
    }
    // The atoms are the rows' keys (a team, or a team with its attribute values), numbered in
    // the unit tree's order; the teams pool their atoms, as `score --by` pools them
    // (PublishedView+Cuts: units are ranges of atoms, see CutLayout).
    let layout = CutLayout(keys: names, cuts: cuts)
    let decision = CutDecision(
      dataPoints: points, atoms: AtomTotals(layout.original.map { atoms[$0] }, width: points.count), organisation: Self.organisationName,
      teams: layout.teams,
      groups: layout.groups, atomOrder: layout.original, decide: rule)
    // The run's own groups: the published units with someone in them, and the teams above the
    // level published as they are (they keep the teams' decision).
    var own: [(cut: String, group: Published.Group)] = []
    for (g, group) in cuts.groups.enumerated() where group.published && layout.sizes[g] > 0 {
      own.append((group.cut, .init(name: group.name, atoms: layout.members[g].list, disclosure: 1, node: decision.nodes[g])))
    }
    for (t, team) in layout.teams.enumerated() where cuts.publishedTeam(team.name) {
      own.append(("team", .init(name: team.name, atoms: team.atoms, disclosure: 0, node: t + 1)))
    }
    own.sort { ($0.group.name, $0.group.disclosure, $0.group.node) < ($1.group.name, $1.group.disclosure, $1.group.node) }
    return Published(
      groups: own.map(\.group), disclosures: [decision.teams, decision.universe],
      audit: decision.audit(publishing: Set(own.map { CutDecision.CutName(cut: $0.cut, name: $0.group.name) })),
      teamRows: layout.original.map { teamRows[$0] })
  }

  /// The rows of a published group (nil: the organisation), in file or store order.
  func rows(of group: Published.Group?, in published: Published) -> [Int] {
    guard let group else { return Array(rows.indices) }
    return group.atoms.flatMap { published.teamRows[$0] }.sorted()
  }

  /// What a run of `comments` or `selections` publishes: its groups, read from the one
  /// decision (``CutDecision``).
  struct Published {
    /// A published group: its name, the teams it pools, and where its decision is.
    struct Group {
      let name: String
      let atoms: [Int]
      let disclosure: Int
      let node: Int
    }

    let groups: [Group]
    /// [0]: the teams' decision (and the organisation's); [1]: the universe's, under a cut.
    let disclosures: [Disclosure]
    /// Every withheld group or number of the run's groups, with its rule.
    let audit: [AuditEntry]
    /// The rows of each atom (a team, or a team with attribute values), as the groups number them.
    let teamRows: [[Int]]

    /// Respondents behind data point `d` of the group (nil: the organisation).
    func count(_ g: Int?, dataPoint d: Int) -> Int {
      guard let g else { return disclosures[0].counts[0][d] }
      return disclosures[groups[g].disclosure].counts[groups[g].node][d]
    }

    /// Why data point `d` of the group is withheld (nil: the organisation), or nil when shown.
    func withheld(_ g: Int?, dataPoint d: Int) -> Suppression? {
      guard let g else { return disclosures[0].withheld(0, dataPoint: d) }
      return disclosures[groups[g].disclosure].withheld(groups[g].node, dataPoint: d)
    }

    /// What would show data point `d` (named `point`) of the group called `name`, from the audit.
    func wouldShow(group name: String, dataPoint point: String) -> AuditHint? {
      (audit.first { $0.group == name && $0.dataPoint == point } ?? audit.first { $0.group == name && $0.dataPoint == nil })?.wouldShow
    }
  }
}
