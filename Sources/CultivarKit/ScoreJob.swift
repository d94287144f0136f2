import Foundation
import Organisation
import PluginHost
import Reports
import Scoring
import SurveyIO
import SurveyModel

/// `cultivar score`: reads a survey and its responses (a CSV file, or a wave of the response
/// store) once, folds them into per-team results and renders them.
public struct ScoreJob {
  public var surveyPath: String
  /// The response file (unused when ``wave`` is set).
  public var responsesPath: String
  /// A wave of the store to score instead of the response file.
  public var wave: String?
  /// The resolved store path for ``wave`` (see ``Workspace/storePath(explicit:)``).
  public var storePath = Workspace.storePath(explicit: nil)
  public var format: String
  /// Where to write the report (nil = return it for standard output).
  public var outputPath: String?
  /// Leave invalid rows out (and write them to `rejectsPath`) instead of failing.
  public var skipInvalid: Bool
  public var rejectsPath: String?
  /// Where to write the privacy audit alone (JSON when the name ends in `.json`), if anywhere.
  public var privacyReportPath: String?
  public var workspace: Workspace
  /// Threads that parse and score (the results do not depend on it).
  public var jobs = ProcessInfo.processInfo.activeProcessorCount
  /// Bytes per chunk of the response file (a tuning knob). Sums are merged chunk by chunk, so
  /// it can change the last bits of a result over a file larger than one chunk; `jobs` cannot.
  public var chunkBytes = CSVChunker.defaultChunkSize
  /// Receives warnings and the row summary (for standard error).
  public var note: (String) -> Void
  /// The organisation file whose units the team cells name (nil: paths in the team column).
  public var organisationPath: String?
  /// `unit:N` to publish the organisation's units at level N instead of the teams.
  public var cut: String?
  /// With a unit cut: publish each unit's direct members only (`--direct`).
  public var direct = false
  /// The wave whose headcounts give participation (default: ``wave``).
  public var headcountWave: String?
  /// The language of the plugins' texts in the report (`--lang`; nil: the survey's default).
  public var language: String?

  /// The output formats `run()` accepts.
  public static var formats: [String] { OutputFormats.score.names }

  public init(
    surveyPath: String, responsesPath: String, format: String = "table", outputPath: String? = nil,
    skipInvalid: Bool = false, rejectsPath: String? = nil, workspace: Workspace = Workspace(),
    note: @escaping (String) -> Void = { _ in }
  ) {
    self.surveyPath = surveyPath
    self.responsesPath = responsesPath
    self.format = format
    self.outputPath = outputPath
    self.skipInvalid = skipInvalid
    self.rejectsPath = rejectsPath
    self.workspace = workspace
    self.note = note
  }

  /// Runs the job.
  /// - Returns: the rendered report when no output file was given, else nil.
  /// - Throws: ``InputError``, ``InputProblems``, ``PluginError``; nothing is written then.
  public func run() throws -> String? {
    let survey = try SurveyLoader.load(path: surveyPath, displayName: workspace.display(surveyPath))
    return try run(catalog: workspace.catalog(surveyFile: surveyPath, only: Set(survey.frameworks.map(\.id))))
  }

