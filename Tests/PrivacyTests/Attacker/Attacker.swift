/// Tries to recover withheld numbers from everything published, by exact linear algebra: per
/// dimension, each team's (atom's) score sum is an unknown, each published (n, mean) an
/// equation; a withheld group, a team smaller than the threshold, or any set of up to three
/// teams with fewer respondents than the threshold is recovered when the equations determine
/// its sum.
struct Attacker {
  struct Recovery: CustomStringConvertible {
    var what: String
    var dimension: String
    var respondents: Int
    var value: Double
    var description: String { "\(what) on \(dimension) (n = \(respondents)): sum \(value)" }
  }

  /// The true respondents behind each team's number on each dimension (the attacker is given
  /// every count: counts are public where they reveal no answers).
  let counts: [String: [String: Int]]
  let threshold: Int

  /// Everything recoverable from `reader`'s observations.
  func attack(_ reader: PublicationReader) -> [Recovery] {
    var found: [Recovery] = []
    for dimension in reader.dimensions {
      let n = { (team: String) in counts[dimension]?[team] ?? 0 }
      // Teams with nobody behind this number contribute a known zero.
      let columns = reader.atoms.filter { n($0) > 0 }
      guard !columns.isEmpty else { continue }
      let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
      var system = LinearSystem(unknowns: columns.count)
      for o in reader.observations where o.dimension == dimension {
        var row = [Rational](repeating: .zero, count: columns.count)
        for (team, c) in o.coefficients where c != 0 { if let j = index[team] { row[j] = Rational(c) } }
        system.add(row, value: o.value)
      }
      func check(_ teams: Set<String>, _ what: String) {
        let respondents = teams.reduce(0) { $0 + n($1) }
        guard respondents > 0 else { return }
        var target = [Rational](repeating: .zero, count: columns.count)
        for t in teams { if let j = index[t] { target[j] = .one } }
        if let value = system.determined(target) {
          found.append(Recovery(what: what, dimension: dimension, respondents: respondents, value: value))
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
    }
    return found
  }
}
