import Foundation
import SurveyModel

/// The rules for wave names: short text without commas (`--waves` lists them with commas)
/// or control characters, e.g. `2026-q3`.
enum WaveName {
  /// - Throws: ``UsageError`` naming what is wrong with `name`.
  static func check(_ name: String) throws {
    let problem: String?
    if name.trimmingCharacters(in: .whitespaces).isEmpty {
      problem = "the wave name is empty"
    } else if name.count > 64 {
      problem = "the wave name '\(name.prefix(20))...' is longer than 64 characters"
    } else if name.contains(",") || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      problem = "the wave name '\(name)' contains a comma or a control character"
    } else if name != name.trimmingCharacters(in: .whitespaces) {
      problem = "the wave name '\(name)' starts or ends with a space"
    } else {
      problem = nil
    }
    if let problem { throw UsageError(message: problem, hint: "name waves like 2026-q3 or spring-2026") }
  }
}
