import Foundation

/// Which total a published number is a linear equation in. Each has its own unknown per team:
/// a mean gives the sum of scores (n × mean), an SD with its mean the sum of squares
/// ((n − 1)·SD² + n·mean²), a favourable/neutral/unfavourable share the count of such answers.
enum Moment: String, CaseIterable {
  case sum, sumOfSquares, favourable, neutral, unfavourable
}

/// What one run published, read back from its rendered bytes: every published statistic
/// becomes an equation "the total of these teams' unknowns on this dimension = value".
/// Values read from rounded formats (table, Markdown) are approximate; whether a withheld
/// total is *determined* depends only on the coefficients, so rounding hides nothing.
struct Observation {
  /// Raw team (atom) → coefficient.
  var coefficients: [String: Int]
  var dimension: String
  var value: Double
  /// Where it was read, for failure messages.
  var source: String
  var moment: Moment = .sum
  /// Whether `value` is exact (JSON, CSV) rather than read from a rounded cell.
  var exact = true
}

/// A group a run lists with a number withheld: the attacker's target.
struct WithheldGroup: Hashable {
  var atoms: Set<String>
  var dimension: String
  var label: String
}

/// Reads the published formats. `atoms` are the teams as they appear in the responses;
/// `members` maps a published group's name to its teams (the survey's team mapping is public).
struct PublicationReader {
  let atoms: [String]
  let dimensions: [String]
  /// The per-respondent measures (each a data point with its own n), read where published.
  var measures: [String] = []
  let organisation = "(all teams)"
  var observations: [Observation] = []
  var withheld: Set<WithheldGroup> = []
  /// The respondents behind each team's number on each dimension (public, like the counts the
  /// reports print), for formats that print a group's n but not each dimension's.
  var counts: [String: [String: Int]] = [:]

  init(atoms: [String], dimensions: [String], counts: [String: [String: Int]] = [:]) {
    self.atoms = atoms
    self.dimensions = dimensions
    self.counts = counts
  }

  func members(_ group: String, _ map: [String: [String]]) -> [String] {
    group == organisation ? atoms : (map[group] ?? [group])
  }

