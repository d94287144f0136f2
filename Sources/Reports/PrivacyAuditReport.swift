import SurveyModel

/// The privacy audit every run prints: each withheld group or number, the rule that withheld
/// it, the threshold, and what would show it. As lines (table, Markdown, HTML) and as JSON.
public enum PrivacyAuditReport {
  /// The audit's lines, the rule first.
  public static func lines(_ privacy: PrivacySummary) -> [String] { lines(privacy, words: ReportWords(nil)) }

  /// The audit's lines in the report's language.
  static func lines(_ privacy: PrivacySummary, words w: ReportWords) -> [String] {
    var out = [
      "\(w("privacy")): \(w("privacy-rule", ["size": String(privacy.minGroupSize), "rule": RuleSentences(w).privacy(minGroupSize: privacy.minGroupSize)]))"
    ]
    let all = entries(privacy)
    if all.isEmpty {
      out.append(w("nothing-withheld"))
      return out
    }
    for entry in all { out.append("- " + line(entry, words: w)) }
    return out
  }

  /// The audit's entries; a summary made without the engine (only whole groups listed) gets
  /// one entry per withheld group.
  public static func entries(_ privacy: PrivacySummary) -> [AuditEntry] {
    guard privacy.audit.isEmpty else { return privacy.audit }
    return privacy.suppressed.map { group in
      AuditEntry(cut: "team", group: group.team, dataPoint: nil, rule: group.reason, threshold: privacy.minGroupSize, n: group.n, wouldShow: nil)
    }
  }

  /// One entry in words.
  public static func line(_ entry: AuditEntry) -> String { line(entry, words: ReportWords(nil)) }

  /// One entry in the report's language.
  static func line(_ entry: AuditEntry, words w: ReportWords) -> String {
    let what = entry.dataPoint.map { "\(entry.group), \($0)" } ?? entry.group
    let scope = entry.dataPoint == nil ? w("scores-withheld") : w("withheld")
    let why = w.suppression(entry.rule, minGroupSize: entry.threshold)
    return "\(what) (n = \(entry.n)): \(scope), \(why) [\(entry.rule.rawValue), \(w("threshold")) \(entry.threshold)]"
      + w.wouldShowSuffix(entry.wouldShow, group: entry.group)
  }

  /// The audit as JSON (the `privacy` block of every JSON report, and `--privacy-report`):
  /// machine-readable, so in English whatever the report's language, with the hint's kind and
  /// numbers beside its sentence (`would_show_when`).
  static func json(_ privacy: PrivacySummary) -> JSON {
    .object([
      ("min_group_size", .number(Double(privacy.minGroupSize))),
      ("rule", .string(privacy.rule)),
      (
        "suppressed",
        .list(privacy.suppressed.count) { g in
          let group = privacy.suppressed[g]
          return .object([("team", .string(group.team)), ("n", .number(Double(group.n))), ("reason", .string(group.reason.rawValue))])
        }
      ),
      (
        "withheld",
        .list(privacy.audit.count) { e in
          let entry = privacy.audit[e]
          return .object([
            ("cut", .string(entry.cut)), ("group", .string(entry.group)), ("data_point", .string(entry.dataPoint)),
            ("rule", .string(entry.rule.rawValue)), ("threshold", .number(Double(entry.threshold))), ("n", .number(Double(entry.n))),
            ("would_show", .string(entry.wouldShow.map { english.wouldShow($0, group: entry.group) } ?? "")),
            ("would_show_when", AuditHintJSON.json(entry.wouldShow)),
          ])
        }
      ),
    ])
  }

  private static let english = ReportWords(nil)

  /// The audit alone, for `--privacy-report FILE`: JSON when the file name ends in `.json`,
  /// else the lines in `language` (control characters made visible).
  public static func render(_ audits: [(label: String?, privacy: PrivacySummary)], json asJSON: Bool, language: String? = nil) -> String {
    if asJSON {
      let value: JSON =
        audits.count == 1 && audits[0].label == nil
        ? json(audits[0].privacy)
        : .array(audits.map { .object([("wave", .string($0.label)), ("privacy", json($0.privacy))]) })
      return value.render(indent: 0) + "\n"
    }
    let w = ReportWords(language)
    return audits.flatMap { audit in
      (audit.label.map { [w("trend.wave-audit", ["name": SafeText.terminal($0)])] } ?? [])
        + lines(audit.privacy.mapText { SafeText.terminal($0) }, words: w)
    }.joined(separator: "\n") + "\n"
  }
}
