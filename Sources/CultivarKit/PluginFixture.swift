import Foundation
import SurveyModel

/// A plugin test case: a response file (`tests/NAME.csv` in the plugin's folder) and the
/// scores it must give (`tests/NAME.expected.json`):
///
/// ```json
/// { "min_group_size": 1, "tolerance": 0.001,
///   "teams": { "Alpha": { "index": 62.5, "band": "Developing",
///                         "dimensions": { "trust": 3.5, "voice": { "mean": 3, "n": 4 } } } } }
/// ```
/// A dimension's expectation is its mean, or an object with any of `mean`, `sd`, `n`, `pomp`,
/// `favorable_pct`. `"measures": { id: { ... } }` checks a measure's `n`, `mean`, `sd`, `sum`,
/// `at_least_pct`, `at_most_pct` or `pooled`. `"advice_includes": [text, ...]` lists passages the team's band advice
/// must contain (for advice a `band` hook writes). The organisation row is the team
/// `"(all teams)"`. A fixture for bad data may instead expect scoring to fail:
/// `{ "error_includes": ["hook 'score'", "responses.csv:3", "my message"] }` passes when scoring
/// stops with an error that contains every passage.
struct PluginFixture {
  /// Passages the scoring error must contain (empty: scoring must succeed).
  let errorIncludes: [String]
  let responses: String
  let expectedFile: String
  let minGroupSize: Int
  let tolerance: Double
  /// team → checks (what, expected value).
  let expectations: [String: [(what: String, value: Expectation)]]

  enum Expectation {
    case number(Double)
    case text(String)
    /// Text that must occur in the actual text.
    case passage(String)
  }

  /// The fixtures in a plugin's `tests/` folder, sorted by name.
  static func find(pluginFolder: String) -> [String] {
    let folder = (pluginFolder as NSString).appendingPathComponent("tests")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".csv") && !$0.hasSuffix(".rejects.csv") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
  }

  /// Reads the expectations beside `responses`.
  /// - Throws: a message when the expected file is missing or malformed.
  init(responses: String) throws {
    self.responses = responses
    expectedFile = String(responses.dropLast(4)) + ".expected.json"
    guard let data = FileManager.default.contents(atPath: expectedFile) else {
      throw FixtureError("missing \((expectedFile as NSString).lastPathComponent) beside the responses")
    }
    let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    if let passages = root?["error_includes"] {
      guard let list = passages as? [String], !list.isEmpty else { throw FixtureError("'error_includes' must be a list of texts") }
      errorIncludes = list
    } else {
      errorIncludes = []
    }
    guard let root, let teams = root["teams"] as? [String: Any] ?? (errorIncludes.isEmpty ? nil : [:]) else {
      throw FixtureError("\((expectedFile as NSString).lastPathComponent) must be a JSON object with a \"teams\" object (or an \"error_includes\" list)")
    }
    minGroupSize = root["min_group_size"] as? Int ?? 1
    tolerance = root["tolerance"] as? Double ?? 1e-6
    var expectations: [String: [(String, Expectation)]] = [:]
    for (team, value) in teams {
      guard let fields = value as? [String: Any] else { throw FixtureError("team '\(team)' must map to an object") }
      var checks: [(String, Expectation)] = []
      if let index = fields["index"] as? Double { checks.append(("index", .number(index))) }
      if let band = fields["band"] as? String { checks.append(("band", .text(band))) }
      if let n = fields["n"] as? Double { checks.append(("n", .number(n))) }
      if let passages = fields["advice_includes"] {
        guard let list = passages as? [String] else { throw FixtureError("team '\(team)': 'advice_includes' must be a list of texts") }
        checks += list.map { ("band_advice", .passage($0)) }
      }
      for (dimension, spec) in (fields["dimensions"] as? [String: Any]) ?? [:] {
        if let mean = spec as? Double {
          checks.append(("\(dimension).mean", .number(mean)))
        } else if let object = spec as? [String: Any] {
          for (key, v) in object {
            guard let number = v as? Double else { throw FixtureError("team '\(team)', dimension '\(dimension)': '\(key)' must be a number") }
            checks.append(("\(dimension).\(key)", .number(number)))
          }
        } else {
          throw FixtureError("team '\(team)', dimension '\(dimension)' must be a number (the mean) or an object")
        }
      }
      for (measure, spec) in (fields["measures"] as? [String: Any]) ?? [:] {
        guard let object = spec as? [String: Any] else { throw FixtureError("team '\(team)', measure '\(measure)' must be an object") }
        for (key, v) in object {
          guard let number = v as? Double else { throw FixtureError("team '\(team)', measure '\(measure)': '\(key)' must be a number") }
          checks.append(("measure:\(measure).\(key)", .number(number)))
        }
      }
      expectations[team] = checks.sorted { $0.0 < $1.0 }
    }
    self.expectations = expectations
  }
}

/// A fixture that cannot be read.
struct FixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
