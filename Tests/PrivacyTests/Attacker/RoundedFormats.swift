/// Readers of the formats people read: the terminal table, Markdown, and trend's CSV. Their
/// numbers are rounded, but what they publish (which group shows which statistic) is what
/// decides a recovery, so the attacker reads them like the exact formats.
extension PublicationReader {
  /// A cell as a number: `3.41`, `−0.12` (the tables' minus sign), `<0.001` is not one.
  static func number(_ cell: Substring) -> Double? {
    Double(cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{2212}", with: "-"))
  }

  /// `score`'s terminal table: the rows under `Team  Dimension  n  Mean  SD  POMP  Fav %`.
  /// `names` maps a dimension's name to its id.
  mutating func readScoreTable(_ text: String, names: [String: String], source: String) {
    let first = observations.count
    defer { markRounded(from: first) }
    var inDimensions = false
    for line in text.split(separator: "\n") {
      if line.hasPrefix("Team ") {
        inDimensions = line.contains("Dimension")
        continue
      }
      guard inDimensions, !line.hasPrefix("---") else { continue }
      let cells = line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      guard cells.count >= 3, let id = names[cells[1]] else { continue }
      let teams = members(cells[0], [:])
      if cells.count >= 7, let n = Double(cells[2]), let mean = Self.number(Substring(cells[3])) {
        observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(cells[0]) \(id)"))
        record(
          teams, id, n: n, mean: mean, sd: Self.number(Substring(cells[4])), shares: [.favourable: Self.number(Substring(cells[6]))],
          source: "\(source) \(cells[0]) \(id)")
      } else {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(cells[0]) \(id)"))
      }
    }
    // The measures' table: `Team  Measure  n  Mean  SD  Sum  ≥ %  ≤ %  Pooled`.
    for row in Self.tableRows(text, containing: "Measure") {
      guard let name = row["Team"], let id = row["Measure"].flatMap({ names[$0] }), measures.contains(id) else { continue }
      let number = { (column: String) in row[column].flatMap { Self.number(Substring($0)) } }
      measure(
        members(name, [:]), id, n: number("n"), mean: number("Mean"), sd: number("SD"), sum: number("Sum"), atLeast: number("≥ %"),
        atMost: number("≤ %"), source: "\(source) \(name) \(id)")
    }
  }

  /// `compare --format md`: the dimension table `| Team | Dimension | n | Mean | 95% CI | SD |
  /// Fav / Neu / Unfav % | Diff | ...`; a difference gives the rest of the organisation's mean.
  mutating func readCompareMarkdown(_ text: String, names: [String: String], source: String) {
    let first = observations.count
    defer { markRounded(from: first) }
    var header: [String: Int] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("|") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
      if cells.first == "Team" {
        header = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        continue
      }
      guard let d = header["Dimension"], cells.count == header.count, let id = names[cells[d]] else { continue }
      let name = cells[0]
      let teams = members(name, [:])
      let n = header["n"].flatMap { Double(cells[$0]) }
      guard let n, let mean = header["Mean"].flatMap({ Self.number(Substring(cells[$0])) }) else {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
        continue
      }
      observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(name) \(id)"))
      let shares = header["Fav / Neu / Unfav %"].map { cells[$0].split(separator: "/").map { Self.number($0) } } ?? []
      record(
        teams, id, n: n, mean: mean, sd: header["SD"].flatMap { Self.number(Substring(cells[$0])) },
        shares: shares.count == 3 ? [.favourable: shares[0], .neutral: shares[1], .unfavourable: shares[2]] : [:], source: "\(source) \(name) \(id)")
      if let diff = header["Diff"].flatMap({ Self.number(Substring(cells[$0])) }) {
        var rest = coefficients(atoms)
        for t in teams { rest[t] = 0 }
        let restN = atoms.filter { !teams.contains($0) }.reduce(0.0) { $0 + Double(counts[id]?[$1] ?? 0) }
        observations.append(Observation(coefficients: rest, dimension: id, value: restN * (mean - diff), source: "\(source) rest of \(name) \(id)"))
      }
    }
  }

  /// Marks the observations from `first` on as read from rounded cells.
  private mutating func markRounded(from first: Int) {
    for i in first..<observations.count { observations[i].exact = false }
  }

  /// `trend --format csv`: per group and wave, each dimension's POMP (its n is the group's
  /// count, which the attacker knows).
  mutating func readTrendCSV(_ text: String, mapping: [String: [String]], scale: (min: Double, max: Double), source: String) {
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 8, dimensions.contains(f[5]) else { continue }
      let teams = members(f[1], mapping)
      let id = f[5]
      let n = teams.reduce(0.0) { $0 + Double(counts[id]?[$1] ?? 0) }
      if let pomp = Double(f[6]) {
        observations.append(
          Observation(
            coefficients: coefficients(teams), dimension: id, value: n * (scale.min + pomp / 100 * (scale.max - scale.min)),
            source: "\(source) \(f[1]) \(id)"))
      } else {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(f[1]) \(id)"))
      }
    }
  }
}
