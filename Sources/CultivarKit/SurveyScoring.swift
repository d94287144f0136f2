import PluginHost
import Scoring
import Store
import SurveyIO
import SurveyModel

/// A survey loaded with its plugins, ready to score: the definition, the plugins, the compiled
/// plan and the anonymity rules. What every command that reads, collects or scores responses
/// starts from; every pass over responses goes through the Scoring module's pipeline
/// (``ScoreEngine/score(_:scorers:)``), whatever the source.
struct SurveyScoring {
  /// What one pass produced.
  struct Outcome {
    var frameworks: [FrameworkResult]
    var privacy: PrivacySummary
    var rowsRead: Int
    var rowsUsed: Int
    var rejects: RejectsWriter
    /// Log lines hooks wrote and that were not shown (see ``Plugin/withholdsHookLog``).
    var withheldHookLog = 0
    /// The groups of the cut, when the run cuts (see ``SurveyScoring/cuts``).
    var cutGroups: CutGroups?
    /// Every unit of every level and its groups, when asked for (see ``SurveyScoring/units``).
    var units: (frameworks: [FrameworkResult], groups: CutGroups)?

    /// The note about withheld hook log lines, if any.
    var withheldLogNote: String? {
      withheldHookLog == 0
        ? nil
        : "note: plugin hooks wrote \(withheldHookLog) log line\(withheldHookLog == 1 ? "" : "s") while scoring; they are not shown, since hooks see individual answers (use `cultivar plugins run` on test data to see them)"
    }
  }

  let survey: SurveyDefinition
  let plugins: [Plugin]
  /// Each plugin with the items the survey uses of it (nil: all).
  let frameworks: [(plugin: Plugin, items: [String]?)]
  /// The language the texts are in (nil for a survey that names no languages).
  var language: String? = nil
  let plan: ScoringPlan
  /// The anonymity rules every result passes through (the survey's minimum group size).
  /// Publish groups of teams (e.g. the units of an organisation level) instead of the teams.
  var regroup: ((String) -> String)?
  /// Publish the groups of a cut (units, attributes, crossed), given the groups' keys read.
  var cuts: (([String]) -> CutGroups)?
  /// Also publish every unit of every level (`--by unit`), decided with the same universe as
  /// ``cuts`` (e.g. the parent units `compare --baseline parent` compares with).
  var units: (([String]) -> CutGroups)?
  /// Publish the groups of a cut made after ``regroup``'s groups are decided (a trend's cut of
  /// a wave whose teams are mapped), given the keys read, what ``regroup`` publishes, and a
  /// way to ask what another cut of the same responses publishes (e.g. `score --by` the wave).
  var mappedCuts: (([String], [FrameworkResult], (CutGroups) throws -> [FrameworkResult]) throws -> CutGroups)?
  var policy: PrivacyPolicy

  /// Resolves the survey's frameworks among the catalog's plugins.
  /// - Throws: ``InputProblems`` for unknown plugin ids or items.
  /// - Parameter withholdHookLog: count what hooks log instead of showing it (every run that
  ///   publishes results; `plugins test` shows it).
  /// - Parameter language: the language of the frameworks' texts in the results (nil: the
  ///   survey's default).
  init(survey: SurveyDefinition, catalog: PluginCatalog, withholdHookLog: Bool = true, language: String? = nil) throws {
    let frameworks = try FrameworkResolver.resolve(survey, catalog: catalog)
    let shown = language ?? survey.defaultLanguage
    // Comment and multi-select columns are read by `comments` and `selections`, never scored.
    self.survey = survey.ignoring(frameworks.flatMap { UnscoredItems.columns(of: $0.plugin.framework, subset: $0.items) })
    plugins = frameworks.map(\.plugin)
    self.frameworks = frameworks
    for plugin in plugins {
      plugin.withholdsHookLog = withholdHookLog
      plugin.language = shown
    }
    plan = ScoringPlan(uses: frameworks.map { (shown.map($0.plugin.framework.localized) ?? $0.plugin.framework, $0.items) })
    policy = PrivacyPolicy(minGroupSize: survey.minGroupSize)
  }

