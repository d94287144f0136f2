import Foundation
import Statistics
import Testing

@testable import Privacy

/// The overlap rule decided in blocks along the unit tree (``BlockDecomposition``), as it is for
/// organisations too large for one exact check: generated organisations publish the universe
/// a run that cuts decides (every level, every attribute value, every unit crossed with every
/// value, the teams fixed), decided with an exact-check budget so small that nearly every one
/// goes through the blocks, and attacked by exact rational elimination.
@Suite struct BlockDecompositionTests {
  static let fixedSeed: UInt64 = 20_261_130
  static let organisations = 1_000
  /// Small enough that every organisation with more than a handful of atoms is cut in blocks.
  static let budget = 40

  static func policy(_ threshold: Int, residualRules: Bool = true, keepOutside: Bool = true) -> PrivacyPolicy {
    var policy = PrivacyPolicy(minGroupSize: threshold, residualRules: residualRules)
    policy.exactBudget = budget
    policy.blockKeepsOutsideGroups = keepOutside
    return policy
  }

  static func organisation(_ rng: inout SplitMix64) -> CutOrganisation {
    CutOrganisation.random(&rng, depths: 2...3, fan: 1...3, universe: true)
  }

  /// The policy of ``policy(_:residualRules:keepOutside:)`` with blocks so small that most are
  /// too large to check exactly and withhold their overlapping groups.
  static func smallBlocks(_ threshold: Int) -> PrivacyPolicy {
    var policy = policy(threshold)
    policy.blockBudget = 40
    return policy
  }

  func firstLeak(seed: UInt64, count: Int, policy: (Int) -> PrivacyPolicy = { Self.policy($0) }) -> (org: Int, what: String, found: [String])? {
    var rng = SplitMix64(seed: seed)
    for i in 0..<count {
      let org = Self.organisation(&rng)
      let found = org.attack(AnonymityEngine.decide(org.population, policy: policy(org.threshold)))
      if !found.isEmpty { return (i, org.description, found) }
    }
    return nil
  }

  @Test func recoversNothingFromAThousandOrganisationsInBlocksWithAFixedSeed() {
    let leak = firstLeak(seed: Self.fixedSeed, count: Self.organisations)
    #expect(leak == nil, "seed \(Self.fixedSeed), organisation \(leak?.org ?? -1) (\(leak?.what ?? "")): \(leak?.found.prefix(3) ?? [])")
  }

