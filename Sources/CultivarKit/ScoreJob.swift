import Foundation
import PluginHost
import Reports
import Scoring
import SurveyIO
import SurveyModel

/// `cultivar score`: reads a survey and its responses once, folds them into per-team results
/// and renders them.
public struct ScoreJob {
  public var surveyPath: String
  public var responsesPath: String
  public var format: String
  /// Where to write the report (nil = return it for standard output).
  public var outputPath: String?
  /// Leave invalid rows out (and write them to `rejectsPath`) instead of failing.
  public var skipInvalid: Bool
  public var rejectsPath: String?
  public var workspace: Workspace
  /// Threads that parse and score (the results do not depend on it).
  public var jobs = ProcessInfo.processInfo.activeProcessorCount
  /// Bytes per chunk of the response file (a tuning knob; results do not depend on it).
  public var chunkBytes = 4 << 20
  /// Receives warnings and the row summary (for standard error).
  public var note: (String) -> Void

  /// The output formats `run()` accepts.
  public static var formats: [String] { builtInReporters.map { type(of: $0).identifier } }

  public init(surveyPath: String, responsesPath: String, format: String = "table", outputPath: String? = nil,
              skipInvalid: Bool = false, rejectsPath: String? = nil, workspace: Workspace = Workspace(),
              note: @escaping (String) -> Void = { _ in }) {
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
    try run(catalog: workspace.catalog(surveyFile: surveyPath))
  }

  /// Runs the job with plugins already loaded (watch mode keeps the last good ones).
  /// - Parameter catalog: the plugins visible from the survey.
  public func run(catalog: PluginCatalog) throws -> String? {
    guard let reporter = makeReporter(format: format) else {
      throw InputError(kind: .file, file: format, message: "unknown format '\(format)'", hint: "use one of: \(builtInReporters.map { type(of: $0).identifier }.joined(separator: ", "))")
    }
    let survey = try SurveyLoader.load(path: surveyPath, displayName: workspace.display(surveyPath))
    let scoring = try SurveyScoring(survey: survey, catalog: catalog)
    reportUnusedFailures(catalog, used: Set(survey.frameworks.map(\.id)))
    let reader = try ChunkedResponseFile(
      path: responsesPath, displayName: workspace.display(responsesPath), survey: survey, items: scoring.itemColumns, chunkSize: chunkBytes)
    let outcome = try scoring.score(reader, workers: jobs, skipInvalid: skipInvalid)
    let rejects = outcome.rejects
    var rejectsFile: String? = nil
    if rejects.count > 0 {
      let path = rejectsPath ?? defaultRejectsPath()
      rejectsFile = workspace.display(path)
      try rejects.write(to: path)
    }
    let input = InputSummary(file: reader.file, rowsRead: outcome.rowsRead, rowsUsed: outcome.rowsUsed, rowsRejected: rejects.count, rejectsFile: rejectsFile)
    let report = ScoreReport(survey: SurveyInfo(id: survey.id, title: survey.title), input: input, frameworks: outcome.frameworks, privacy: outcome.privacy)
    note("\(reader.file): \(input.rowsRead) rows read, \(input.rowsUsed) used, \(input.rowsRejected) rejected" + (rejectsFile.map { " (written to \($0))" } ?? ""))
    let text = reporter.render(report)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }

  private func defaultRejectsPath() -> String {
    let base = outputPath ?? responsesPath
    let url = URL(fileURLWithPath: base)
    return url.deletingPathExtension().path + ".rejects.csv"
  }

  private func reportUnusedFailures(_ catalog: PluginCatalog, used: Set<String>) {
    for note in catalog.notes { self.note("warning: \(note)") }
    for failure in catalog.failures where !(failure.pluginID.map(used.contains) ?? false) {
      self.note("warning: \(failure.file) was not loaded (not needed for this survey): \(failure.problems.first ?? "")")
    }
  }
}