  /// Loads the survey file and the plugins it names.
  /// - Parameters:
  ///   - note: receives warnings about plugins that failed to load.
  ///   - language: the language of the texts (`--lang`; nil: the survey's default).
  /// - Throws: ``InputError``, ``InputProblems``, ``UsageError`` for a language the survey is
  ///   not offered in.
  static func load(path: String, workspace: Workspace, note: (String) -> Void, language requested: String? = nil) throws -> SurveyScoring {
    let survey = try SurveyLoader.load(path: path, displayName: workspace.display(path))
    let catalog = workspace.catalog(surveyFile: path, only: Set(survey.frameworks.map(\.id)))
    let language = try SurveyLanguages.choose(requested, survey: survey)
    var scoring = try SurveyScoring(survey: survey, catalog: catalog, language: language)
    scoring.language = language
    RunSupport.reportUnusedFailures(catalog, used: Set(survey.frameworks.map(\.id)), note: note)
    return scoring
  }

  /// The responses to score, read one by one: the stored wave `wave` when given, else the
  /// response file. `keyed`: a cut by attributes needs each row's attribute values, so its
  /// team is its group key (``AttributeKey``).
  /// - Throws: ``InputError``, ``InputProblems`` or a store error when the source cannot be opened.
  func responses(wave: String?, storePath: String, file: String, workspace: Workspace, keyed: Bool) throws -> any ResponseSource {
    if let wave {
      return try StoreInput.open(
        wave: wave, storePath: storePath, surveyID: survey.id, itemIDs: plan.slots, workspace: workspace,
        attributes: keyed ? survey.attributes : [])
    }
    return try ResponseFileReader(
      path: file, displayName: workspace.display(file), survey: survey, items: itemColumns, keyAttributes: keyed && !survey.attributes.isEmpty)
  }

  /// The item columns a response file must have, with their scales and choice options.
  /// Labels are read in every language the survey declares (and the plugins' own), whatever
  /// the run's `--lang`: the language changes what a report says, never which cells are read.
  var itemColumns: [ResponseFileReader.ItemColumn] {
    let loaded = ScoringPlan(uses: frameworks.map { ($0.plugin.framework, $0.items) })
    let scored = loaded.frameworks.flatMap { f in
      f.items.map { item in
        var column = ResponseFileReader.ItemColumn(id: item.id, scale: f.framework.scale, options: item.options)
        column.labels = ItemLabels.of(item: item.id, options: item.options, in: f.framework, languages: survey.languages)
        return column
      }
    }
    return scored
      + loaded.counted.map { item in
        var column = ResponseFileReader.ItemColumn(item: item, scale: Scale(min: 0, max: Double(item.options.count)))
        column.labels = labels(of: item)
        return column
      }
  }

  /// The labels of `item` in each language of the survey (``ItemLabels``), from its plugin.
  func labels(of item: Item) -> [ItemLabels] {
    guard let framework = frameworks.map(\.plugin.framework).first(where: { f in (f.items + f.unscoredItems).contains { $0.id == item.id } })
    else { return [] }
    let options = (framework.items + framework.unscoredItems).first { $0.id == item.id }?.options ?? item.options
    return ItemLabels.of(item: item.id, options: options, in: framework, languages: survey.languages)
  }

  /// The item of each value slot, with its text and its framework's scale.
  var items: [(item: Item, scale: Scale)] {
    plan.frameworks.flatMap { framework in framework.items.map { ($0, framework.framework.scale) } }
  }

  /// The items of ``items`` with their texts in `language` (nil: as loaded).
  func items(in language: String?) -> [(item: Item, scale: Scale)] {
    guard let language else { return items }
    let plan = ScoringPlan(uses: frameworks.map { ($0.plugin.framework.localized(to: language), $0.items) })
    return plan.frameworks.flatMap { framework in framework.items.map { ($0, framework.framework.scale) } }
  }

  /// The survey as the store records it, with the plugin versions in use.
  var stamp: SurveyStamp {
    SurveyStamp(key: survey.id, title: survey.title, plugins: plugins.map { PluginVersion(id: $0.framework.id, version: $0.framework.version) })
  }

