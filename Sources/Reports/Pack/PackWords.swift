import SurveyModel

/// Small pieces of text the pack's pages share, in the pack's language (`report.pack.*`).
enum PackWords {
  /// A withheld group or number in words (no numbers of it).
  static func withheld(_ reason: Suppression, minGroupSize: Int, _ w: ReportWords) -> String {
    w("pack.withheld", ["why": w.suppression(reason, minGroupSize: minGroupSize)])
  }

  /// A difference with its verdict, e.g. "+0.42 (higher)", or why there is none.
  static func difference(_ d: DimensionComparison, _ w: ReportWords) -> String {
    guard let x = d.difference else { return d.noDifference ?? "" }
    return "\(ComparisonWords.signed(x.difference, 2)) (\(ComparisonWords.verdict(x, w)))"
  }

  /// The page's heading line of a run: the input and its rows.
  static func source(_ pack: UnitPack, _ w: ReportWords) -> String {
    (pack.wave.map { w("pack.wave", ["wave": $0]) } ?? pack.input.file) + ": " + w.rows(pack.input)
  }

  /// A link to a unit's page when it has one, else its name.
  static func unitLink(_ unit: UnitPack.Unit) -> String {
    unit.page.map { "<a href=\"\(HTMLText.escape($0))\">\(HTMLText.name(unit.title))</a>" } ?? HTMLText.name(unit.title)
  }

  /// The privacy rule line of every page.
  static func privacyRule(_ pack: UnitPack, _ w: ReportWords) -> String {
    let k = pack.privacy.minGroupSize
    return "\(w("privacy")): " + w("privacy-rule", ["size": String(k), "rule": RuleSentences(w).privacy(minGroupSize: k)])
  }
}
