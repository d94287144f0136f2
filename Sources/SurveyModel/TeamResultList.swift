/// The teams of a framework's results, in report order. Either a plain list, or made one team
/// at a time from running totals when read (so that a report of 50,000 teams does not hold
/// 400,000 dimension results in memory at once).
public struct TeamResultList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
  private enum Storage: Sendable {
    case list([TeamResult])
    case made(count: Int, make: @Sendable (Int) -> TeamResult)
  }

  private let storage: Storage

  /// A plain list.
  public init(_ teams: [TeamResult]) {
    storage = .list(teams)
  }

  public init(arrayLiteral elements: TeamResult...) {
    storage = .list(elements)
  }

  /// `count` teams, team `i` made by `make(i)` each time it is read.
  public init(count: Int, make: @escaping @Sendable (Int) -> TeamResult) {
    storage = .made(count: count, make: make)
  }

  public var startIndex: Int { 0 }

  public var endIndex: Int {
    switch storage {
    case .list(let teams): return teams.count
    case .made(let count, _): return count
    }
  }

  public subscript(position: Int) -> TeamResult {
    switch storage {
    case .list(let teams): return teams[position]
    case .made(_, let make): return make(position)
    }
  }

  public static func == (a: TeamResultList, b: TeamResultList) -> Bool {
    a.elementsEqual(b)
  }
}