  func coefficients(_ teams: [String]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: teams.map { ($0, 1) })
  }

  private static func object(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
  }

  /// `score --format json` and `compare --format json` (same team/dimension layout).
  mutating func readTeamsJSON(_ text: String, source: String) {
    let root = Self.object(text)
    for framework in root["frameworks"] as? [[String: Any]] ?? [] {
      let groups = (framework["teams"] as? [[String: Any]] ?? []) + [framework["organisation"] as? [String: Any] ?? [:]]
      for group in groups {
        guard let name = group["team"] as? String else { continue }
        let teams = members(name, [:])
        let dims = group["dimensions"] as? [[String: Any]] ?? []
        for id in dimensions {
          let d = dims.first { $0["id"] as? String == id }
          if let d, let n = d["n"] as? Double, let mean = d["mean"] as? Double {
            observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(name) \(id)"))
            record(
              teams, id, n: n, mean: mean, sd: d["sd"] as? Double,
              shares: [
                .favourable: d["favorable_pct"] as? Double, .neutral: d["neutral_pct"] as? Double, .unfavourable: d["unfavorable_pct"] as? Double,
              ],
              source: "\(source) \(name) \(id)")
          } else {
            withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
          }
          // compare: the interval's midpoint is the mean, whatever else is shown.
          if let d, let n = d["n"] as? Double, let ci = d["ci"] as? [Double], ci.count == 2 {
            observations.append(
              Observation(coefficients: coefficients(teams), dimension: id, value: n * (ci[0] + ci[1]) / 2, source: "\(source) ci of \(name) \(id)"))
          }
          // compare: the baseline (rest of the organisation) of each difference.
          if let diff = d?["difference"] as? [String: Any], let bn = diff["baseline_n"] as? Double, let bm = diff["baseline_mean"] as? Double {
            var rest = coefficients(atoms)
            for t in teams { rest[t] = 0 }
            observations.append(Observation(coefficients: rest, dimension: id, value: bn * bm, source: "\(source) rest of \(name) \(id)"))
            // Welch's t with the team's own n and SD gives the rest's SD: its sum of squares.
            if let t = diff["t"] as? Double, t != 0, let difference = diff["difference"] as? Double,
              let n = d?["n"] as? Double, let sd = d?["sd"] as? Double
            {
              let restVariance = bn * ((difference / t) * (difference / t) - sd * sd / n)
              observations.append(
                Observation(
                  coefficients: rest, dimension: id, value: (bn - 1) * restVariance + bn * bm * bm,
                  source: "\(source) rest sd of \(name) \(id)", moment: .sumOfSquares))
            }
          }
        }
        readMeasures(group["measures"] as? [[String: Any]] ?? [], of: teams, name: name, source: source)
      }
    }
  }

  /// `score --format json`: each group's measures (n, mean, SD, sum, shares at least / at most).
  mutating func readMeasures(_ published: [[String: Any]], of teams: [String], name: String, source: String) {
    for id in measures {
      guard let m = published.first(where: { $0["id"] as? String == id }) else { continue }
      measure(
        teams, id, n: m["n"] as? Double, mean: m["mean"] as? Double, sd: m["sd"] as? Double, sum: m["sum"] as? Double,
        atLeast: m["at_least_pct"] as? Double, atMost: m["at_most_pct"] as? Double, source: "\(source) \(name) \(id)")
    }
  }

  /// The equations of one group's published measure, or the group as withheld on it.
  mutating func measure(
    _ teams: [String], _ id: String, n: Double?, mean: Double?, sd: Double?, sum: Double?, atLeast: Double?, atMost: Double?, source: String
  ) {
    guard let n, let mean else {
      withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: source))
      return
    }
    observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: source))
    if let sum { observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: sum, source: "\(source) sum")) }
    record(teams, id, n: n, mean: mean, sd: sd, shares: [.favourable: atLeast, .unfavourable: atMost], source: source)
  }

  /// The second-moment and share equations of one group's published dimension statistics.
  mutating func record(_ teams: [String], _ dimension: String, n: Double, mean: Double, sd: Double?, shares: [Moment: Double?], source: String) {
    if let sd {
      observations.append(
        Observation(
          coefficients: coefficients(teams), dimension: dimension, value: (n - 1) * sd * sd + n * mean * mean,
          source: "\(source) sd", moment: .sumOfSquares))
    }
    for (moment, share) in shares {
      if let share {
        observations.append(
          Observation(coefficients: coefficients(teams), dimension: dimension, value: n * share / 100, source: "\(source) \(moment)", moment: moment))
      }
    }
  }

  /// `score --format csv`: rows `framework,team,team_n,suppressed,measure,n,mean,...`.
  mutating func readScoreCSV(_ text: String, source: String) {
    let header = text.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    let column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if f.count == header.count, f[4].hasPrefix("measure:"), measures.contains(String(f[4].dropFirst(8))) {
        let cell = { (name: String) in column[name].flatMap { Double(f[$0]) } }
        measure(
          members(f[1], [:]), String(f[4].dropFirst(8)), n: cell("n"), mean: cell("mean"), sd: cell("sd"), sum: cell("sum"),
          atLeast: cell("at_least_pct"), atMost: cell("at_most_pct"), source: "\(source) \(f[1]) \(f[4])")
        continue
      }
      guard f.count > 6, dimensions.contains(f[4]) else { continue }
      let teams = members(f[1], [:])
      if let n = Double(f[5]), let mean = Double(f[6]) {
        observations.append(Observation(coefficients: coefficients(teams), dimension: f[4], value: n * mean, source: "\(source) \(f[1]) \(f[4])"))
        record(
          teams, f[4], n: n, mean: mean, sd: Double(f[7]),
          shares: [.favourable: Double(f[9]), .neutral: Double(f[10]), .unfavourable: Double(f[11])],
          source: "\(source) \(f[1]) \(f[4])")
      } else if f.count > 5 {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: f[4], label: "\(source) \(f[1]) \(f[4])"))
      }
    }
  }

  /// `compare --format csv`: `dimension` records (n, mean, and the baseline's n and mean).
  mutating func readCompareCSV(_ text: String, source: String) {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return }
    let col = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    for f in lines.dropFirst() where f.count == header.count && f[col["record"]!] == "dimension" {
      let name = f[col["team"]!]
      let id = f[col["dimension"]!]
      let teams = members(name, [:])
      if let n = Double(f[col["n"]!]), let mean = Double(f[col["mean"]!]) {
        observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(name) \(id)"))
      }
      if let bn = Double(f[col["baseline_n"]!]), let bm = Double(f[col["baseline_mean"]!]) {
        var rest = coefficients(atoms)
        for t in teams { rest[t] = 0 }
        observations.append(Observation(coefficients: rest, dimension: id, value: bn * bm, source: "\(source) rest of \(name) \(id)"))
      }
    }
  }

  /// `trend --format json`: per group and wave, each dimension's n and POMP.
  mutating func readTrendJSON(_ text: String, mapping: [String: [String]], scale: (min: Double, max: Double), source: String) {
    let root = Self.object(text)
    for framework in root["frameworks"] as? [[String: Any]] ?? [] {
      for line in framework["teams"] as? [[String: Any]] ?? [] {
        guard let name = line["team"] as? String else { continue }
        let teams = members(name, mapping)
        for point in line["points"] as? [[String: Any]] ?? [] {
          let dims = point["dimensions"] as? [String: Any] ?? [:]
          for id in dimensions {
            let d = dims[id] as? [String: Any]
            if let d, let n = d["n"] as? Double, let pomp = d["pomp"] as? Double {
              let mean = scale.min + pomp / 100 * (scale.max - scale.min)
              observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(name) \(id)"))
            } else {
              withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
            }
          }
        }
      }
    }
  }
}