  /// Reads every row of `source` once and scores it (a store's wave, an export, a small file
  /// read row by row), through the same pipeline as a response file.
  /// - Parameters:
  ///   - workers: scoring threads (one when an observer is given, so it sees rows in order).
  ///   - skipInvalid: leave invalid rows out instead of failing.
  ///   - observer: sees every scored respondent (e.g. a comparison's collector).
  /// - Throws: ``InputProblems`` listing invalid rows (unless `skipInvalid`), ``PluginError``.
  func score(_ source: ResponseSource, workers: Int = 1, skipInvalid: Bool, observer: ScoredRowObserver? = nil) throws -> Outcome {
    try score(ResponseBatches(source, slots: plan.slots.count), workers: workers, skipInvalid: skipInvalid, observer: observer)
  }

  /// Reads `source` in pieces on `workers` threads and scores it. The numbers are the same
  /// whatever the number of workers.
  func score<Source: RowBatchSource>(_ source: Source, workers: Int, skipInvalid: Bool, observer: ScoredRowObserver? = nil) throws -> Outcome {
    let engine = makeEngine()
    let workers = observer == nil ? max(1, workers) : 1
    var scorers: [BatchScorer] = []
    var copies: [Plugin] = []
    for _ in 0..<workers {
      // One worker uses the plugins' own states (nothing else runs Lua while it works).
      let hooks: [Plugin?] = try plugins.map { plugin in
        guard plugin.framework.hooks.contains(.score) else { return nil }
        if workers == 1 { return plugin }
        let copy = try plugin.copy()
        copies.append(copy)
        return copy
      }
      scorers.append(BatchScorer(plan: plan, hooks: hooks.map { $0 as ScoringHooks? }))
    }
    scorers[0].observer = observer
    let (rowsRead, rejected): (Int, [RejectedRecord])
    do {
      (rowsRead, rejected) = try engine.score(source, scorers: scorers)
    } catch var error as PluginError {
      error.responsesFile = source.file
      throw error
    }
    var outcome = try finish(engine, file: source.file, header: source.header, rowsRead: rowsRead, rejected: rejected, skipInvalid: skipInvalid)
    outcome.withheldHookLog += copies.reduce(0) { $0 + $1.withheldLogLines }
    return outcome
  }

  /// A new scoring engine for the survey's plan, with the plugins' hooks.
  func makeEngine() -> ScoreEngine {
    ScoreEngine(plan: plan, hooks: plugins.map { $0.framework.hooks.isEmpty ? nil : $0 })
  }

  private func finish(_ engine: ScoreEngine, file: String, header: [String], rowsRead: Int, rejected: [RejectedRecord], skipInvalid: Bool) throws
    -> Outcome
  {
    var rejects = RejectsWriter(header: header)
    // A rejected row's comments stay out of the rejects file.
    let commentIDs = Set(plugins.flatMap { $0.framework.unscoredItems.filter { $0.kind == .text }.map(\.id) })
    let commentColumns = header.indices.filter { commentIDs.contains(header[$0]) }
    for row in rejected {
      rejects.add(line: row.line, problems: row.problems, fields: UnscoredItems.withholdingComments(row.fields, columns: commentColumns))
    }
    let problemCount = rejected.reduce(0) { $0 + $1.problems.count }
    if !skipInvalid, problemCount > 0 {
      var problems = Array(rejected.lazy.flatMap(\.problems).prefix(20).map { $0.error(in: file) })
      problems[0].hint = "fix the rows, or run with --skip-invalid to leave them out and write them to a rejects file"
      throw InputProblems(problems, total: problemCount)
    }
    let mapped = try mappedCuts.map { cut in
      try cut(engine.groupKeys, engine.results(policy: policy, regroup: regroup).frameworks) {
        try engine.results(policy: policy, cuts: $0).frameworks
      }
    }
    let cutGroups = mapped ?? cuts.map { $0(engine.groupKeys) }
    let (results, privacy) =
      try cutGroups.map { try engine.results(policy: policy, cuts: $0) }
      ?? engine.results(policy: policy, regroup: regroup)
    var outcome = Outcome(frameworks: results, privacy: privacy, rowsRead: rowsRead, rowsUsed: engine.respondentCount, rejects: rejects)
    outcome.cutGroups = cutGroups
    if let groups = units?(engine.groupKeys) { outcome.units = (try engine.results(policy: policy, cuts: groups).frameworks, groups) }
    outcome.withheldHookLog = plugins.reduce(0) { $0 + $1.withheldLogLines }
    return outcome
  }
}