  /// Runs the job with plugins already loaded (watch mode keeps the last good ones).
  /// - Parameter catalog: the plugins visible from the survey.
  public func run(catalog: PluginCatalog) throws -> String? {
    let reporter = try OutputFormats.score.renderer(named: format)
    var survey = try SurveyLoader.load(path: surveyPath, displayName: workspace.display(surveyPath))
    let language = try SurveyLanguages.choose(self.language, survey: survey)
    let byLanguage = cut == LanguageCut.name
    if byLanguage, wave == nil { survey = try LanguageCut.regroup(survey) }
    var scoring = try SurveyScoring(survey: survey, catalog: catalog, language: language)
    RunSupport.reportUnusedFailures(catalog, used: Set(survey.frameworks.map(\.id)), note: note)
    let chart = try organisationPath.map { try OrgChartLoader.load(path: $0, displayName: workspace.display($0)) }
    var plan: CutPlan? = nil
    if direct, cut == nil || cut == "team" || byLanguage {
      throw UsageError(message: "--direct needs a unit cut", hint: "use --by unit:N --direct (or --by unit --direct) for each unit's direct members")
    }
    if let cut, cut != "team", !byLanguage {
      let made = try CutPlan(cut, chart: chart, attributes: survey.attributes, direct: direct)
      scoring.cuts = made.groups(keys:)
      plan = made
    }
    let keyAttributes = plan != nil && !survey.attributes.isEmpty
    let outcome: SurveyScoring.Outcome
    let file: String
    if let wave {
      let source = try StoreInput.batches(
        wave: wave, storePath: storePath, surveyID: survey.id, itemIDs: scoring.plan.slots, workspace: workspace, byLanguage: byLanguage,
        attributes: keyAttributes ? survey.attributes : [], readers: jobs)
      outcome = try scoring.score(source, workers: jobs, skipInvalid: skipInvalid)
      file = source.file
    } else {
      let reader = try ChunkedResponseFile(
        path: responsesPath, displayName: workspace.display(responsesPath), survey: scoring.survey, items: scoring.itemColumns, chunkSize: chunkBytes,
        keyAttributes: keyAttributes)
      outcome = try scoring.score(reader, workers: jobs, skipInvalid: skipInvalid)
      file = reader.file
    }
    let rejectsFile = try RunSupport.writeRejects(
      outcome.rejects, explicitPath: rejectsPath, outputPath: outputPath, responsesPath: responsesPath, workspace: workspace)
    if let problems = plan?.unknownUnits(responses: file) { throw problems }
    let input = InputSummary(
      file: file, rowsRead: outcome.rowsRead, rowsUsed: outcome.rowsUsed, rowsRejected: outcome.rejects.count, rejectsFile: rejectsFile, wave: wave)
    var report = ScoreReport(
      survey: SurveyInfo(id: survey.id, title: survey.title(in: language), language: language), input: input, frameworks: outcome.frameworks,
      privacy: outcome.privacy)
    if let cut { report.cut = cut }
    if let chart, let first = outcome.frameworks.first, plan?.attribute == nil, !direct {
      report.participation = try Self.participation(
        chart, level: plan?.level, results: first, wave: headcountWave ?? wave,
        minimumGroupSize: survey.minGroupSize, responses: file)
    }
    note(RunSupport.summaryLine(input, language: language))
    if let withheld = outcome.withheldLogNote { note(withheld) }
    try RunSupport.writePrivacyReport([(nil, report.privacy)], to: privacyReportPath, language: language)
    guard let outputPath else { return reporter.render(report) }
    try AtomicFile.stream(to: outputPath) { write in
      let sink = ReportSink(writesInBackground: true, workers: jobs, flush: write)
      try reporter.write(report, to: sink)
      try sink.finish()
    }
    return nil
  }

  /// Participation of the published groups (units of the cut's level, or the teams as units).
  static func participation(
    _ chart: OrgChart, level: Int?, results: FrameworkResult, wave: String?, minimumGroupSize: Int,
    responses: String
  ) throws -> [ParticipationRow] {
    var responded = [Int](repeating: 0, count: chart.units.count)
    var published: [Int: String] = [:]
    // The first unit of the level by each name.
    var atLevel: [String: Int] = [:]
    if let level {
      for (u, unit) in chart.units.enumerated() where unit.level == level && atLevel[unit.name] == nil { atLevel[unit.name] = u }
    }
    for team in results.teams {
      guard let unit = atLevel[team.team] ?? chart.unit(named: team.team) else { continue }
      responded[unit] += team.n
      published[unit] = team.team
    }
    // Participation sums each unit's line from its own members: a published unit's n already
    // holds its published sub-units' (when every level is published).
    for (u, unit) in chart.units.enumerated() {
      if let parent = unit.parent, published[u] != nil, published[parent] != nil { responded[parent] -= responded[u] }
    }
    let lines: Participation
    do {
      lines = try Participation(chart: chart, responded: responded, wave: wave, minimumGroupSize: minimumGroupSize)
    } catch let problem as Participation.Problem {
      throw InputError(
        kind: .responses, file: responses,
        message: "unit '\(problem.unit)' has \(problem.responded) responses but only \(problem.invited) people invited (\(chart.file))",
        hint: "correct the unit's headcount in \(chart.file), or check for repeated submissions: one person, one response")
    }
    return lines.rows.indices.compactMap { u in
      published[u].map { ParticipationRow(unit: $0, invited: lines.rows[u].invited, responded: lines.rows[u].responded, rate: lines.rows[u].rate) }
    }
  }
}
