import SurveyModel
import Testing

@testable import Reports

/// The rule sentences: built in Reports from what the plugin declared, the English ones as
/// they always read, and every language's with each value in place.
@Suite struct RuleSentencesTests {
  private let scale = Scale(min: 1, max: 5)
  private let english = RuleSentences()

  @Test func theDeclarativeRulesReadAsBefore() {
    let rules = ScoringRules(scale: scale, minimumAnswered: 2)
    #expect(
      english.index(rules)
        == "index = mean over dimensions of POMP of the team's dimension means, POMP = (mean − 1) / (5 − 1) × 100")
    #expect(
      english.missing(rules)
        == "a respondent's dimension score is the mean of their answered items of that dimension (reverse-keyed items as 6 − x), given when at least 2 items are answered; unanswered items are left out"
    )
    #expect(english.favourable(rules) == "favourable = answers of 4 or 5 after reverse-keying, as a share of answered item responses")
  }

  @Test func namedIndexRulesAndMeasures() {
    let nps = Measure(id: "nps", name: "Answer to q1", source: .item("q1"), min: 1, max: 5, atLeast: 9, atMost: 6)
    let rules = ScoringRules(scale: scale, index: IndexDefinition(rule: .nps, measure: "nps"), measures: [nps])
    #expect(
      english.index(rules)
        == "index = nps: % of respondents for whom their answer to q1 (1–5) [measure nps] is ≥ 9 minus % for whom it is ≤ 6, from −100 to 100")
    #expect(english.measure(nps) == "their answer to q1 (1–5); share ≥ 9; share ≤ 6")
    let count = Measure(id: "ways", name: "Ways", source: .countOf("formats"), min: 0, max: 3, atLeast: 2)
    #expect(english.measure(count) == "the number of options they chose in formats (0–3); share ≥ 2")
    let weighted = ScoringRules(scale: scale, index: IndexDefinition(rule: .pompMean, weights: [("trust", 1), ("voice", 2)]))
    #expect(
      english.index(weighted)
        == "index = pomp_mean: weighted mean of the team's dimension POMPs (trust × 1, voice × 2); dimensions without a POMP are left out")
  }

  @Test func hooksSharedItemsAndMinimaAreStated() {
    let net = Measure(id: "net", name: "Net", source: .hook, min: -4, max: 4)
    let rules = ScoringRules(
      scale: scale, indexHook: true, scoreHook: true, scoreHookText: "net = q1 - 3", minimumAnswered: 1,
      dimensionMinimums: [.init(dimension: "g", minimum: .share(0.6))], hasChoiceItems: true, hasSharedItems: true,
      hookOnlyDimensions: ["force"], measures: [net])
    #expect(english.index(rules) == "index computed by the plugin's index(team) hook")
    #expect(
      english.missing(rules)
        == "a respondent's dimension score is the mean of their answered items of that dimension (reverse-keyed items as 6 − x; a choice item counts as the score of the option chosen), given when at least 1 item is answered; unanswered items are left out; g needs 60% of its items answered; an item in several dimensions counts in each; the plugin's score(respondent) hook replaces scores: net = q1 - 3 (force comes from the hook alone); per-respondent measures: net = their value from the plugin's score(respondent) hook (-4–4)"
    )
    #expect(
      english.favourable(rules)
        == "favourable = answers of 4 or 5 after reverse-keying, as a share of answered item responses; for choice items, favourable = an option with the item's highest score and unfavourable = one with its lowest"
    )
    var choices = rules
    choices.allItemsChoice = true
    #expect(english.favourable(choices).hasSuffix("one with its lowest, as a share of answered items"))
  }

  @Test func thePrivacyAndComparisonRulesReadAsBefore() {
    #expect(english.privacy(minGroupSize: 7).hasPrefix("every number is shown only when at least 7 respondents are behind it"))
    let method = ComparisonMethod(familySize: 12)
    #expect(english.tests(method).contains("p-values Holm-adjusted across all 12 comparisons in this report"))
    #expect(english.intervals(method).hasPrefix("95% confidence intervals"))
    #expect(english.reliability(method).contains("use pairwise deletion; per team from 10 respondents"))
  }

  /// Generated rules in every language: every placeholder filled, every plugin text and id
  /// kept as written, and the words differ from English in the other languages.
  @Test(arguments: ["en", "de", "fr", "es"]) func generatedRulesInEveryLanguage(_ language: String) {
    var random = Generator(state: 14)
    let sentences = RuleSentences(language: language)
    for round in 0..<300 {
      let rules = Self.generated(&random, round: round)
      let method = ComparisonMethod(deletionRule: round % 2 == 0 ? "pairwise" : "listwise", familySize: round)
      let texts = [
        sentences.index(rules), sentences.missing(rules), sentences.favourable(rules), sentences.tests(method),
        sentences.intervals(method), sentences.reliability(method), sentences.privacy(minGroupSize: round + 3),
      ]
      for text in texts {
        let words = text.replacing("plugin {min} {text} \(round)", with: "").replacing("q{max}", with: "")
        #expect(!words.contains("{") && !words.contains("report."), "\(language): \(text)")
      }
      if rules.scoreHook, let hookText = rules.scoreHookText { #expect(texts[1].contains(hookText)) }
      if rules.indexHook, rules.index == nil, let hookText = rules.indexHookText { #expect(texts[0].contains(hookText)) }
      for d in rules.dimensionMinimums { #expect(texts[1].contains(d.dimension)) }
      if language != "en" {
        #expect(texts[0] != english.index(rules) && texts[1] != english.missing(rules) && texts[2] != english.favourable(rules))
      }
    }
  }

  private static func generated(_ random: inout Generator, round: Int) -> ScoringRules {
    func flip() -> Bool { random.next() % 2 == 0 }
    let low = Double(Int(random.next() % 3))
    let scale = Scale(min: low, max: low + 2 + Double(random.next() % 9))
    let sources: [Measure.Source] = [.allItems, .item("q{max}"), .dimensions(["a"]), .dimensions(["a", "b"]), .hook, .countOf("m")]
    let measures = (0..<Int(random.next() % 3)).map { i in
      Measure(
        id: "m\(i)", name: "M \(i)", source: sources[Int(random.next() % UInt64(sources.count))], min: 0, max: 10,
        atLeast: flip() ? 7 : nil, atMost: flip() ? 3 : nil)
    }
    let rule = IndexDefinition.Rule.allCases[Int(random.next() % UInt64(IndexDefinition.Rule.allCases.count))]
    let index = flip() ? IndexDefinition(rule: rule, measure: measures.first?.id, weights: flip() ? [("a", 2)] : []) : nil
    return ScoringRules(
      scale: scale, index: index, indexHook: flip(), indexHookText: flip() ? "plugin {min} {text} \(round)" : nil, scoreHook: flip(),
      scoreHookText: flip() ? "kept as is; 50%" : nil, minimumAnswered: 1 + Int(random.next() % 3),
      dimensionMinimums: flip() ? [.init(dimension: "dim_\(round)", minimum: flip() ? .count(2) : .share(0.5))] : [],
      everyDimensionHasMinimum: flip(), hasChoiceItems: flip(), allItemsChoice: flip(), hasSharedItems: flip(),
      hookOnlyDimensions: flip() ? ["x"] : [], measures: measures)
  }

  /// A small seeded generator (SplitMix64's steps), so the cases are the same on every run.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
