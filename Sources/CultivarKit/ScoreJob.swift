import Foundation
import PluginHost
import Reports
import Scoring
import SurveyIO
import SurveyModel

/// `cultivar score`: reads a survey and its responses (a CSV file or a wave of the store)
/// once, folds them into per-team results and renders them.
public struct ScoreJob {
  public var surveyPath: String
  public var responses: ResponseInput
  public var format: String
  /// Where to write the report (nil = return it for standard output).
  public var outputPath: String?
  /// Leave invalid rows out (and write them to `rejectsPath`) instead of failing.
  public var skipInvalid: Bool
  public var rejectsPath: String?
  public var workspace: Workspace
  /// Receives warnings and the row summary (for standard error).
  public var note: (String) -> Void

  public init(surveyPath: String, responses: ResponseInput, format: String = "table", outputPath: String? = nil,
              skipInvalid: Bool = false, rejectsPath: String? = nil, workspace: Workspace = Workspace(),
              note: @escaping (String) -> Void = { _ in }) {
    self.surveyPath = surveyPath
    self.responses = responses
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
    let context = try SurveyContext.load(path: surveyPath, workspace: workspace, note: note)
    let survey = context.survey
    let engine = context.makeEngine()
    let reader = try responses.open(context, workspace: workspace)
    let shownResponses = reader.file
    var rejects = RejectsWriter(header: reader.header)
    var problems: [InputError] = []
    var problemCount = 0
    while let outcome = try reader.next() {
      switch outcome {
      case .row(let row):
        do { try engine.add(row) } catch var error as PluginError {
          error.responsesFile = shownResponses
          throw error
        }
      case .rejected(let line, let rowProblems, let fields):
        rejects.add(line: line, problems: rowProblems, fields: fields)
        problemCount += rowProblems.count
        if problems.count < 20 { problems += rowProblems.prefix(20 - problems.count).map { $0.error(in: shownResponses) } }
      }
    }
    if !skipInvalid, problemCount > 0 {
      var all = problems
      all[0].hint = "fix the rows, or run with --skip-invalid to leave them out and write them to a rejects file"
      throw InputProblems(all, total: problemCount)
    }
    let (results, privacy) = try engine.results(minGroupSize: survey.minGroupSize)
    var rejectsFile: String? = nil
    if rejects.count > 0 {
      let path = rejectsPath ?? defaultRejectsPath()
      rejectsFile = workspace.display(path)
      try rejects.write(to: path)
    }
    let input = InputSummary(file: shownResponses, rowsRead: reader.rowsRead, rowsUsed: engine.respondentCount, rowsRejected: rejects.count, rejectsFile: rejectsFile)
    let report = ScoreReport(survey: SurveyInfo(id: survey.id, title: survey.title), input: input, frameworks: results, privacy: privacy)
    note("\(shownResponses): \(input.rowsRead) rows read, \(input.rowsUsed) used, \(input.rowsRejected) rejected" + (rejectsFile.map { " (written to \($0))" } ?? ""))
    let text = reporter.render(report)
    guard let outputPath else { return text }
    try AtomicFile.write(text, to: outputPath)
    return nil
  }

  private func defaultRejectsPath() -> String {
    var base = outputPath
    if base == nil, case .file(let path) = responses { base = path }
    let url = URL(fileURLWithPath: base ?? "responses")
    return url.deletingPathExtension().path + ".rejects.csv"
  }
}
