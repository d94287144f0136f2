import Foundation
import Importers
import Store
import SurveyIO
import SurveyModel

/// `cultivar import`: reads a survey tool's export and stores its responses in a wave: all
/// rows or none (unless invalid rows are to be skipped), duplicates of responses already in
/// the wave left out. Rows are written in short transactions to a staging area and made
/// visible in one short final transaction, so the web form never waits long for an import.
public struct ImportJob {
  public var surveyPath: String
  public var filePath: String
  public var wave: String
  /// An ``ExportFormat`` name (`auto` detects it).
  public var format: String = "auto"
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  /// The header of the team column, when it is not the survey's team column.
  public var teamColumn: String?
  /// The team of every row, for exports without a team column.
  public var team: String?
  /// How unticked boxes of one-column-per-option multi-selects are written (`zero` or
  /// `blank`; nil: blank for SurveyMonkey, 0 for the others).
  public var unticked: String?
  public var skipInvalid = false
  public var rejectsPath: String?
  public var workspace = Workspace()
  /// Receives warnings (for standard error).
  public var note: (String) -> Void = { _ in }
  /// Receives the fraction read, from 0 to 1, as the import goes.
  public var progress: (Double) -> Void = { _ in }

  /// The names `--format` accepts.
  public static var formats: [String] { ExportFormat.names }

  public init(surveyPath: String, filePath: String, wave: String, storePath: String) {
    self.surveyPath = surveyPath
    self.filePath = filePath
    self.wave = wave
    self.storePath = storePath
  }

  /// Runs the import.
  /// - Returns: the summary (rows read, imported, rejected, duplicates skipped).
  /// - Throws: ``InputError``, ``InputProblems``, ``StoreError``; nothing is stored then.
  public func run() throws -> String {
    guard let exportFormat = ExportFormat(rawValue: format) else {
      throw UsageError.unknownFormat(format, among: ExportFormat.names)
    }
    try WaveName.check(wave)
    let context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note)
    var untickedStyle: MultiDecoder.Unticked?
    if let unticked {
      guard let style = MultiDecoder.Unticked(rawValue: unticked) else {
        throw UsageError(
          message: "unknown --unticked '\(unticked)'", hint: "use zero (unticked boxes are 0) or blank (unticked boxes are empty cells)")
      }
      untickedStyle = style
    }
    let unscored = UnscoredItems(frameworks: context.frameworks)
    let items = (context.items.map { ($0.item, $0.scale) } + (unscored.multis + unscored.comments).map { ($0.item, $0.framework.scale) })
      .map { item, scale in ResponseFileReader.ItemColumn(item: item, scale: scale, labels: context.labels(of: item)) }
    let reader = try ExportReader(
      path: filePath, displayName: workspace.display(filePath), format: exportFormat, items: items,
      survey: context.survey, teamColumn: teamColumn, team: team, unticked: untickedStyle)
    if !reader.unmatchedColumns.isEmpty {
      let count = reader.unmatchedColumns.count
      // The first 20 names, so 100,000 stray columns print one short line.
      let names =
        reader.unmatchedColumns.prefix(20).map { "'\(Shortening.shortened($0, to: 60))'" }.joined(separator: ", ")
        + (count > 20 ? " and \(count - 20) more" : "")
      note("warning: \(reader.file): \(count) column\(count == 1 ? "" : "s") matched no item and \(count == 1 ? "was" : "were") left out: \(names)")
    }
    let store = try StoreAccess.open(storePath, workspace: workspace, note: note)
    let itemIDs = items.map(\.id)
    let (rejectsFile, counts) = try store.importing(into: wave, survey: context.stamp, source: reader.file, format: reader.format.rawValue) {
      session in
      let result = try copy(reader, into: session, itemIDs: itemIDs)
      return (result.rejectsFile, result.counts)
    }
    let total = try store.responseCount(of: store.wave(wave, survey: context.survey.id))
    var lines = [
      "\(reader.file) (\(reader.format.rawValue)) into wave '\(wave)': \(Counted.phrase(counts.rowsRead, "row read")), \(counts.imported) imported, \(counts.rejected) rejected, \(Counted.phrase(counts.duplicates, "duplicate skipped"))"
    ]
    if let rejectsFile { lines.append("rejected rows, with reasons: \(rejectsFile)") }
    lines.append("wave '\(wave)' of survey '\(context.survey.id)' now holds \(total) responses (\(store.name))")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads every row into the session; throws (rolling the import back) on invalid rows
  /// unless they are to be skipped, in which case the rejects file is written first.
  private func copy(_ reader: ExportReader, into session: any ImportSink, itemIDs: [String]) throws -> (counts: ImportCounts, rejectsFile: String?) {
    var counts = ImportCounts()
    var rejects = RejectsWriter(header: reader.header)
    var problems: [InputError] = []
    var problemCount = 0
    while let outcome = try reader.next() {
      counts.rowsRead += 1
      if counts.rowsRead % 512 == 0 { progress(reader.progress) }
      switch outcome {
      case .row(let row):
        try session.add(
          team: row.team, itemIDs: itemIDs, values: row.values, sourceKey: row.respondent, comments: row.comments.map { ($0.item, $0.text) },
          attributes: row.attributes.map { ($0.name, $0.value) }, language: row.language)
      case .rejected(let line, let rowProblems, let fields):
        counts.rejected += 1
        rejects.add(line: line, problems: rowProblems, fields: fields)
        problemCount += rowProblems.count
        if problems.count < 20 { problems += rowProblems.prefix(20 - problems.count).map { $0.error(in: reader.file) } }
      }
    }
    progress(1)
    if problemCount > 0, !skipInvalid {
      problems[0].hint =
        "nothing was imported; fix the rows, or run with --skip-invalid to import the valid rows and write the others to a rejects file"
      throw InputProblems(problems, total: problemCount)
    }
    guard rejects.count > 0 else { return (counts, nil) }
    let path = rejectsPath ?? URL(fileURLWithPath: filePath).deletingPathExtension().path + ".rejects.csv"
    try rejects.write(to: path)
    return (counts, workspace.display(path))
  }
}
