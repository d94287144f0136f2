/// A list of indices per key (each group's children, each unit's atoms) held in two flat arrays
/// rather than an array per key: with a million keys, 4 bytes per key and 4 per entry.
struct IndexLists: Sendable {
  private let start: [Int32]
  private let entries: [Int32]

  /// - Parameters:
  ///   - keys: how many keys (each list may be empty).
  ///   - walk: calls its argument with (key, entry) for every entry, in the order each key's
  ///     entries are listed; called twice (once to count, once to fill).
  init(keys: Int, walk: ((Int, Int) -> Void) -> Void) {
    var start = [Int32](repeating: 0, count: keys + 1)
    walk { key, _ in start[key + 1] += 1 }
    for key in 0..<keys { start[key + 1] += start[key] }
    var fill = start
    var entries = [Int32](repeating: 0, count: Int(start[keys]))
    walk { key, entry in
      entries[Int(fill[key])] = Int32(entry)
      fill[key] += 1
    }
    self.start = start
    self.entries = entries
  }

  /// The entries of `key`, in the order they were listed.
  subscript(key: Int) -> LazyMapSequence<ArraySlice<Int32>, Int> {
    entries[Int(start[key])..<Int(start[key + 1])].lazy.map { Int($0) }
  }
}
