import Foundation
import SurveyIO
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
  /// - Parameter shown: the responses' path as shown in messages.
  init(responses: String, shown: String) throws {
    self.responses = responses
    expectedFile = String(responses.dropLast(4)) + ".expected.json"
    let name = String(shown.dropLast(4)) + ".expected.json"
    guard let data = FileManager.default.contents(atPath: expectedFile) else {
      throw FixtureError(
        "missing \(name) beside the responses\n  hint: write the scores the responses must give, e.g. { \"teams\": { \"Alpha\": { \"index\": 62.5 } } } ('cultivar plugins new NAME' writes a complete example)"
      )
    }
    let parsed: Any
    do {
      parsed = try JSONSerialization.jsonObject(with: data)
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "it is not valid JSON"
      throw FixtureError("\(name): \(detail)\n  hint: check for a missing comma or quote, or a comma after the last entry (JSON allows none)")
    }
    let root = parsed as? [String: Any]
    if let root { try Self.checkKeys(root, allowed: Self.rootKeys, in: "\(name)") }
    if let passages = root?["error_includes"] {
      guard let list = passages as? [String], !list.isEmpty else {
        throw FixtureError("\(name): 'error_includes' must be a list of texts, e.g. [\"hook 'score'\"]")
      }
      errorIncludes = list
    } else {
      errorIncludes = []
    }
    guard let root, let teams = root["teams"] as? [String: Any] ?? (errorIncludes.isEmpty ? nil : [:]) else {
      throw FixtureError("\(name) must be a JSON object with a \"teams\" object (or an \"error_includes\" list)")
    }
    minGroupSize = root["min_group_size"] as? Int ?? 1
    tolerance = root["tolerance"] as? Double ?? 1e-6
    var expectations: [String: [(String, Expectation)]] = [:]
    for (team, value) in teams {
      guard let fields = value as? [String: Any] else {
        throw FixtureError("\(name): team '\(team)' must map to an object, e.g. { \"index\": 62.5 }")
      }
      try Self.checkKeys(fields, allowed: Self.teamKeys, in: "\(name), team '\(team)'")
      var checks: [(String, Expectation)] = []
      if let index = fields["index"] as? Double { checks.append(("index", .number(index))) }
      if let band = fields["band"] as? String { checks.append(("band", .text(band))) }
      if let n = fields["n"] as? Double { checks.append(("n", .number(n))) }
      if let passages = fields["advice_includes"] {
        guard let list = passages as? [String] else {
          throw FixtureError("\(name): team '\(team)': 'advice_includes' must be a list of texts, e.g. [\"talk to\"]")
        }
        checks += list.map { ("band_advice", .passage($0)) }
      }
      for (dimension, spec) in (fields["dimensions"] as? [String: Any]) ?? [:] {
        if let mean = spec as? Double {
          checks.append(("\(dimension).mean", .number(mean)))
        } else if let object = spec as? [String: Any] {
          try Self.checkKeys(object, allowed: Self.dimensionKeys, in: "\(name), team '\(team)', dimension '\(dimension)'")
          for (key, v) in object {
            guard let number = v as? Double else {
              throw FixtureError("\(name): team '\(team)', dimension '\(dimension)': '\(key)' must be a number")
            }
            checks.append(("\(dimension).\(key)", .number(number)))
          }
        } else {
          throw FixtureError(
            "\(name): team '\(team)', dimension '\(dimension)' must be a number (the mean) or an object such as { \"mean\": 3.5, \"n\": 4 }")
        }
      }
      for (measure, spec) in (fields["measures"] as? [String: Any]) ?? [:] {
        guard let object = spec as? [String: Any] else { throw FixtureError("team '\(team)', measure '\(measure)' must be an object") }
        try Self.checkKeys(object, allowed: Self.measureKeys, in: "\(name), team '\(team)', measure '\(measure)'")
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

extension PluginFixture {
  static let rootKeys = ["teams", "min_group_size", "tolerance", "error_includes"]
  static let teamKeys = ["index", "band", "n", "advice_includes", "dimensions", "measures"]
  static let measureKeys = ["n", "mean", "sd", "sum", "at_least_pct", "at_most_pct", "pooled"]
  static let dimensionKeys = ["mean", "sd", "n", "pomp", "favorable_pct", "neutral_pct", "unfavorable_pct"]

  /// A key the fixture format does not know is an error, not a check silently skipped; keys
  /// starting with `_` are the author's comments.
  static func checkKeys(_ object: [String: Any], allowed: [String], in place: String) throws {
    for key in object.keys.sorted() where !allowed.contains(key) && !key.hasPrefix("_") {
      throw FixtureError(
        "\(place): unknown key '\(key)'\(Suggestion.hint(for: key, in: allowed))\n  hint: the keys here are \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")); keys starting with '_' are comments"
      )
    }
  }

  /// The header problems of a fixture's response file in CSV terms: a fixture has no survey
  /// file, so its columns are always `respondent_id`, `team` and the plugin's item ids.
  static func csvTerms(_ problems: InputProblems, file: String, items: [String]) -> InputProblems {
    let itemList = items.count > 10 ? items.prefix(10).joined(separator: ", ") + ", …" : items.joined(separator: ", ")
    let fixed = problems.problems.map { problem -> InputError in
      guard problem.file == file else { return problem }
      var problem = problem
      guard problem.line == 1 else {
        // `plugins test` has no --skip-invalid: a fixture's rows must all be valid.
        if problem.hint?.contains("--skip-invalid") == true {
          problem.hint =
            "fix the row in \(file); a fixture's rows must all be valid (to test that bad data fails, expect the error with \"error_includes\" in the .expected.json)"
        }
        return problem
      }
      let m = problem.message
      if m.contains("is not an item of this survey") {
        problem.message = m.replacingOccurrences(of: "is not an item of this survey", with: "is not one of the plugin's items")
        problem.hint =
          "a fixture's columns are respondent_id, team and the plugin's item ids (\(itemList)): rename the column in the header row (line 1) of \(file), or delete the column"
      } else if m.contains("has no name") {
        problem.hint = "give the column a name in the header row (line 1) of \(file), or delete the column"
      } else if m.hasPrefix("there is no team column") {
        problem.hint = "add a column named 'team' to the header row (line 1) of \(file): a fixture's team column is always 'team'"
      } else if m.hasPrefix("there is no respondent column") {
        problem.hint =
          "add a column named 'respondent_id' to the header row (line 1) of \(file): a fixture's respondent column is always 'respondent_id'"
      } else if m.hasPrefix("no column for item") {
        problem.hint =
          "add the columns to the header row (line 1) of \(file), leaving cells empty where there is no answer: a fixture has a column for every item of the plugin"
      }
      return problem
    }
    return InputProblems(fixed, total: problems.total)
  }
}

/// A fixture that cannot be read.
struct FixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
