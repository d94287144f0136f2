import Foundation

/// What one run published, read back from its rendered bytes: every (n, mean) pair becomes an
/// equation "the sum of these teams' scores on this dimension = n × mean".
struct Observation {
  /// Raw team (atom) → coefficient.
  var coefficients: [String: Int]
  var dimension: String
  var value: Double
  /// Where it was read, for failure messages.
  var source: String
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
  let organisation = "(all teams)"
  var observations: [Observation] = []
  var withheld: Set<WithheldGroup> = []

  init(atoms: [String], dimensions: [String]) {
    self.atoms = atoms
    self.dimensions = dimensions
  }

  private func members(_ group: String, _ map: [String: [String]]) -> [String] {
    group == organisation ? atoms : (map[group] ?? [group])
  }

  private func coefficients(_ teams: [String]) -> [String: Int] {
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
          } else {
            withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
          }
          // compare: the baseline (rest of the organisation) of each difference.
          if let diff = d?["difference"] as? [String: Any], let bn = diff["baseline_n"] as? Double, let bm = diff["baseline_mean"] as? Double {
            var rest = coefficients(atoms)
            for t in teams { rest[t] = 0 }
            observations.append(Observation(coefficients: rest, dimension: id, value: bn * bm, source: "\(source) rest of \(name) \(id)"))
          }
        }
      }
    }
  }

  /// `score --format csv`: rows `framework,team,team_n,suppressed,measure,n,mean,...`.
  mutating func readScoreCSV(_ text: String, source: String) {
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count > 6, dimensions.contains(f[4]) else { continue }
      let teams = members(f[1], [:])
      if let n = Double(f[5]), let mean = Double(f[6]) {
        observations.append(Observation(coefficients: coefficients(teams), dimension: f[4], value: n * mean, source: "\(source) \(f[1]) \(f[4])"))
      }
    }
  }

  /// `compare --format csv`: `dimension` records (n, mean, and the baseline's n and mean).
  mutating func readCompareCSV(_ text: String, source: String) {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return }
    let col = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    for f in lines.dropFirst() where f.count == header.count && f[col["record"]!] == "dimension" {
      let name = f[col["team"]!], id = f[col["dimension"]!]
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
