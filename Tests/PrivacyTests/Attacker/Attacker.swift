/// Tries to recover withheld numbers from everything published, by exact linear algebra: per
/// dimension (and per measure), each team's (atom's) score sum is an unknown, each published (n, mean) an
/// equation; a withheld group, a team smaller than the threshold, or any set of up to three
/// teams with fewer respondents than the threshold is recovered when the equations determine
/// its sum.
struct Attacker {
  struct Recovery: CustomStringConvertible {
    var what: String
    var dimension: String
    var respondents: Int
    var value: Double
    var moment: Moment = .sum
    /// Whether `value` follows from exact published numbers alone (else rounded ones took part).
    var exact = true
    var description: String { "\(what) on \(dimension) (n = \(respondents)): \(moment) \(exact ? "" : "≈")\(value)" }
  }

  /// The true respondents behind each team's number on each dimension (the attacker is given
  /// every count: counts are public where they reveal no answers).
  let counts: [String: [String: Int]]
  let threshold: Int

  /// Everything recoverable from `reader`'s observations.
  func attack(_ reader: PublicationReader) -> [Recovery] {
    var found: [Recovery] = []
    for dimension in reader.dimensions + reader.measures {
      let sumRows = Set(reader.observations.filter { $0.dimension == dimension && $0.moment == .sum }.map(\.coefficients))
      for moment in Moment.allCases {
        // Equations over the same groups as the means determine nothing the means do not.
        let rows = reader.observations.filter { $0.dimension == dimension && $0.moment == moment }
        if moment != .sum, rows.allSatisfy({ sumRows.contains($0.coefficients) }) { continue }
        found += attack(reader, rows: rows, dimension: dimension, moment: moment)
      }
    }
    return found
  }

  /// What the equations of one statistic on one dimension determine.
  private func attack(_ reader: PublicationReader, rows observations: [Observation], dimension: String, moment: Moment) -> [Recovery] {
    var found: [Recovery] = []
    let n = { (team: String) in counts[dimension]?[team] ?? 0 }
    // Teams with nobody behind this number contribute a known zero.
    let columns = reader.atoms.filter { n($0) > 0 }
    guard !columns.isEmpty else { return [] }
    let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
    // Two systems: the exact equations alone give exact values; with the rounded ones added,
    // more may be determined (approximately).
    var exact = LinearSystem(unknowns: columns.count)
    var system = LinearSystem(unknowns: columns.count)
    for o in observations.sorted(by: { $0.exact && !$1.exact }) {
      var row = [Rational](repeating: .zero, count: columns.count)
      for (team, c) in o.coefficients where c != 0 { if let j = index[team] { row[j] = Rational(c) } }
      if o.exact { exact.add(row, value: o.value) }
      system.add(row, value: o.value)
    }
    func check(_ teams: Set<String>, _ what: String) {
      let respondents = teams.reduce(0) { $0 + n($1) }
      guard respondents > 0 else { return }
      var target = [Rational](repeating: .zero, count: columns.count)
      for t in teams { if let j = index[t] { target[j] = .one } }
      if let value = exact.determined(target) {
        found.append(Recovery(what: what, dimension: dimension, respondents: respondents, value: value, moment: moment))
      } else if let value = system.determined(target) {
        found.append(Recovery(what: what, dimension: dimension, respondents: respondents, value: value, moment: moment, exact: false))
      }
    }
    for group in reader.withheld where group.dimension == dimension {
      check(group.atoms, "withheld \(group.label)")
    }
    // Any set of up to three teams behind fewer respondents than the threshold.
    for i in columns.indices {
      if n(columns[i]) < threshold { check([columns[i]], "team \(columns[i])") }
      for j in (i + 1)..<columns.count where n(columns[i]) + n(columns[j]) < threshold {
        check([columns[i], columns[j]], "teams \(columns[i]) + \(columns[j])")
        for l in (j + 1)..<columns.count where n(columns[i]) + n(columns[j]) + n(columns[l]) < threshold {
          check([columns[i], columns[j], columns[l]], "teams \(columns[i]) + \(columns[j]) + \(columns[l])")
        }
      }
    }
    return found
  }
}
