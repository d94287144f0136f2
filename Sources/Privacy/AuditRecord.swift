import SurveyModel

/// What a ``Disclosure``'s audit is written from: the groups' names, the data points' names,
/// and, for each number withheld by a residual or overlap rule, what would show it (a
/// ``Need``). Numbers withheld for too few respondents need nothing stored: their hint
/// follows from the counts. The hints (``AuditHint``, data: the reports put them in words in
/// the reader's language) are made only when the audit is read.
struct AuditRecord: Sendable {
  /// What would show a number withheld by a residual or overlap rule.
  enum Need: Sendable {
    /// The withheld remainder of a group (by node) is `missing` respondents short.
    case remainder(of: Int32, missing: Int32)
    /// The part of a group (by node) not shown on its own is `missing` respondents short.
    case unshownPart(of: Int32, missing: Int32)
    /// Combining published groups would recover what `protects` says.
    case overlap(protects: AuditLeak)
    /// The overlap problem was too large to decide exactly.
    case tooMany
  }

  let groups: [Population.Group]
  let points: [String]
  let k: Int
  /// Per node and data point (`node * width + d`), an index into ``notes`` or -1 (empty
  /// until the first need is recorded: most decisions have none).
  var needs: [Int32] = []
  var notes: [Need] = []

  init(groups: [Population.Group], points: [String], k: Int) {
    self.groups = groups
    self.points = points
    self.k = k
  }

  /// Records what would show data point `d` of `node`.
  mutating func set(_ node: Int, _ d: Int, _ need: Need) { set([(node, d)], need) }

  /// Records one need for several numbers.
  mutating func set(_ numbers: [(node: Int, d: Int)], _ need: Need) {
    if needs.isEmpty { needs = [Int32](repeating: -1, count: groups.count * points.count) }
    let index = Int32(notes.count)
    notes.append(need)
    for (node, d) in numbers { needs[node * points.count + d] = index }
  }

  /// The audit entries of the groups that `include` accepts, in node order.
  func entries(_ disclosure: Disclosure, _ include: (String, String) -> Bool) -> [AuditEntry] {
    // Counted first and made at their size: grown by doubling, the entries of 50,000 small
    // teams held the old and the new array at once at the run's peak.
    var count = 0
    visit(disclosure, include) { _ in count += 1 }
    var out: [AuditEntry] = []
    out.reserveCapacity(count)
    visit(disclosure, include) { out.append($0) }
    return out
  }

  /// Hands `body` the audit entries of the groups that `include` accepts, in node order.
  private func visit(_ disclosure: Disclosure, _ include: (String, String) -> Bool, _ body: (AuditEntry) -> Void) {
    let width = points.count
    for node in groups.indices {
      let g = groups[node]
      guard let first = (0..<width).first(where: { disclosure.pointReason[node * width + $0] != nil }) ?? disclosure.groupReason[node].map({ _ in 0 })
      else { continue }
      guard include(g.cut, g.name) else { continue }
      let reason = disclosure.groupReason[node]
      if reason == .belowMinimum {
        guard g.fixed == nil else { continue }
        let hint = width > 0 ? self.hint(disclosure, node, 0, allPoints: false) : nil
        body(
          AuditEntry(cut: g.cut, group: g.name, dataPoint: nil, rule: .belowMinimum, threshold: k, n: disclosure.respondents[node], wouldShow: hint))
        continue
      }
      let withheld = (first..<width).filter { disclosure.pointReason[node * width + $0] != nil }
      if let reason, withheld.allSatisfy({ disclosure.pointReason[node * width + $0] == reason }) {
        // One rule withholds every number of the group: one entry says so.
        let hint = self.hint(disclosure, node, first, allPoints: true)
        body(
          AuditEntry(cut: g.cut, group: g.name, dataPoint: nil, rule: reason, threshold: k, n: disclosure.respondents[node], wouldShow: hint))
        continue
      }
      for d in withheld {
        guard let rule = disclosure.pointReason[node * width + d], rule != .earlierRun else { continue }
        body(
          AuditEntry(
            cut: g.cut, group: g.name, dataPoint: points[d], rule: rule, threshold: k, n: disclosure.counts[node][d],
            wouldShow: hint(disclosure, node, d, allPoints: false)))
      }
    }
  }

  /// What would show data point `d` of `node`, or (`allPoints`) each of its numbers.
  func hint(_ disclosure: Disclosure, _ node: Int, _ d: Int, allPoints: Bool) -> AuditHint? {
    let point = allPoints ? nil : points[d]
    switch disclosure.pointReason[node * points.count + d] {
    case .belowMinimum:
      return .moreRespondents(more: k - disclosure.respondents[node], answering: nil)
    case .dataPointBelowMinimum:
      return .moreRespondents(more: k - disclosure.counts[node][d], answering: point)
    default:
      let index = needs.isEmpty ? -1 : needs[node * points.count + d]
      guard index >= 0 else { return nil }
      switch notes[Int(index)] {
      case .remainder(let of, let missing):
        return .remainder(of: groups[Int(of)].name, point: point, threshold: k, more: Int(missing))
      case .unshownPart(let of, let missing):
        return .unshownPart(of: groups[Int(of)].name, point: point, threshold: k, more: Int(missing))
      case .overlap(let protects):
        return .overlap(protects: protects, point: point)
      case .tooMany:
        return .tooMany(point: point)
      }
    }
  }
}
