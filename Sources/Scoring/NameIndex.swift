/// Names numbered in the order they were first added, found through an open-addressing table
/// of 4-byte entries over the names themselves. A `[String: Int]` holds every name a second
/// time beside an 8-byte value in buckets kept under three-quarters full: with 50,000 teams
/// that is 3.1 MB against 0.5 MB here (docs/performance.md, "Issue 17, session 13"). The
/// engine numbers its teams with it, and so does the layout of a run's cuts.
struct NameIndex {
  /// The names, by number.
  private(set) var names: [String] = []
  /// Open addressing, linear probing, at most half full: -1 = empty, else a name's number.
  private var table = [Int32](repeating: -1, count: 16)

  /// The number of `name`, added if new.
  mutating func number(of name: String) -> Int {
    if table.isEmpty { rehash(capacity: Self.capacity(for: names.count + 1)) }
    var i = name.hashValue & (table.count - 1)
    while table[i] >= 0 {
      if names[Int(table[i])] == name { return Int(table[i]) }
      i = (i + 1) & (table.count - 1)
    }
    let number = names.count
    names.append(name)
    table[i] = Int32(number)
    if names.count * 2 > table.count { rehash(capacity: table.count * 2) }
    return number
  }

  /// Lets go of the table (the names stay); the next ``number(of:)`` makes it again.
  mutating func releaseTable() { table = [] }

  /// The smallest power of two at least twice `count` (and at least 16).
  private static func capacity(for count: Int) -> Int {
    var capacity = 16
    while capacity < count * 2 { capacity *= 2 }
    return capacity
  }

  private mutating func rehash(capacity: Int) {
    table = [Int32](repeating: -1, count: capacity)
    for (number, name) in names.enumerated() {
      var i = name.hashValue & (capacity - 1)
      while table[i] >= 0 { i = (i + 1) & (capacity - 1) }
      table[i] = Int32(number)
    }
  }
}
