import Foundation
import SurveyModel

/// The one place where Cultivar decides what may be published. Every reporter of `score`,
/// `compare` and `trend` prints only what a ``Disclosure`` made here allows.
///
/// Rules, with `k` the policy's threshold:
/// 1. a group with fewer than `k` respondents (blank rows not counted) shows its n only;
/// 2. a data point (e.g. a dimension's mean, SD, POMP, favourability) is shown only when at
///    least `k` respondents are behind that number in that group;
/// 3. residual rule, per data point: for every shown group, its number minus the numbers of
///    its largest shown subgroups (what subtraction reveals) must cover 0 or at least `k`
///    respondents; otherwise the smallest shown subgroup is withheld too (complementary
///    suppression under the organisation, nested suppression under a parent or mapped group),
///    or the group itself when its subgroups were fixed by another run;
/// 4. an index, band or advice is withheld when any data point it is made from is.
/// Because published groups form a tree, the span of what they publish is exactly the
/// residuals of shown groups (disjoint sets of respondents), so rule 3 is exact: no linear
/// combination of published totals isolates fewer than `k` respondents.
public enum AnonymityEngine {
  /// Decides what may be published about `population`.
  public static func decide(_ population: Population, policy: PrivacyPolicy) -> Disclosure {
    var decider = Decider(population, policy)
    return decider.run()
  }
}

private struct Decider {
  let groups: [Population.Group]
  let points: [Population.DataPoint]
  let width: Int
  let k: Int
  let policy: PrivacyPolicy
  var respondents: [Int]
  /// Respondents behind each data point of each group (`node * width + d`).
  var counts: [Int32]
  /// Respondents behind each data point of each atom.
  let atoms: AtomTotals
  /// See ``Population/atomOrder``.
  let atomOrder: [Int]?
  var children: [[Int]]
  var groupReason: [Suppression?]
  /// Why each data point of each group is withheld (`node * width + d`).
  var pointReason: [Suppression?]
  /// What each number withheld by a residual or overlap rule would need.
  var record: AuditRecord
  /// The overlap rule's outcomes by input (see ``applyOverlapRule(_:)``).
  var overlapDecided: [OverlapKey: OverlapRule.Outcome] = [:]

  init(_ population: Population, _ policy: PrivacyPolicy) {
    groups = population.groups
    points = population.dataPoints
    k = policy.threshold
    self.policy = policy
    let width = population.dataPoints.count
    self.width = width
    let atoms = population.atoms
    self.atoms = atoms
    atomOrder = population.atomOrder
    respondents = groups.map { g in g.members.reduce(0) { $0 + atoms.respondents($1) } }
    var counts = [Int32](repeating: 0, count: groups.count * width)
    for (node, g) in groups.enumerated() {
      for a in g.members {
        for d in 0..<width { counts[node * width + d] += Int32(truncatingIfNeeded: atoms.count(a, d)) }
      }
    }
    self.counts = counts
    children = Array(repeating: [], count: groups.count)
    for (node, g) in groups.enumerated() where node > 0 && g.nested { children[g.parent].append(node) }
    groupReason = Array(repeating: nil, count: groups.count)
    pointReason = Array(repeating: nil, count: groups.count * width)
    record = AuditRecord(groups: groups, points: points.map(\.name), k: k)
  }

  func count(_ node: Int, _ d: Int) -> Int { Int(counts[node * width + d]) }

  mutating func run() -> Disclosure {
    for node in groups.indices {
      if let fixed = groups[node].fixed {
        for d in points.indices where !fixed[d] { pointReason[node * width + d] = .earlierRun }
        if respondents[node] < k { groupReason[node] = .belowMinimum }
        continue
      }
      if respondents[node] < k {
        groupReason[node] = .belowMinimum
        for d in points.indices { pointReason[node * width + d] = .belowMinimum }
        continue
      }
      for d in points.indices where count(node, d) > 0 && count(node, d) < k { pointReason[node * width + d] = .dataPointBelowMinimum }
    }
    if policy.residualRules {
      for d in points.indices { applyResidualRule(d) }
      if groups.contains(where: { !$0.nested }) {
        let rule = overlapRule()
        for d in points.indices { applyOverlapRule(d, rule) }
      }
    }
    return finish()
  }

  /// The overlap rule's groups, the same for every data point (made once per decision).
  private func overlapRule() -> OverlapRule {
    OverlapRule(
      groups: .init(population: groups),
      atomCount: atoms.count, k: k, budget: policy.exactBudget, blockBudget: policy.blockBudget,
      blockKeepsOutsideGroups: policy.blockKeepsOutsideGroups,
      atomOrder: atomOrder)
  }

