import Statistics
import SurveyModel
import Testing

@testable import Scoring

/// The classifier's table path against a plain search of the scale's favourable and
/// unfavourable answers, on answers that are whole, fractional, out of range, huge, negative,
/// infinite or NaN, for whole and fractional scales.
@Suite struct AnswerClassifierTests {
  static let scales: [Scale] = [
    Scale(min: 1, max: 5), Scale(min: 0, max: 1), Scale(min: 0, max: 10), Scale(min: -3, max: 3), Scale(min: 1, max: 7),
    Scale(min: 0.5, max: 4.5), Scale(min: 1, max: 5.5), Scale(min: 1, max: 5, favorable: [4.5, 5], unfavorable: [1, 1.5]),
    Scale(min: 1, max: 1001), Scale(min: 0, max: 1000), Scale(min: -1000, max: 0),
  ]

  static func expected(_ x: Double, _ scale: Scale) -> UInt64 {
    scale.favorable.contains(x) ? 1 : scale.unfavorable.contains(x) ? 1 << 32 : 0
  }

  @Test(arguments: scales) func talliesMatchASearchOfTheScale(_ scale: Scale) {
    let classifier = AnswerClassifier(scale: scale)
    var answers: [Double] = [
      .nan, -.nan, .infinity, -.infinity, 0, -0.0, 0x1p51, -0x1p51, 0x1p52, 0x1p53, 0x1p53 + 2, 0x1.8p52, -0x1.8p52, .ulpOfOne,
    ]
    for k in -20...1020 {
      let x = scale.min + Double(k)
      answers += [x, x + 0.5, x - 0.25, x.nextUp, x.nextDown, scale.min + Double(k) * 0x1p32, -x]
    }
    var generator = SplitMix64(seed: 24)
    for _ in 0..<2000 {
      answers.append(Double.random(in: -2000...2000, using: &generator).rounded() / [1, 2, 4][Int.random(in: 0..<3, using: &generator)])
    }
    for x in answers {
      let got = classifier.table.tally(x) ?? classifier.slowTally(x)
      #expect(got == Self.expected(x, scale), "answer \(x) on \(scale.min)–\(scale.max)")
    }
  }

  @Test func wholeScalesAnswerWholeAnswersFromTheTable() {
    let classifier = AnswerClassifier(scale: Scale(min: 1, max: 5))
    #expect((1...5).allSatisfy { classifier.table.tally(Double($0)) != nil })
    #expect(classifier.table.tally(4.5) == nil && classifier.table.tally(.nan) == nil && classifier.table.tally(6) == nil)
    #expect(classifier.table.tally(0) == nil && classifier.table.tally(-0x1p53) == nil && classifier.table.tally(0x1p53) == nil)
    #expect(classifier.table.tally(.infinity) == nil && classifier.table.tally(-.infinity) == nil)
    // Tallies add up in their lanes.
    let tallies = [1.0, 2, 3, 4, 5, 5, 1].map { classifier.table.tally($0)! }
    let sum = tallies.reduce(0, &+)
    #expect(AnswerClassifier.favorable(sum) == 3 && AnswerClassifier.unfavorable(sum) == 3)
  }
}
