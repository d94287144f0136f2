import SurveyModel

/// The per-unit report pack as HTML: one self-contained page per unit that has one (see
/// ``UnitPack/Unit/page``) and an `index.html` linking them. Pages only read the pack: a
/// withheld group shows its n and the reason, never a number.
public enum UnitPackHTML {
  /// The name of the index page.
  public static let indexFile = "index.html"

  /// Every file of the pack: its name and its content, the index first. Each page is
  /// rendered when it is read, so a writer holds one page at a time (a pack of 50,000 units
  /// is about a gigabyte of HTML).
  public static func files(_ pack: UnitPack) -> some Collection<(name: String, content: String)> {
    let pages =
      [(name: indexFile, unit: Int?.none)] + pack.units.indices.compactMap { u in pack.units[u].page.map { (name: $0, unit: Int?.some(u)) } }
    return pages.lazy.map { page in
      (page.name, page.unit.map { UnitPage(pack: pack, unit: $0).html() } ?? PackIndexPage(pack: pack).html())
    }
  }

  /// What was written, in the pack's language: "wrote 3 unit pages and index.html to pack (2
  /// units withheld by the anonymity engine: no page)".
  public static func summary(_ pack: UnitPack, pages: Int, withheld: Int, directory: String) -> String {
    let w = ReportWords(pack.survey.language)
    let values = ["pages": String(pages), "index": indexFile, "directory": directory, "withheld": String(withheld)]
    return w(pages == 1 ? "pack.wrote-one" : "pack.wrote", values)
      + (withheld == 0 ? "" : " " + w(withheld == 1 ? "pack.wrote-withheld-one" : "pack.wrote-withheld", values))
  }

  /// The page-file name of each unit key, unique within a pack: letters, digits and `-` of
  /// the key (lower case), `-2`, `-3` ... after a repeat.
  public static func pageNames(_ keys: [String]) -> [String] {
    var used: Set<String> = [indexFile]
    return keys.map { key in
      var base = ""
      for scalar in key.lowercased().unicodeScalars {
        if scalar.isASCII, CharacterSetLite.isAlphanumeric(scalar) {
          base.unicodeScalars.append(scalar)
        } else if !base.hasSuffix("-") {
          base += "-"
        }
      }
      base = String(base.trimming { $0 == "-" }.prefix(60))
      if base.isEmpty { base = "unit" }
      var name = "\(base).html"
      var n = 2
      while used.contains(name) {
        name = "\(base)-\(n).html"
        n += 1
      }
      used.insert(name)
      return name
    }
  }
}

/// ASCII letters and digits (no Foundation in the renderers).
enum CharacterSetLite {
  static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
  }
}