  /// Rule 5: groups that overlap the tree (attributes, crossed cuts, other levels) are decided
  /// with every other published group by the exact span check of ``OverlapRule`` (in blocks
  /// along the unit tree when the problem is large, see ``BlockDecomposition``).
  private mutating func applyOverlapRule(_ d: Int, _ rule: OverlapRule) {
    var shownNow = groups.indices.map { shown($0, d) }
    let column = atoms.column(d)
    // Data points answered by the same respondents with the same decisions so far (the usual
    // case) are decided once.
    let key = OverlapKey(counts: column, shown: shownNow)
    let outcome = overlapDecided[key] ?? rule.decide(counts: column, shown: &shownNow)
    overlapDecided[key] = outcome
    switch outcome {
    case .decided(let withheld), .onlyFixedLeft(let withheld):
      let kept = twinsOfShown(Set(withheld.map(\.group)), column, d)
      for (node, protects) in withheld where !kept.contains(node) {
        pointReason[node * width + d] = .overlapping
        record.set(node, d, protects.map { .overlap(protects: $0) } ?? .tooMany)
      }
    case .tooLarge:
      let twins = rule.spannedByFixed(counts: column, shown: groups.indices.map { shown($0, d) })
      let candidates = groups.indices.filter { node in
        !groups[node].nested && groups[node].fixed == nil && shown(node, d) && !twins.contains(node)
      }
      let kept = twinsOfShown(Set(candidates), column, d).union(spannedByShownTree(candidates, column, d))
      let undecided = candidates.filter { !kept.contains($0) }
      for node in undecided { pointReason[node * width + d] = .overlapping }
      record.set(undecided.map { ($0, d) }, .tooMany)
    }
  }

  private func shown(_ node: Int, _ d: Int) -> Bool { pointReason[node * width + d] == nil }

  /// The groups of `leaving` (about to be withheld on `d`) whose respondents behind the data
  /// point are exactly those of a group that stays shown: such a group publishes the same
  /// number as its twin, so withholding it would hide nothing (an attacker reads it off the
  /// twin) and it stays shown, adding no equation the decision did not already allow.
  ///
  /// Each group's live atoms (those with someone behind `d`, in order) are compared through a
  /// fingerprint first, so no list of them is made for the groups that stay.
  private func twinsOfShown(_ leaving: Set<Int>, _ column: [Int], _ d: Int) -> Set<Int> {
    guard !leaving.isEmpty else { return [] }
    let live = { (node: Int) in self.groups[node].members.lazy.filter { column[$0] > 0 } }
    let fingerprint = { (node: Int) -> UInt64? in
      var hash: UInt64 = 0xCBF2_9CE4_8422_2325
      var any = false
      for a in live(node) {
        hash = (hash ^ UInt64(truncatingIfNeeded: a)) &* 0x0100_0000_01B3
        any = true
      }
      return any ? hash : nil
    }
    var wanted: [UInt64: [Int]] = [:]
    for node in leaving.sorted() { if let f = fingerprint(node) { wanted[f, default: []].append(node) } }
    var kept = Set<Int>()
    for node in groups.indices where shown(node, d) && !leaving.contains(node) {
      guard let f = fingerprint(node), let candidates = wanted[f] else { continue }
      for c in candidates where !kept.contains(c) && live(c).elementsEqual(live(node)) { kept.insert(c) }
    }
    return kept
  }
  /// The groups of `candidates` whose respondents behind data point `d` are a union of whole
  /// regions of the shown unit tree (a region: the live atoms whose deepest shown nested group
  /// is the same). The shown units' numbers already give such a group's number (a unit minus
  /// its shown units below it), so withholding it would hide nothing, and showing it adds no
  /// equation: the span of a tree's shown groups is exactly the unions of its regions.
  private func spannedByShownTree(_ candidates: [Int], _ column: [Int], _ d: Int) -> Set<Int> {
    guard !candidates.isEmpty else { return [] }
    // Nested groups come after their parents, so the deepest shown one is written last.
    var region = [Int](repeating: -1, count: column.count)
    for node in groups.indices where groups[node].nested && shown(node, d) {
      for a in groups[node].members where column[a] > 0 { region[a] = node }
    }
    var size: [Int: Int] = [:]
    for a in region.indices where region[a] >= 0 { size[region[a], default: 0] += 1 }
    var spanned = Set<Int>()
    for node in candidates {
      var touched: [Int: Int] = [:]
      var inTree = true
      for a in groups[node].members where column[a] > 0 {
        guard region[a] >= 0 else {
          inTree = false
          break
        }
        touched[region[a], default: 0] += 1
      }
      if inTree, !touched.isEmpty, touched.allSatisfy({ size[$0.key] == $0.value }) { spanned.insert(node) }
    }
    return spanned
  }

