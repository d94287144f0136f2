import SurveyModel
import Testing

@testable import Scoring

/// One dimension on 0–1: choice c1 (1, 0.5, 0), choice c2 (1, 0) and a rating item r1.
let reactions = Framework(
  id: "reactions", name: "Reactions", version: "1", description: "", source: "",
  scale: Scale(min: 0, max: 1),
  dimensions: [Dimension(id: "d", name: "D")],
  items: [
    Item(
      id: "c1", text: "", dimension: "d",
      options: [.init(id: "a", label: "Learn", score: 1), .init(id: "b", label: "Partly", score: 0.5), .init(id: "c", label: "Blame", score: 0)]),
    Item(id: "c2", text: "", dimension: "d", options: [.init(id: "a", label: "Blame", score: 0), .init(id: "b", label: "Learn", score: 1)]),
    Item(id: "r1", text: "", dimension: "d"),
  ])

@Suite struct ChoiceScoringTests {
  @Test func aNarrowScaleKeepsFavourableAndUnfavourableApart() {
    #expect(Scale(min: 0, max: 1).favorable == [1] && Scale(min: 0, max: 1).unfavorable == [0])
    #expect(Scale(min: 1, max: 3).favorable == [3] && Scale(min: 1, max: 3).unfavorable == [1])
    #expect(Scale(min: 1, max: 4).favorable == [3, 4] && Scale(min: 1, max: 4).unfavorable == [1, 2])
  }

  @Test func choicesCountAsTheirScoresAndTheTopOptionIsFavourable() throws {
    // Scores (c1, c2, r1): (1, 0, 1) → 2/3; (0.5, 1, 0) → 1/2; (0, -, 0.5) → 1/4.
    let result = try score([row("T", [1, 0, 1]), row("T", [0.5, 1, 0]), row("T", [0, .nan, 0.5])], framework: reactions)
    let d = result.frameworks[0].teams[0].dimensions[0]
    #expect(d.n == 3)
    #expect(abs(d.mean! - (2.0 / 3 + 0.5 + 0.25) / 3) < 1e-12)
    #expect(abs(d.pomp! - 47.2222222222222) < 1e-9)
    // 8 answers. Favourable: c1 = 1, c2 = 1, r1 = 1 (the scale's top point); unfavourable:
    // c2 = 0, c1 = 0, r1 = 0; neutral: c1's middle option and r1 = 0.5.
    #expect(d.favorable == 37.5 && d.unfavorable == 37.5 && d.neutral == 25)
    #expect(result.frameworks[0].rules.hasChoiceItems && !result.frameworks[0].rules.allItemsChoice)
  }

  @Test func theTopOptionIsFavourableEvenBelowTheScalesFavourablePoints() throws {
    var framework = smallFramework
    framework.items = [
      Item(id: "a1", text: "", dimension: "a", options: [.init(id: "y", label: "Yes", score: 3), .init(id: "n", label: "No", score: 2)]),
      Item(id: "b1", text: "", dimension: "b"),
    ]
    let team = try score([row("T", [3, 4]), row("T", [3, 2])], framework: framework).frameworks[0].teams[0]
    #expect(team.dimensions[0].favorable == 100 && team.dimensions[0].mean == 3)
    #expect(team.dimensions[1].favorable == 50 && team.dimensions[1].unfavorable == 50)
  }
}
