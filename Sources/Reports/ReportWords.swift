import FormText
import SurveyModel

/// The reports' own words (headings, column names, rule labels, verdicts, privacy phrases) in
/// the language a report is read in, from the `report.*` keys of the message files that the
/// forms use too (`Sources/FormText/Messages`): one wording per concept, in en, de, fr and es.
/// Other languages, and reports without one, read English.
struct ReportWords {
  private let messages: Messages

  init(_ language: String?) { messages = Messages(language) }

  /// The language the words are in (`en` when the report's has no message file).
  var language: String { messages.language }

  /// The text of `report.KEY` with each `{name}` replaced by `values[name]`.
  func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
    messages("report." + key, values)
  }

  /// What was read of an input: "233 rows read, 233 used, 0 rejected".
  func rows(_ input: InputSummary) -> String {
    let values = ["read": String(input.rowsRead), "used": String(input.rowsUsed), "rejected": String(input.rowsRejected)]
    return self(input.rowsRead == 1 ? "rows-one" : "rows", values)
  }

  /// What was read: the response file, or the stored wave in this language ("cultivar.sqlite
  /// Welle '2026-spring'").
  func file(_ input: InputSummary) -> String {
    guard let wave = input.wave, input.file.hasSuffix(" wave '\(wave)'") else { return input.file }
    return self("stored-wave", ["store": String(input.file.dropLast(" wave '\(wave)'".count)), "wave": wave])
  }

  /// The input line of a report: the file, what was read, and the rejects file if any.
  func inputLine(_ input: InputSummary) -> String {
    "\(file(input)): \(rows(input))" + (input.rejectsFile.map { " " + self("see", ["file": $0]) } ?? "")
  }

  /// Why a number is withheld, without revealing anything about the group.
  func reason(_ reason: Suppression) -> String { self("reason." + reason.rawValue) }

  /// Why a group is suppressed: "fewer than 5 respondents", or the rule's reason.
  func suppression(_ reason: Suppression, minGroupSize: Int) -> String {
    reason == .belowMinimum ? self("fewer-than", ["size": String(minGroupSize)]) : self.reason(reason)
  }

  /// The baseline a comparison is made with, in words.
  func baseline(_ baseline: Baseline) -> String {
    switch baseline {
    case .restOfOrganisation: return self("baseline.rest")
    case .team(let name): return self("baseline.team", ["team": name])
    case .parent: return self("baseline.parent")
    }
  }

  /// An index heading: the default "Index" in this language, a plugin's label as it is.
  func indexHeading(_ heading: String) -> String { heading == "Index" ? self("index") : heading }

  /// An index heading whose label may be the default lower-case "index" ("index 0–100" in a
  /// trend): that word in this language, the rest (a range, a plugin's label) as it is.
  func indexHeading(_ heading: String, label: String) -> String {
    label == "index" && heading.hasPrefix(label) ? indexLabel(label) + heading.dropFirst(label.count) : indexHeading(heading)
  }

  /// An index's label: the default "index" in this language, a plugin's label as it is.
  func indexLabel(_ label: String) -> String { label == "index" ? self("index-label") : label }

  /// The report with its organisation row named in this language ("(alle Teams)"), in the
  /// rows and in the privacy audit (the machine formats keep "(all teams)").
  func namingOrganisation(_ report: ScoreReport) -> ScoreReport {
    guard let original = report.frameworks.first?.organisation.team, self("all-teams") != original else { return report }
    var report = report
    for f in report.frameworks.indices { report.frameworks[f].organisation.team = self("all-teams") }
    report.privacy = namingOrganisation(report.privacy, original)
    return report
  }

  /// The comparison with its organisation row named in this language.
  func namingOrganisation(_ report: ComparisonReport) -> ComparisonReport {
    guard let original = report.frameworks.first?.organisation.team, self("all-teams") != original else { return report }
    var report = report
    for f in report.frameworks.indices { report.frameworks[f].organisation.team = self("all-teams") }
    report.privacy = namingOrganisation(report.privacy, original)
    return report
  }

  private func namingOrganisation(_ privacy: PrivacySummary, _ original: String) -> PrivacySummary {
    var privacy = privacy
    for i in privacy.audit.indices where privacy.audit[i].group == original { privacy.audit[i].group = self("all-teams") }
    return privacy
  }

  /// A group's name, the organisation's ("(all teams)") in this language.
  func group(_ name: String) -> String { name == Self.english("all-teams") ? self("all-teams") : name }

  private static let english = ReportWords(nil)

  /// A cut in words: "team" in this language, `unit:2` as it is.
  func cut(_ cut: String) -> String { cut == "team" ? self("cut-team") : cut }

  /// "1 item", "4 items".
  func items(_ n: Int) -> String { n == 1 ? self("items-one") : self("items", ["n": String(n)]) }
}
