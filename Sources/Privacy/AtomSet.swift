/// The atoms a published group pools (indices into ``Population/atoms``, ascending), held
/// without listing them where the atoms' order allows it.
///
/// When the atoms are numbered in the order of a depth-first walk of the unit tree, every
/// unit's atoms are one range, and a unit crossed with an attribute value is that range
/// filtered by a per-atom column of values: a group then costs a few words, whatever its
/// size, so the population grows with its groups, not with groups × atoms. Any other group is
/// an explicit list. Every form iterates its atoms in ascending order, so the engine decides
/// alike whichever form a group is given in.
public struct AtomSet: Sendable, Sequence {
  enum Form: Sendable {
    case list([Int])
    case range(Range<Int>)
    /// The atoms `a` of `start..<end` with `column[a] == value` (32-bit bounds: a universe may
    /// hold a million such groups).
    case filtered(start: Int32, end: Int32, column: [Int32], value: Int32)
  }

  let form: Form

  /// The atoms of `atoms`, given explicitly in ascending order.
  public init(_ atoms: [Int]) { form = .list(atoms) }

  /// Every atom of `range`.
  public init(range: Range<Int>) { form = .range(range) }

  /// The atoms of `range` whose entry in `column` (one value per atom of the population,
  /// shared by every group that filters by it) is `value`. The range is narrowed once to the
  /// first and last such atom, so an empty cell costs nothing when walked.
  public init(range: Range<Int>, column: [Int32], value: Int32) {
    precondition(range.isEmpty || (range.lowerBound >= 0 && range.upperBound <= column.count), "the column has a value per atom")
    guard let first = range.first(where: { column[$0] == value }) else {
      form = .range(range.lowerBound..<range.lowerBound)
      return
    }
    let last = range.reversed().first { column[$0] == value }!
    form = .filtered(start: Int32(first), end: Int32(last + 1), column: column, value: value)
  }

  /// Whether the atoms are given as a list (not a range or a filtered range).
  public var isList: Bool {
    if case .list = form { return true }
    return false
  }

  /// The atoms, listed.
  public var list: [Int] {
    if case .list(let atoms) = form { return atoms }
    return Array(self)
  }

  public var underestimatedCount: Int {
    switch form {
    case .list(let atoms): atoms.count
    case .range(let range): range.count
    case .filtered: 0
    }
  }

  public func makeIterator() -> Iterator {
    switch form {
    case .list(let atoms): Iterator(kind: 0, position: 0, end: atoms.count, list: atoms, column: [], value: 0)
    case .range(let range): Iterator(kind: 1, position: range.lowerBound, end: range.upperBound, list: [], column: [], value: 0)
    case .filtered(let start, let end, let column, let value):
      Iterator(kind: 2, position: Int(start), end: Int(end), list: [], column: column, value: value)
    }
  }

  /// Walks the atoms in ascending order.
  public struct Iterator: IteratorProtocol {
    let kind: UInt8
    var position: Int
    let end: Int
    let list: [Int]
    let column: [Int32]
    let value: Int32

    public mutating func next() -> Int? {
      switch kind {
      case 0:
        guard position < end else { return nil }
        position += 1
        return list[position - 1]
      case 1:
        guard position < end else { return nil }
        position += 1
        return position - 1
      default:
        while position < end {
          position += 1
          if column[position - 1] == value { return position - 1 }
        }
        return nil
      }
    }
  }
}

extension AtomSet: ExpressibleByArrayLiteral {
  public init(arrayLiteral atoms: Int...) { self.init(atoms) }
}
