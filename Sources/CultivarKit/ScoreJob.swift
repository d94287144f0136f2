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
    guard let reporter = makeReporter(format: format) else {
      throw InputError(kind: .file, file: format, message: "unknown format '\(format)'", hint: "use one of: \(builtInReporters.map { type(of: $0).identifier }.joined(separator: ", "))")
    }
    let run = try SurveyRun(surveyPath: surveyPath, responsesPath: responsesPath, workspace: workspace, note: note)
    try run.readAll(skipInvalid: skipInvalid)
    let (results, privacy) = try run.engine.results(minGroupSize: run.survey.minGroupSize)
    let input = try run.finish(rejectsPath: rejectsPath ?? SurveyRun.defaultRejectsPath(beside: outputPath ?? responsesPath))
    let survey = run.survey
    let report = ScoreReport(survey: SurveyInfo(id: survey.id, title: survey.title), input: input, frameworks: results, privacy: privacy)
    note(SurveyRun.summaryLine(input))
    let text = reporter.render(report)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }
}
