import Foundation

/// Readers of the rest of what people read: `compare`'s terminal table and HTML page, and
/// `trend`'s terminal table. Like the other rounded formats, what decides a recovery is which
/// group shows which statistic, so the attacker reads them as equations.
extension PublicationReader {
  /// The rows of every table in `text` whose header starts with `Team` and names `column`,
  /// cut into cells by the dashes under the header (so an empty cell stays in its place).
  static func tableRows(_ text: String, containing column: String) -> [[String: String]] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    var rows: [[String: String]] = []
    var i = 0
    while i + 1 < lines.count {
      let header = String(lines[i])
      guard header.hasPrefix("Team "), header.contains(column), lines[i + 1].first == "-" else {
        i += 1
        continue
      }
      // Column spans: the runs of dashes.
      var spans: [Range<Int>] = []
      var start: Int? = nil
      for (j, c) in (lines[i + 1] + [" "]).enumerated() {
        if c == "-", start == nil { start = j }
        if c != "-", let s = start {
          spans.append(s..<j)
          start = nil
        }
      }
      let cell = { (line: [Character], span: Range<Int>, last: Bool) -> String in
        guard span.lowerBound < line.count else { return "" }
        let end = last ? line.count : min(span.upperBound, line.count)
        return String(line[span.lowerBound..<end]).trimmingCharacters(in: .whitespaces)
      }
      let names = spans.enumerated().map { cell(lines[i], $1, $0 == spans.count - 1) }
      i += 2
      while i < lines.count, !lines[i].isEmpty {
        var row: [String: String] = [:]
        for (j, span) in spans.enumerated() { row[names[j]] = cell(lines[i], span, j == spans.count - 1) }
        rows.append(row)
        i += 1
      }
    }
    return rows
  }

  /// The respondents behind a group's number on a dimension, from the counts the attacker knows.
  func knownN(_ teams: [String], _ id: String) -> Double {
    teams.reduce(0.0) { $0 + Double(counts[id]?[$1] ?? 0) }
  }

  /// The rest of the organisation's sum on `id` from a group's mean and its difference.
  mutating func restEquation(_ teams: [String], _ id: String, mean: Double, difference: Double, source: String) {
    var rest = coefficients(atoms)
    for t in teams { rest[t] = 0 }
    let restN = knownN(atoms.filter { !teams.contains($0) }, id)
    observations.append(Observation(coefficients: rest, dimension: id, value: restN * (mean - difference), source: source, exact: false))
  }

  /// `compare`'s terminal table: the rows under `Team  Dimension  n  Mean  95% CI  SD  Fav %
  /// Diff ...` (a difference gives the rest of the organisation's mean).
  mutating func readCompareTable(_ text: String, names: [String: String], source: String) {
    for row in Self.tableRows(text, containing: "Dimension") {
      guard let name = row["Team"], let id = row["Dimension"].flatMap({ names[$0] }) else { continue }
      let teams = members(name, [:])
      guard let n = row["n"].flatMap({ Double($0) }), let mean = row["Mean"].flatMap({ Self.number(Substring($0)) }) else {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
        continue
      }
      let at = observations.count
      observations.append(Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(name) \(id)"))
      record(
        teams, id, n: n, mean: mean, sd: row["SD"].flatMap { Self.number(Substring($0)) },
        shares: [.favourable: row["Fav %"].flatMap { Self.number(Substring($0)) }], source: "\(source) \(name) \(id)")
      for j in at..<observations.count { observations[j].exact = false }
      if let diff = row["Diff"].flatMap({ Self.number(Substring($0)) }) {
        restEquation(teams, id, mean: mean, difference: diff, source: "\(source) rest of \(name) \(id)")
      }
    }
  }

  /// `compare --format html`: each heatmap cell's title, `NAME, DIMENSION: mean M, ±D vs
  /// baseline, ...`; a row whose cell has no number, or a hatched row, is withheld.
  mutating func readCompareHTML(_ text: String, names: [String: String], source: String) {
    let unescape = { (s: Substring) -> String in
      s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
    guard let table = text.range(of: "<table class=\"heatmap\">") else { return }
    let body = text[table.upperBound...]
    let end = body.range(of: "</table>").map { body[..<$0.lowerBound] } ?? body
    for row in end.components(separatedBy: "<tr><th scope=\"row\"").dropFirst() {
      guard let open = row.range(of: "<bdi>"), let close = row.range(of: "</bdi>", range: open.upperBound..<row.endIndex) else { continue }
      let name = unescape(row[open.upperBound..<close.lowerBound])
      let teams = members(name, [:])
      var seen = Set<String>()
      var rest = row[close.upperBound...]
      while let t = rest.range(of: " title=\"") {
        let value = rest[t.upperBound...]
        guard let q = value.firstIndex(of: "\"") else { break }
        let title = unescape(value[..<q])
        rest = value[q...]
        for (dimension, id) in names where title.hasPrefix("\(name), \(dimension): ") {
          let words = title.dropFirst("\(name), \(dimension): ".count).components(separatedBy: ", ")
          guard let mean = words.first.flatMap({ Self.number(Substring($0.replacingOccurrences(of: "mean ", with: ""))) }) else { continue }
          seen.insert(id)
          let n = knownN(teams, id)
          observations.append(
            Observation(coefficients: coefficients(teams), dimension: id, value: n * mean, source: "\(source) \(name) \(id)", exact: false))
          if words.count > 1, words[1].hasSuffix(" vs baseline"), let diff = Self.number(Substring(words[1].dropLast(" vs baseline".count))) {
            restEquation(teams, id, mean: mean, difference: diff, source: "\(source) rest of \(name) \(id)")
          }
        }
      }
      for id in names.values where !seen.contains(id) {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
      }
    }
  }

  /// `trend`'s terminal table: the rows under `Team  Dimension  WAVE...` (POMP per wave; the
  /// n is the group's count, which the attacker knows).
  mutating func readTrendTable(
    _ text: String, names: [String: String], mapping: [String: [String]], scale: (min: Double, max: Double), wave: String, source: String
  ) {
    for row in Self.tableRows(text, containing: "Dimension") {
      guard let name = row["Team"], let id = row["Dimension"].flatMap({ names[$0] }), let cell = row[wave] else { continue }
      let teams = members(name, mapping)
      guard let pomp = Self.number(Substring(cell)) else {
        withheld.insert(WithheldGroup(atoms: Set(teams), dimension: id, label: "\(source) \(name) \(id)"))
        continue
      }
      let mean = scale.min + pomp / 100 * (scale.max - scale.min)
      observations.append(
        Observation(
          coefficients: coefficients(teams), dimension: id, value: knownN(teams, id) * mean, source: "\(source) \(name) \(id)", exact: false))
    }
  }
}
