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

  /// The line that accounts for every row read, for standard error, in the report's language.
  static func summaryLine(_ input: InputSummary, language: String?) -> String { RunSummary.line(input, language: language) }

  /// Writes the privacy audit alone to `path` (nothing when nil), atomically; its lines in
  /// the report's language (JSON stays machine-readable).
  static func writePrivacyReport(_ audits: [(label: String?, privacy: PrivacySummary)], to path: String?, language: String?) throws {
    guard let path else { return }
    try AtomicFile.write(PrivacyAuditReport.render(audits, json: path.hasSuffix(".json"), language: language), to: path)
  }
}
