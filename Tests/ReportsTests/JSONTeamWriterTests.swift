import SurveyModel
import Testing

@testable import Reports

/// The streaming team writer against the reference it replaced: each team made as a ``JSON``
/// value and written by ``JSON/write(to:indent:)``. Generated teams cover every shape a team
/// can take (withheld whole, index withheld, a band with and without advice, withheld
/// dimensions and measures, none of either, numbers missing or not finite, text to escape),
/// at several depths; the bytes must be identical.
@Suite struct JSONTeamWriterTests {
  @Test func sameBytesAsTheJSONValueOfEveryGeneratedTeam() throws {
    var random = Generator(state: 2026)
    for round in 0..<400 {
      let dimensions = (0..<random.below(4)).map { d in DimensionInfo(id: "d\(d)" + random.text(), name: "D", benchmark: random.optionalNumber()) }
      let framework = FrameworkResult(
        id: "f", name: "F", version: "1", source: "", scale: Scale(min: 1, max: 5), rules: ScoringRules(scale: Scale(min: 1, max: 5)),
        dimensions: dimensions, teams: [], organisation: TeamResult(team: "(all teams)", n: 0))
      let team = random.team(dimensions)
      let depth = round % 5
      #expect(streamed(team, framework, depth) == reference(team, framework, depth), "round \(round)")
    }
  }

  /// Two reports that differ in one text (say the input file's path) differ on that line only:
  /// an object of leaves takes one line whatever the length of its texts.
  @Test func theLayoutFollowsTheKindsOfValuesNotTheirLengths() {
    for text in ["a", String(repeating: "long path/", count: 30), "line\nbreak"] {
      let input = JSON.object([("file", .string(text)), ("rows_read", .number(233)), ("rejects_file", .null)])
      let report = JSON.object([("schema", .string("s")), ("input", input), ("teams", .array([input, input]))])
      let lines = report.render().split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == 8, "\(text)")
      #expect(lines[2].hasPrefix("  \"input\": {\"file\": "), "\(text)")
    }
  }

  private func streamed(_ team: TeamResult, _ framework: FrameworkResult, _ depth: Int) -> String {
    JSON.stream { sink, indent in JSONTeamWriter(framework).write(team, to: sink, indent: indent) }.render(indent: depth)
  }

  /// The team as the JSON reporter made it before it streamed teams.
  private func reference(_ t: TeamResult, _ f: FrameworkResult, _ depth: Int) -> String {
    let infos = Dictionary(uniqueKeysWithValues: f.dimensions.map { ($0.id, $0) })
    var fields: [(String, JSON)] = [("team", .string(t.team)), ("n", .number(Double(t.n))), ("suppressed", .bool(t.suppression != nil))]
    if let reason = t.suppression {
      fields.append(("suppression_reason", .string(reason.rawValue)))
      return JSON.object(fields).render(indent: depth)
    }
    if let reason = t.indexSuppression { fields.append(("index_suppression", .string(reason.rawValue))) }
    fields.append(("index", .number(t.index)))
    fields.append(("band", t.band.map { .object([("label", .string($0.label)), ("advice", .string($0.advice))]) } ?? .null))
    let dimensions: [JSON] = t.dimensions.map { d in
      if let reason = d.suppression {
        return .object([("id", .string(d.id)), ("n", .number(Double(d.n))), ("suppressed", .string(reason.rawValue))])
      }
      return .object([
        ("id", .string(d.id)), ("n", .number(Double(d.n))), ("mean", .number(d.mean)), ("sd", .number(d.sd)),
        ("pomp", .number(d.pomp)), ("favorable_pct", .number(d.favorable)), ("neutral_pct", .number(d.neutral)),
        ("unfavorable_pct", .number(d.unfavorable)), ("advice", .string(d.advice)),
        ("vs_benchmark", .number(infos[d.id]?.differenceFromBenchmark(d))),
      ])
    }
    fields.append(("dimensions", .array(dimensions)))
    let measures: [JSON] = t.measures.map { m in
      if let reason = m.suppression {
        return .object([("id", .string(m.id)), ("n", .number(Double(m.n))), ("suppressed", .string(reason.rawValue))])
      }
      return .object([
        ("id", .string(m.id)), ("n", .number(Double(m.n))), ("mean", .number(m.mean)), ("sd", .number(m.sd)), ("sum", .number(m.sum)),
        ("at_least_pct", .number(m.atLeast)), ("at_most_pct", .number(m.atMost)), ("pooled", .number(m.pooled)),
      ])
    }
    fields.append(("measures", .array(measures)))
    return JSON.object(fields).render(indent: depth)
  }
}

/// Seeded values for the generated teams (SplitMix64).
private struct Generator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  mutating func optionalNumber() -> Double? { below(3) == 0 ? nil : number() }

  mutating func optionalText() -> String? { below(3) == 0 ? nil : text() }

  /// Whole, fractional, tiny, huge, negative, or not finite.
  mutating func number() -> Double {
    let choices: [Double] = [0, 3, -2, 62.5, 1.0 / 3, 1e-300, 1e21, 123_456_789_012_345_678, .nan, .infinity, -.infinity]
    return below(4) == 0 ? choices[below(choices.count)] : Double(next() % 1_000_000) / 997
  }

  /// Text with characters JSON escapes, and some it does not.
  mutating func text() -> String {
    let pieces = ["a", "Ops", "\"", "\\", "\n", "\t", "\u{1}", "é", "—", " ", "x,y", "🙂"]
    // Sometimes long: the layout must not depend on a text's length.
    let count = below(4) == 0 ? below(40) : below(5)
    return (0..<count).map { _ in pieces[below(pieces.count)] }.joined()
  }

  mutating func reason() -> Suppression {
    [.belowMinimum, .dataPointBelowMinimum, .complementary, .nested, .derived][below(5)]
  }

  mutating func team(_ dimensions: [DimensionInfo]) -> TeamResult {
    if below(5) == 0 { return TeamResult(team: text(), n: below(10), suppression: reason()) }
    // Sometimes in another order than the framework's, so that a dimension's benchmark is
    // found by id, not by position.
    let scores = (below(3) == 0 ? Array(dimensions.reversed()) : dimensions).map { info in
      below(4) == 0
        ? DimensionScore(id: info.id, n: below(50), suppression: reason())
        : DimensionScore(
          id: info.id, n: below(50), mean: optionalNumber(), sd: optionalNumber(), pomp: optionalNumber(), favorable: optionalNumber(),
          neutral: optionalNumber(), unfavorable: optionalNumber(), advice: optionalText())
    }
    let band = below(3) == 0 ? nil : Band(min: 0, label: text(), advice: optionalText())
    var team = TeamResult(
      team: text(), n: below(100), index: optionalNumber(), band: band, indexSuppression: below(4) == 0 ? reason() : nil, dimensions: scores)
    team.measures = (0..<below(3)).map { _ in
      below(3) == 0
        ? MeasureScore(id: text(), n: below(9), suppression: reason())
        : MeasureScore(
          id: text(), n: below(9), mean: optionalNumber(), sd: optionalNumber(), sum: optionalNumber(), atLeast: optionalNumber(),
          atMost: optionalNumber(), pooled: optionalNumber())
    }
    return team
  }
}
