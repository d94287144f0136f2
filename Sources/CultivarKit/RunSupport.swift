import Foundation
import PluginHost
import Reports
import SurveyIO
import SurveyModel

/// Steps every command that scores a response file takes the same way.
enum RunSupport {
  /// Warns about plugin folders' notes and about plugins that failed to load but are not used.
  static func reportUnusedFailures(_ catalog: PluginCatalog, used: Set<String>, note: (String) -> Void) {
    for message in catalog.notes { note("warning: \(message)") }
    for failure in catalog.failures where !(failure.pluginID.map(used.contains) ?? false) {
      note("warning: \(failure.file) was not loaded (not needed for this survey): \(failure.problems.first ?? "")")
    }
  }

  /// Writes the rejected rows, if any: to `explicitPath`, or beside the output (else the
  /// responses) as NAME.rejects.csv.
  /// - Returns: the rejects file as shown in messages, or nil when no row was rejected.
  /// - Throws: ``InputError`` when the file cannot be written.
  static func writeRejects(
    _ rejects: RejectsWriter, explicitPath: String?, outputPath: String?, responsesPath: String,
    workspace: Workspace
  ) throws -> String? {
    guard rejects.count > 0 else { return nil }
    let path = explicitPath ?? URL(fileURLWithPath: outputPath ?? responsesPath).deletingPathExtension().path + ".rejects.csv"
    try rejects.write(to: path)
    return workspace.display(path)
  }

  /// The line that accounts for every row read, for standard error.
  static func summaryLine(_ input: InputSummary) -> String {
    "\(input.file): \(Counted.rows(read: input.rowsRead, used: input.rowsUsed, rejected: input.rowsRejected))"
      + (input.rejectsFile.map { " (written to \($0))" } ?? "")
  }

  /// Writes the privacy audit alone to `path` (nothing when nil), atomically.
  static func writePrivacyReport(_ audits: [(label: String?, privacy: PrivacySummary)], to path: String?) throws {
    guard let path else { return }
    try AtomicFile.write(PrivacyAuditReport.render(audits, json: path.hasSuffix(".json")), to: path)
  }
}
