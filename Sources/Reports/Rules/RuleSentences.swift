import SurveyModel

/// The one place that states a framework's scoring rules in words, from what its plugin
/// declared (``ScoringRules``): the index, missing-data, favourability and measure rules, in
/// the language of the words (`report.rule.*` in the message files). Machine formats state
/// them in English.
public struct RuleSentences {
  let w: ReportWords

  /// The rules in `language` (a tag such as `de`; English when nil or without a message file).
  public init(language: String? = nil) { w = ReportWords(language) }

  init(_ words: ReportWords) { w = words }

  /// The index rule in force.
  public func index(_ r: ScoringRules) -> String {
    if let definition = r.index { return w("rule.index-by", ["rule": index(definition, r)]) }
    if r.indexHook {
      return r.indexHookText.map { w("rule.index-hook-text", ["text": $0]) } ?? w("rule.index-hook")
    }
    return w("rule.index-default", ["min": Number.format(r.scale.min), "max": Number.format(r.scale.max)])
  }

  /// A named index rule: "nps: % of respondents for whom … is ≥ 9 minus …".
  public func index(_ definition: IndexDefinition, _ r: ScoringRules) -> String {
    let measure = r.measures.first { $0.id == definition.measure }
    let value = measure.map { w("rule.measured", ["value": valueText($0), "id": $0.id]) } ?? ""
    let high = Number.format(measure?.atLeast ?? .nan)
    let low = Number.format(measure?.atMost ?? .nan)
    switch definition.rule {
    case .pompMean:
      let parts =
        definition.weights.isEmpty
        ? w("rule.every-dimension")
        : definition.weights.map { "\($0.dimension) × \(Number.format($0.weight))" }.joined(separator: ", ")
      return w("rule.pomp-mean", ["parts": parts])
    case .pooled: return w("rule.pooled", ["measure": definition.measure ?? ""])
    case .personMean: return w("rule.person-mean", ["value": value])
    case .sharePositive: return w("rule.share-positive", ["value": value, "high": high])
    case .nps: return w("rule.nps", ["value": value, "high": high, "low": low])
    }
  }

  /// The missing-data rule in force: the declarative rule with each dimension's own minimum,
  /// what the `score` hook does (in the plugin's words), and the measures.
  public func missing(_ r: ScoringRules) -> String {
    let when =
      r.everyDimensionHasMinimum
      ? w("rule.missing-own-minimum")
      : w(r.minimumAnswered == 1 ? "rule.missing-at-least-one" : "rule.missing-at-least", ["n": String(r.minimumAnswered)])
    let choice = r.hasChoiceItems ? "; " + w("rule.missing-choice") : ""
    var clauses = [w("rule.missing", ["reversed": Number.format(r.scale.min + r.scale.max), "choice": choice, "when": when])]
    clauses += r.dimensionMinimums.map { w("rule.dimension-needs", ["dimension": $0.dimension, "minimum": minimum($0.minimum)]) }
    if r.hasSharedItems { clauses.append(w("rule.shared-items")) }
    if r.scoreHook {
      var hook = r.scoreHookText.map { w("rule.score-hook-text", ["text": $0]) } ?? w("rule.score-hook")
      if !r.hookOnlyDimensions.isEmpty {
        let list = r.hookOnlyDimensions.joined(separator: ", ")
        hook += " " + w(r.hookOnlyDimensions.count == 1 ? "rule.hook-only-one" : "rule.hook-only", ["list": list])
      }
      clauses.append(hook)
    }
    if !r.measures.isEmpty {
      clauses.append(w("rule.measures", ["list": r.measures.map { "\($0.id) = \(measure($0))" }.joined(separator: "; ")]))
    }
    return clauses.joined(separator: "; ")
  }

  /// How favourability is defined: by the scale for rating items and, for choice items, by the
  /// item's own options (the top-scored ones are favourable).
  public func favourable(_ r: ScoringRules) -> String {
    let choice = w("rule.favourable-choice")
    if r.allItemsChoice { return w("rule.favourable-choice-only", ["choice": choice]) }
    let points = r.scale.favorable.map(Number.format).joined(separator: " " + w("rule.or") + " ")
    let scale = w("rule.favourable", ["points": points])
    return r.hasChoiceItems ? scale + "; " + choice : scale
  }

  /// How a respondent's value of a measure is made and which shares teams get.
  public func measure(_ m: Measure) -> String {
    var parts = [valueText(m)]
    if let atLeast = m.atLeast { parts.append(w("rule.share-at-least", ["x": Number.format(atLeast)])) }
    if let atMost = m.atMost { parts.append(w("rule.share-at-most", ["x": Number.format(atMost)])) }
    return parts.joined(separator: "; ")
  }

  /// What a respondent's value is, with its range: "their answer to enps (0–10)".
  public func valueText(_ m: Measure) -> String {
    let value: String
    switch m.source {
    case .allItems: value = w("rule.value.all-items")
    case .item(let item): value = w("rule.value.item", ["item": item])
    case .dimensions(let ids) where ids.count == 1: value = w("rule.value.dimension", ["dimension": ids[0]])
    case .dimensions(let ids): value = w("rule.value.dimensions", ["list": ids.joined(separator: ", ")])
    case .hook: value = w("rule.value.hook")
    case .countOf(let item): value = w("rule.value.count", ["item": item])
    }
    return w("rule.value-range", ["value": value, "min": Number.format(m.min), "max": Number.format(m.max)])
  }

  /// A dimension's own minimum: "3 items", "60% of its items".
  func minimum(_ m: MinimumAnswered) -> String {
    switch m {
    case .count(let n): return w.items(n)
    case .share(let s): return w("rule.min-share", ["share": Number.format(s * 100)])
    }
  }
}

extension RuleSentences {
  /// The rules of a comparison: its tests, intervals and reliability.
  public func tests(_ m: ComparisonMethod) -> String {
    w(
      "rule.tests",
      [
        "family": String(m.familySize), "alpha": Number.format(m.significanceLevel), "small": String(m.smallTeamBelow),
        "power": Number.format(m.power),
      ])
  }

  /// How the confidence intervals are made.
  public func intervals(_ m: ComparisonMethod) -> String { w("rule.intervals", ["level": Number.format(m.confidenceLevel * 100)]) }

  /// How reliability is estimated.
  public func reliability(_ m: ComparisonMethod) -> String {
    w(
      "rule.reliability",
      ["level": Number.format(m.confidenceLevel * 100), "deletion": deletion(m.deletionRule), "minimum": String(m.reliabilityMinimum)])
  }

  /// "pairwise" or "listwise" in this language (a rule without words as it is).
  public func deletion(_ rule: String) -> String {
    let key = "deletion." + rule
    return w(key) == "report." + key ? rule : w(key)
  }

  /// The anonymity rules of a report with minimum group size `size`.
  public func privacy(minGroupSize size: Int) -> String { w("rule.privacy", ["size": String(size)]) }
}

extension RuleSentences {
  /// The `rules` object of the machine formats.
  func json(_ r: ScoringRules) -> JSON {
    .object([("index", .string(index(r))), ("missing_data", .string(missing(r))), ("favorable", .string(favourable(r)))])
  }
}

extension RuleSentences {
  /// The anonymity rule of `selections`, with the survey's minimum group size.
  public func selections(minGroupSize size: Int) -> String { w("rule.selections", ["size": String(size)]) }

  /// The anonymity rule of `comments`, with the comment threshold.
  public func comments(threshold: Int) -> String { w("rule.comments", ["threshold": String(threshold)]) }
}
