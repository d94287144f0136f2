import SurveyModel

/// Small pieces of text the pack's pages share.
enum PackWords {
  /// The reports' shared wording; the pack's own words are English for now.
  private static let words = ReportWords(nil)

  /// A withheld group or number in words (no numbers of it).
  static func withheld(_ reason: Suppression, minGroupSize: Int) -> String {
    "withheld: " + words.suppression(reason, minGroupSize: minGroupSize)
  }

  /// A difference with its verdict, e.g. "+0.42 (higher)", or why there is none.
  static func difference(_ d: DimensionComparison) -> String {
    guard let x = d.difference else { return d.noDifference ?? "" }
    return "\(ComparisonWords.signed(x.difference, 2)) (\(ComparisonWords.verdict(x, words)))"
  }

  /// The page's heading line of a run: the input and its rows.
  static func source(_ pack: UnitPack) -> String {
    (pack.wave.map { "wave \($0)" } ?? pack.input.file) + ": "
      + Counted.rows(read: pack.input.rowsRead, used: pack.input.rowsUsed, rejected: pack.input.rowsRejected)
  }

  /// A link to a unit's page when it has one, else its name.
  static func unitLink(_ unit: UnitPack.Unit) -> String {
    unit.page.map { "<a href=\"\(HTMLText.escape($0))\">\(HTMLText.name(unit.title))</a>" } ?? HTMLText.name(unit.title)
  }
}
