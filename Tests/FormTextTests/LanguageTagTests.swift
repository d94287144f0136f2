import SurveyModel
import Testing

/// Choosing a language by `Accept-Language`.
@Suite struct LanguageTagTests {
  let offered = ["en", "de", "fr"]

  func pick(_ header: String, _ available: [String]? = nil) -> String? {
    LanguageTag.negotiate(acceptLanguage: header, available: available ?? offered)
  }

  @Test func qValuesOrderTheRanges() {
    #expect(pick("de") == "de")
    #expect(pick("fr;q=0.4, de;q=0.9, en;q=0.5") == "de")
    #expect(pick("fr, de") == "fr", "ties keep the order written")
    #expect(pick("de;q=0.5, fr;q=0.5") == "de")
    #expect(pick("es, de;q=0.1") == "de", "a language not offered is passed over")
    #expect(pick("de;q=1.0") == "de")
    #expect(pick("de ; q = 0.7 , fr ; q=0.8") == "fr", "spaces around parts")
  }

  @Test func regionTagsFallBackToTheirLanguage() {
    #expect(pick("de-CH") == "de")
    #expect(pick("de-CH, fr;q=0.9") == "de")
    #expect(pick("zh-Hant-TW, fr;q=0.2") == "fr")
    #expect(pick("FR-ca") == "fr", "case does not matter")
    #expect(pick("pt", ["en", "pt-BR"]) == "pt-BR", "a language matches one of its regional tags")
    #expect(pick("de-AT", ["en", "de-CH", "de"]) == "de", "the plain language before another region")
    #expect(pick("en-GB", ["en-US", "en-GB"]) == "en-GB")
  }

  @Test func wildcardsRefusalsAndGarbage() {
    #expect(pick("*") == "en")
    #expect(pick("en;q=0, *") == "de", "q=0 refuses a language, even for *")
    #expect(pick("de;q=0") == nil)
    #expect(pick("") == nil)
    #expect(pick("es, it") == nil, "nothing offered: the caller's default")
    #expect(pick("de;q=2, fr") == "fr", "an invalid q drops the range")
    #expect(pick("de;q=abc") == nil)
    #expect(pick("<script>, de") == "de")
    #expect(pick(";;;,,,=q") == nil)
    #expect(pick("de;level=1;q=0.5, fr;q=0.4") == "de", "other parameters are ignored")
  }

  /// Whatever the header, the answer is one of the offered tags or nil, and never one refused.
  @Test func anyHeaderGivesAnOfferedLanguage() {
    var generator = SystemRandomNumberGenerator()
    let parts = [
      "de", "DE-ch", "fr", "en-GB", "*", "es", "x", "", " ", ";q=0", ";q=0.5", ";q=1", ";q=-1", ";q=", ",", "-", "zh-Hant", "=", "\u{00e9}",
    ]
    for _ in 0..<2000 {
      let header = (0..<Int.random(in: 0...8, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
      let chosen = pick(header)
      if let chosen { #expect(offered.contains(chosen), "\(header) → \(chosen)") }
    }
  }

  @Test func tagsAreChecked() {
    for tag in ["en", "de-CH", "pt-BR", "zh-Hant-TW", "es-419", "gsw"] { #expect(LanguageTag.isValid(tag), "\(tag)") }
    for tag in ["", "e", "english", "de_CH", "de-", "-de", "de-toolongsubtag", "d3", "de CH"] { #expect(!LanguageTag.isValid(tag), "\(tag)") }
    #expect(LanguageTag.autonym("de") == "Deutsch")
    #expect(LanguageTag.autonym("de-CH") == "Deutsch (CH)")
    #expect(LanguageTag.autonym("tlh") == "tlh")
  }
}
