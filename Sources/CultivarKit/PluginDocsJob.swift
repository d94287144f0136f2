import Foundation
import PluginHost
import SurveyIO

/// `cultivar plugins docs`: the plugin API reference generated from the host registry, printed
/// or written into the marked sections of Markdown files (see ``GeneratedSections``).
public struct PluginDocsJob {
  public init() {}

  private var sections: [(name: String, text: String)] {
    APIReference.sections.map { ($0.name, $0.text) }
  }

  /// The whole reference, for standard output.
  public func reference() -> String {
    "## The plugin table\n\n\(APIReference.pluginTable)\n## The `cultivar` module\n\n\(APIReference.hostAPI)"
  }

  /// Rewrites the marked sections of `files` (with `check`, only compares).
  /// - Returns: one line per file.
  /// - Throws: ``AuthoringError`` for a missing file, a file without markers, or (with
  ///   `check`) a file whose sections are out of date.
  public func update(files: [String], check: Bool) throws -> String {
    var lines: [String] = []
    var stale: [String] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw AuthoringError("cannot read \(file)", status: .noInput)
      }
      let old = String(decoding: data, as: UTF8.self)
      let (new, found) = try GeneratedSections.fill(old, with: sections, file: file)
      if found.isEmpty {
        throw AuthoringError(
          "\(file) has no generated sections",
          hint:
            "add a line '\(GeneratedSections.begin("host-api"))' and a line '\(GeneratedSections.end("host-api"))' where the reference belongs (or 'plugin-table')",
          status: .dataError)
      }
      if new == old {
        lines.append("up to date: \(file) (\(found.joined(separator: ", ")))")
      } else if check {
        stale.append(file)
      } else {
        do { try AtomicFile.write(new, to: file) } catch { throw AuthoringError("cannot write \(file)", status: .cannotCreate) }
        lines.append("updated: \(file) (\(found.joined(separator: ", ")))")
      }
    }
    if !stale.isEmpty {
      throw AuthoringError(
        "the generated reference in \(stale.joined(separator: ", ")) is out of date",
        hint: "run 'cultivar plugins docs --update \(stale.joined(separator: " "))' (or 'make docs')", status: .failure)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
