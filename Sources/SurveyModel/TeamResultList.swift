/// The teams of a framework's results, in report order. Either a plain list, or made one team
/// at a time from running totals when read (so that a report of 50,000 teams does not hold
/// 400,000 dimension results in memory at once).
///
/// Finding a team by name (``first(named:)``) reads names only, through an index made on the
/// first look-up: a search that read the teams would make every team before the one found,
/// each from its totals: a pack of 11,110 units did not finish in ten minutes.
public struct TeamResultList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
  private enum Storage: Sendable {
    case list([TeamResult])
    case made(count: Int, name: @Sendable (Int) -> String, make: @Sendable (Int) -> TeamResult)
  }

  private let storage: Storage
  /// The first position of each name, made on the first look-up.
  private let positions = Memo<[String: Int]>()

  /// A plain list.
  public init(_ teams: [TeamResult]) {
    storage = .list(teams)
  }

  public init(arrayLiteral elements: TeamResult...) {
    storage = .list(elements)
  }

  /// `count` teams, team `i` named `name(i)` and made by `make(i)` each time it is read
  /// (`make(i).team` must be `name(i)`).
  public init(count: Int, name: @escaping @Sendable (Int) -> String, make: @escaping @Sendable (Int) -> TeamResult) {
    storage = .made(count: count, name: name, make: make)
  }

  public var startIndex: Int { 0 }

  public var endIndex: Int {
    switch storage {
    case .list(let teams): return teams.count
    case .made(let count, _, _): return count
    }
  }

  public subscript(position: Int) -> TeamResult {
    switch storage {
    case .list(let teams): return teams[position]
    case .made(_, _, let make): return make(position)
    }
  }

  /// The name of the team at `position`, without making the team.
  public func name(at position: Int) -> String {
    switch storage {
    case .list(let teams): return teams[position].team
    case .made(_, let name, _): return name(position)
    }
  }

  /// The position of the first team named `name` (nil: none is).
  public func position(named name: String) -> Int? {
    positions.value { Dictionary(firstPositions: indices.lazy.map { self.name(at: $0) }) }[name]
  }

  /// The first team named `name` (nil: none is); only that team is made.
  public func first(named name: String) -> TeamResult? {
    position(named: name).map { self[$0] }
  }

  public static func == (a: TeamResultList, b: TeamResultList) -> Bool {
    a.elementsEqual(b)
  }
}