  private func isFixed(_ node: Int) -> Bool { groups[node].fixed != nil }

  /// The shown groups directly below `node` in data point `d` (skipping withheld ones).
  private func largestShown(below node: Int, _ d: Int) -> [Int] {
    var out: [Int] = []
    var stack = children[node]
    while let c = stack.popLast() {
      if shown(c, d) { out.append(c) } else { stack.append(contentsOf: children[c]) }
    }
    return out
  }

  /// Respondents of `node` on `d` that no shown group fixed by another run covers.
  private func free(_ node: Int, _ d: Int) -> Int {
    var value = count(node, d)
    var stack = children[node]
    while let c = stack.popLast() {
      if isFixed(c) && shown(c, d) { value -= count(c, d) } else { stack.append(contentsOf: children[c]) }
    }
    return value
  }

  private func residual(_ node: Int, _ d: Int) -> (value: Int, parts: [Int]) {
    let parts = largestShown(below: node, d)
    return (count(node, d) - parts.reduce(0) { $0 + count($1, d) }, parts)
  }

  private mutating func applyResidualRule(_ d: Int) {
    var changed = true
    while changed {
      changed = false
      // A shown group without subgroups isolates no one: its residual is its own number. The
      // deepest groups go first, so a parent chooses among subgroups already decided.
      for node in groups.indices.reversed() where shown(node, d) && !children[node].isEmpty {
        var (value, parts) = residual(node, d)
        while shown(node, d), value > 0, value < k {
          changed = true
          let missing = Int32(k - value)
          let mapping = isFixed(node) || parts.contains(where: isFixed)
          // Withholding a subgroup helps only when it covers someone that no group fixed by
          // another run shows (withholding it, and then its own subgroups, can uncover them).
          let candidates = parts.filter { !isFixed($0) && free($0, d) > 0 }
          if let smallest = candidates.min(by: { (count($0, d), groups[$0].name, $0) < (count($1, d), groups[$1].name, $1) }) {
            pointReason[smallest * width + d] = mapping ? .mapping : (node == 0 ? .complementary : .nested)
            record.set(smallest, d, .remainder(of: Int32(node), missing: missing))
          } else if !isFixed(node) {
            pointReason[node * width + d] = mapping ? .mapping : .nested
            record.set(node, d, .unshownPart(of: Int32(node), missing: missing))
          } else {
            // Fixed groups already leak on their own: withhold everything decided here.
            let others = groups.indices.filter { !isFixed($0) && shown($0, d) }
            for other in others { pointReason[other * width + d] = .mapping }
            record.set(others.map { ($0, d) }, .remainder(of: Int32(node), missing: missing))
            return
          }
          (value, parts) = residual(node, d)
        }
      }
    }
  }

  private func finish() -> Disclosure {
    var frameworks = 0
    for p in points { frameworks = max(frameworks, p.framework + 1) }
    var indexReason = [Suppression?](repeating: nil, count: groups.count * frameworks)
    var groupReason = groupReason
    for node in groups.indices {
      if let reason = groupReason[node] {
        for f in 0..<frameworks { indexReason[node * frameworks + f] = reason }
        continue
      }
      var first: Suppression? = nil
      var anyShown = false
      for d in points.indices {
        if let reason = pointReason[node * width + d] {
          if first == nil { first = reason }
          let f = node * frameworks + points[d].framework
          indexReason[f] = indexReason[f] ?? .derived
        } else if count(node, d) > 0 {
          anyShown = true
        }
      }
      if !anyShown, let reason = first, reason != .earlierRun {
        // Every number of the group is withheld: the group shows its n only.
        groupReason[node] = reason
      }
    }
    return Disclosure(
      policy: policy, respondents: respondents, counts: .init(values: counts, width: width), groupReason: groupReason,
      pointReason: pointReason, indexReason: indexReason, width: width, frameworks: frameworks, record: record)
  }
}

/// The input of the overlap rule on one data point.
private struct OverlapKey: Hashable {
  var counts: [Int]
  var shown: [Bool]
}
