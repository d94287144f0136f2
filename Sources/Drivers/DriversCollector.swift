import Scoring
import SurveyModel

/// Keeps, for each scored respondent, their group and the outcome and driver values a driver
/// analysis needs (a regression needs the respondents themselves, not only moments): memory
/// grows with respondents × drivers.
public final class DriversCollector: ScoredRowObserver {
  let spec: DriverSpec
  /// Per respondent: their group's position in ``groups``.
  private(set) var groupOfRow: [Int] = []
  /// Row-major: 1 + drivers values per respondent, the outcome first (NaN = missing).
  private(set) var values: [Double] = []
  private(set) var groups: [String] = []
  private var groupIndex: [String: Int] = [:]
  private var row: [Double] = []

  public init(spec: DriverSpec) { self.spec = spec }

  public func observe(team: String, framework: Int, keyed: UnsafeBufferPointer<Double>, scores: UnsafeBufferPointer<Double>) {
    guard framework == spec.framework else { return }
    spec.values(keyed: keyed, scores: scores, into: &row)
    let g: Int
    if let known = groupIndex[team] {
      g = known
    } else {
      g = groups.count
      groupIndex[team] = g
      groups.append(team)
    }
    groupOfRow.append(g)
    values.append(contentsOf: row)
  }

  /// Row positions per group, in reading order (built once, on first use).
  private lazy var rowsOfGroup: [[Int]] = {
    var rows = [[Int]](repeating: [], count: groups.count)
    for (r, g) in groupOfRow.enumerated() { rows[g].append(r) }
    return rows
  }()

  /// Rows by the name of a cut's group, once ``regroup(_:)`` has placed them.
  private var regrouped: [String: [Int]]?

  /// Groups the rows by a cut instead of by the key each was read under: `groupsOf` gives the
  /// published groups a key (a team, or a team with attribute codes) belongs to, by name.
  public func regroup(_ groupsOf: (String) -> [String]) {
    let names = groups.map(groupsOf)
    var rows: [String: [Int]] = [:]
    for (r, g) in groupOfRow.enumerated() { for name in names[g] { rows[name, default: []].append(r) } }
    regrouped = rows
  }

  /// The rows of a group (nil = every row), in reading order; none for an unknown group.
  private func rows(of group: String?) -> [Int] {
    guard let group else { return Array(groupOfRow.indices) }
    if let regrouped { return regrouped[group] ?? [] }
    return groupIndex[group].map { rowsOfGroup[$0] } ?? []
  }

  /// The columns (outcome first) of the respondents with every value present, in one group or
  /// (nil) in all.
  func completeColumns(group: String?) -> [[Double]] {
    let width = spec.drivers.count + 1
    var columns = [[Double]](repeating: [], count: width)
    for r in rows(of: group) {
      let start = r * width
      guard !values[start..<start + width].contains(where: \.isNaN) else { continue }
      for c in 0..<width { columns[c].append(values[start + c]) }
    }
    return columns
  }

  /// The mean of driver `d` over the respondents of a group (nil = all) who have it.
  func driverMean(_ d: Int, group: String?) -> Double? {
    let width = spec.drivers.count + 1
    var total = 0.0
    var n = 0
    for r in rows(of: group) {
      let x = values[r * width + 1 + d]
      if !x.isNaN {
        total += x
        n += 1
      }
    }
    return n > 0 ? total / Double(n) : nil
  }
}
