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
  let k: Int
  let policy: PrivacyPolicy
  var respondents: [Int]
  var counts: [[Int]]
  /// Respondents behind each data point of each atom.
  let atomCounts: [[Int]]
  var children: [[Int]]
  var groupReason: [Suppression?]
  var pointReason: [[Suppression?]]
  /// What each withheld data point would need, in words.
  var need: [[String]]
  /// The overlap rule's outcomes by input (see ``applyOverlapRule(_:)``).
  var overlapDecided: [OverlapKey: OverlapRule.Outcome] = [:]

  init(_ population: Population, _ policy: PrivacyPolicy) {
    groups = population.groups
    points = population.dataPoints
    k = policy.threshold
    self.policy = policy
    let width = population.dataPoints.count
    atomCounts = population.atoms.map(\.counts)
    respondents = groups.map { g in g.atoms.reduce(0) { $0 + population.atoms[$1].respondents } }
    counts = groups.map { g in
      var sum = [Int](repeating: 0, count: width)
      for a in g.atoms { for d in 0..<width { sum[d] += population.atoms[a].counts[d] } }
      return sum
    }
    children = Array(repeating: [], count: groups.count)
    for (node, g) in groups.enumerated() where node > 0 && g.nested { children[g.parent].append(node) }
    groupReason = Array(repeating: nil, count: groups.count)
    pointReason = Array(repeating: Array(repeating: nil, count: width), count: groups.count)
    need = Array(repeating: Array(repeating: "", count: width), count: groups.count)
  }

  mutating func run() -> Disclosure {
    for node in groups.indices {
      if let fixed = groups[node].fixed {
        for d in points.indices where !fixed[d] { pointReason[node][d] = .earlierRun }
        if respondents[node] < k { groupReason[node] = .belowMinimum }
        continue
      }
      if respondents[node] < k {
        groupReason[node] = .belowMinimum
        for d in points.indices {
          pointReason[node][d] = .belowMinimum
          need[node][d] =
            "would be shown with \(k - respondents[node]) more respondent\(k - respondents[node] == 1 ? "" : "s") in \(groups[node].name)"
        }
        continue
      }
      for d in points.indices where counts[node][d] > 0 && counts[node][d] < k {
        pointReason[node][d] = .dataPointBelowMinimum
        let more = k - counts[node][d]
        need[node][d] = "would be shown with \(more) more respondent\(more == 1 ? "" : "s") answering \(points[d].name) in \(groups[node].name)"
      }
    }
    if policy.residualRules {
      for d in points.indices { applyResidualRule(d) }
      if groups.contains(where: { !$0.nested }) {
        for d in points.indices { applyOverlapRule(d) }
      }
    }
    return finish()
  }

  /// Rule 5: groups that overlap the tree (attributes, crossed cuts, other levels) are decided
  /// with every other published group by the exact span check of ``OverlapRule`` (in blocks
  /// along the unit tree when the problem is large, see ``BlockDecomposition``).
  private mutating func applyOverlapRule(_ d: Int) {
    let rule = OverlapRule(
      groups: groups.map { g in
        .init(name: g.name, atoms: g.atoms, fixed: g.fixed != nil, nested: g.nested, parent: g.nested ? (g.parent >= 0 ? g.parent : nil) : g.within)
      },
      atomCount: atomCounts.count, k: k, budget: policy.exactBudget, blockKeepsOutsideGroups: policy.blockKeepsOutsideGroups)
    var shownNow = groups.indices.map { shown($0, d) }
    let column = atomCounts.map { $0[d] }
    // Data points answered by the same respondents with the same decisions so far (the usual
    // case) are decided once.
    let key = OverlapKey(counts: column, shown: shownNow)
    let outcome = overlapDecided[key] ?? rule.decide(counts: column, shown: &shownNow)
    overlapDecided[key] = outcome
    switch outcome {
    case .decided(let withheld), .onlyFixedLeft(let withheld):
      for (node, protects) in withheld {
        pointReason[node][d] = .overlapping
        need[node][d] = "would be shown when combining published groups could no longer recover \(protects) on \(points[d].name)"
      }
    case .tooLarge:
      let twins = rule.spannedByFixed(counts: column, shown: groups.indices.map { shown($0, d) })
      for node in groups.indices where !groups[node].nested && groups[node].fixed == nil && shown(node, d) && !twins.contains(node) {
        pointReason[node][d] = .overlapping
        need[node][d] = "would be shown in a run with fewer overlapping groups (too many to decide exactly on \(points[d].name))"
      }
    }
  }

  private func shown(_ node: Int, _ d: Int) -> Bool { pointReason[node][d] == nil }
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
    var value = counts[node][d]
    var stack = children[node]
    while let c = stack.popLast() {
      if isFixed(c) && shown(c, d) { value -= counts[c][d] } else { stack.append(contentsOf: children[c]) }
    }
    return value
  }

  private func residual(_ node: Int, _ d: Int) -> (value: Int, parts: [Int]) {
    let parts = largestShown(below: node, d)
    return (counts[node][d] - parts.reduce(0) { $0 + counts[$1][d] }, parts)
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
          let missing = k - value
          let mapping = isFixed(node) || parts.contains(where: isFixed)
          // Withholding a subgroup helps only when it covers someone that no group fixed by
          // another run shows (withholding it, and then its own subgroups, can uncover them).
          let candidates = parts.filter { !isFixed($0) && free($0, d) > 0 }
          let why =
            "would be shown when the withheld remainder of \(groups[node].name) on \(points[d].name) reaches \(k) respondents (\(missing) more)"
          if let smallest = candidates.min(by: { (counts[$0][d], groups[$0].name, $0) < (counts[$1][d], groups[$1].name, $1) }) {
            pointReason[smallest][d] = mapping ? .mapping : (node == 0 ? .complementary : .nested)
            need[smallest][d] = why
          } else if !isFixed(node) {
            pointReason[node][d] = mapping ? .mapping : .nested
            need[node][d] =
              "would be shown when the part of \(groups[node].name) not shown on its own on \(points[d].name) reaches \(k) respondents (\(missing) more)"
          } else {
            // Fixed groups already leak on their own: withhold everything decided here.
            for other in groups.indices where !isFixed(other) && shown(other, d) {
              pointReason[other][d] = .mapping
              need[other][d] = why
            }
            return
          }
          (value, parts) = residual(node, d)
        }
      }
    }
  }

  private func finish() -> Disclosure {
    var audit: [AuditEntry] = []
    var frameworks = 0
    for p in points { frameworks = max(frameworks, p.framework + 1) }
    var indexReason: [[Suppression?]] = []
    var groupReason = groupReason
    for node in groups.indices {
      let g = groups[node]
      var index = [Suppression?](repeating: nil, count: frameworks)
      if let reason = groupReason[node] {
        index = index.map { _ in reason }
        if !isFixed(node) {
          audit.append(
            AuditEntry(cut: g.cut, group: g.name, dataPoint: nil, rule: reason, threshold: k, n: respondents[node], wouldShow: need[node].first ?? "")
          )
        }
        indexReason.append(index)
        continue
      }
      let withheldPoints = points.indices.filter { pointReason[node][$0] != nil }
      if !withheldPoints.isEmpty, !points.indices.contains(where: { counts[node][$0] > 0 && pointReason[node][$0] == nil }),
        let first = withheldPoints.first, let reason = pointReason[node][first], reason != .earlierRun
      {
        // Every number of the group is withheld: the group shows its n only.
        groupReason[node] = reason
      }
      for d in withheldPoints { index[points[d].framework] = index[points[d].framework] ?? .derived }
      let reasons = Set(withheldPoints.compactMap { pointReason[node][$0] })
      if let reason = groupReason[node], reasons.count == 1, let first = withheldPoints.first {
        // One rule withholds every number of the group: one entry says so.
        let said = need[node][first].replacingOccurrences(of: " on \(points[first].name)", with: " on each number")
          .replacingOccurrences(of: " answering \(points[first].name)", with: "")
        audit.append(AuditEntry(cut: g.cut, group: g.name, dataPoint: nil, rule: reason, threshold: k, n: respondents[node], wouldShow: said))
      } else {
        for d in withheldPoints {
          guard let reason = pointReason[node][d], reason != .earlierRun else { continue }
          audit.append(
            AuditEntry(cut: g.cut, group: g.name, dataPoint: points[d].name, rule: reason, threshold: k, n: counts[node][d], wouldShow: need[node][d])
          )
        }
      }
      indexReason.append(index)
    }
    return Disclosure(
      policy: policy, respondents: respondents, counts: counts, groupReason: groupReason,
      pointReason: pointReason, indexReason: indexReason, audit: audit)
  }
}

/// The input of the overlap rule on one data point.
private struct OverlapKey: Hashable {
  var counts: [Int]
  var shown: [Bool]
}