  @Test func recoversNothingFromAThousandOrganisationsInBlocksWithARandomSeed() {
    let seed = UInt64.random(in: 1...UInt64.max)
    print("BlockDecompositionTests random seed \(seed)")
    let leak = firstLeak(seed: seed, count: Self.organisations)
    #expect(
      leak == nil,
      "random seed \(seed) (rerun with it as fixedSeed), organisation \(leak?.org ?? -1) (\(leak?.what ?? "")): \(leak?.found.prefix(3) ?? [])")
  }

  @Test func recoversNothingWhenBlocksAreTooLargeWithAFixedSeed() {
    let leak = firstLeak(seed: Self.fixedSeed, count: Self.organisations, policy: Self.smallBlocks)
    #expect(leak == nil, "seed \(Self.fixedSeed), organisation \(leak?.org ?? -1) (\(leak?.what ?? "")): \(leak?.found.prefix(3) ?? [])")
  }

  @Test func recoversNothingWhenBlocksAreTooLargeWithARandomSeed() {
    let seed = UInt64.random(in: 1...UInt64.max)
    print("BlockDecompositionTests (small blocks) random seed \(seed)")
    let leak = firstLeak(seed: seed, count: Self.organisations, policy: Self.smallBlocks)
    #expect(
      leak == nil,
      "random seed \(seed) (rerun with it as fixedSeed), organisation \(leak?.org ?? -1) (\(leak?.what ?? "")): \(leak?.found.prefix(3) ?? [])")
  }

  /// A block too large to check exactly costs its own overlapping groups, not every one: over
  /// the organisations where some block was (an audit entry says "too many to decide"), most
  /// overlapping numbers of the exact blocks' decision stay shown.
  @Test func aBlockTooLargeWithholdsItsOwnOverlappingGroupsOnly() {
    var rng = SplitMix64(seed: Self.fixedSeed)
    var tooLarge = 0
    var blocks = 0
    var small = 0
    for _ in 0..<300 {
      let org = Self.organisation(&rng)
      let b = AnonymityEngine.decide(org.population, policy: Self.policy(org.threshold))
      let s = AnonymityEngine.decide(org.population, policy: Self.smallBlocks(org.threshold))
      let hints = s.audit { _, _ in true }.compactMap(\.wouldShow)
      guard hints.contains(where: { if case .tooMany = $0 { return true } else { return false } }) else { continue }
      tooLarge += 1
      for g in org.population.groups.indices where !org.population.groups[g].nested {
        for d in 0..<CutOrganisation.dataPoints {
          if b.shows(g, dataPoint: d) { blocks += 1 }
          if s.shows(g, dataPoint: d) { small += 1 }
        }
      }
    }
    print(
      "BlockDecompositionTests: \(tooLarge) organisations with a block too large; overlapping numbers shown, blocks \(blocks), small blocks \(small)")
    #expect(tooLarge >= 30, "only \(tooLarge) of 300 organisations had a block too large")
    #expect(Double(small) >= 0.25 * Double(blocks), "small blocks show \(small), blocks \(blocks)")
  }

  /// A flat organisation (every team right under it) too large for one check is one block, too
  /// large for the span check too: its teams' cells go, and its values over the organisation
  /// are decided with the tree by ``RegionsCrossed`` instead of being withheld as too many
  /// (all values were shown in 5 of these 8 before it, in 8 now). The attacker recovers nothing.
  @Test func aFlatOrganisationTooLargeForOneCheckShowsItsValuesAndLeaksNothing() {
    var rng = SplitMix64(seed: Self.fixedSeed)
    var valuesShown = 0
    let organisations = 8
    for i in 0..<organisations {
      let org = CutOrganisation.random(&rng, depths: 1...1, fan: 60...90, universe: true)
      var policy = PrivacyPolicy(minGroupSize: org.threshold)
      // Budgets as for an organisation of thousands of teams, scaled to one the attacker can solve.
      policy.exactBudget = 5_000
      policy.blockBudget = 10_000
      let decision = AnonymityEngine.decide(org.population, policy: policy)
      let found = org.attack(decision)
      #expect(found.isEmpty, "organisation \(i) (\(org.description)): \(found.prefix(3))")
      let values = org.population.groups.indices.filter { org.population.groups[$0].cut.hasPrefix("a") && decision.respondents[$0] > 0 }
      if !values.isEmpty && values.allSatisfy({ decision.shows($0, dataPoint: 0) }) { valuesShown += 1 }
    }
    #expect(valuesShown == organisations, "every value shown in only \(valuesShown) of \(organisations)")
  }

  /// A random seed found a leak: when the blocks gave up (`tooLarge`), every overlapping group was
  /// withheld, also a unit's only attribute cell, whose number is the unit's, which stays shown.
  @Test func aCellThatIsItsShownUnitIsNotWithheld() {
    let found = Self.attack(seed: 15_286_226_040_148_399_751, organisation: 289)
    #expect(found.isEmpty, "\(found)")
  }

  /// A random seed of this stop's hunt found a leak (organisation 833 of seed
  /// 2828376887860045846): a withheld unit × value cell of 4 respondents was recovered exactly.
  @Test func theHuntsSeedRecoversNothing() {
    let found = Self.attack(seed: 2_828_376_887_860_045_846, organisation: 833)
    #expect(found.isEmpty, "\(found)")
  }

  /// What the attacker recovers from the engine's decision on organisation `organisation` (from 0)
  /// of a seed's sequence.
  static func attack(seed: UInt64, organisation index: Int) -> [String] {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<index { _ = organisation(&rng) }
    let org = organisation(&rng)
    return org.attack(AnonymityEngine.decide(org.population, policy: policy(org.threshold)))
  }

  /// Self-tests, so the property above cannot pass vacuously: the same attacker finds leaks
  /// with the residual rules off, and with a planted leak in the blocks (a block that ignores
  /// the groups reaching outside it, i.e. the units above it and the values over the whole
  /// organisation).
  @Test func selfTestFindsPlantedLeaksInBlocks() {
    var rng = SplitMix64(seed: Self.fixedSeed)
    var withoutResidual = 0
    var withoutOutside = 0
    for _ in 0..<200 {
      let org = Self.organisation(&rng)
      if !org.attack(AnonymityEngine.decide(org.population, policy: Self.policy(org.threshold, residualRules: false))).isEmpty {
        withoutResidual += 1
      }
      if !org.attack(AnonymityEngine.decide(org.population, policy: Self.policy(org.threshold, keepOutside: false))).isEmpty {
        withoutOutside += 1
      }
    }
    #expect(withoutResidual >= 20, "residual rules off: only \(withoutResidual) of 200")
    #expect(withoutOutside >= 10, "blocks without outside groups: only \(withoutOutside) of 200")
  }

  /// The blocks withhold more than one exact check would, but not much more: over the same
  /// organisations, the overlapping numbers (attribute values, crossed cells) they show are
  /// at least 80% of what the exact check shows, and every value over the organisation that
  /// the exact check shows is shown when every unit's cells of that value are.
  @Test func blocksShowMostOfWhatTheExactCheckShows() {
    var rng = SplitMix64(seed: Self.fixedSeed)
    var exact = 0
    var blocks = 0
    for _ in 0..<300 {
      let org = Self.organisation(&rng)
      var whole = PrivacyPolicy(minGroupSize: org.threshold)
      whole.exactBudget = 10_000_000
      let e = AnonymityEngine.decide(org.population, policy: whole)
      let b = AnonymityEngine.decide(org.population, policy: Self.policy(org.threshold))
      for g in org.population.groups.indices where !org.population.groups[g].nested {
        for d in 0..<CutOrganisation.dataPoints {
          if e.shows(g, dataPoint: d) { exact += 1 }
          if b.shows(g, dataPoint: d) { blocks += 1 }
        }
      }
    }
    print("BlockDecompositionTests: overlapping numbers shown, exact \(exact), blocks \(blocks)")
    #expect(exact > 0)
    #expect(Double(blocks) >= 0.8 * Double(exact), "blocks show \(blocks), exact \(exact)")
  }
}
