/// The atoms of a ``Population`` held flat: each atom's respondents, and the respondents behind
/// each of its data points side by side (`atom * width + d`), so that a million atoms are two
/// arrays rather than a million small ones. Read as a collection of ``Population/Atom``.
public struct AtomTotals: Sendable, RandomAccessCollection {
  /// Data points per atom.
  public let width: Int
  @usableFromInline var respondentCounts: [Int32] = []
  @usableFromInline var pointCounts: [Int32] = []

  /// No atoms yet, `width` data points each.
  public init(width: Int) { self.width = width }

  /// The atoms given one by one; each has `width` counts.
  public init(_ atoms: [Population.Atom], width: Int) {
    self.init(width: width)
    reserveCapacity(atoms.count)
    for atom in atoms { append(respondents: atom.respondents, counts: atom.counts) }
  }

  /// Makes room for `count` atoms in all.
  public mutating func reserveCapacity(_ count: Int) {
    respondentCounts.reserveCapacity(count)
    pointCounts.reserveCapacity(count * width)
  }

  /// Adds an atom: its respondents and the respondents behind each data point. Inlinable, so a
  /// caller's collection is read specialised (generic, it cost 0.1 s of a 50,000-team run).
  @inlinable public mutating func append(respondents: Int, counts: some Collection<Int>) {
    precondition(counts.count == width, "one count per data point")
    respondentCounts.append(Int32(respondents))
    for n in counts { pointCounts.append(Int32(n)) }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { respondentCounts.count }

  public subscript(a: Int) -> Population.Atom {
    Population.Atom(respondents: respondents(a), counts: (0..<width).map { count(a, $0) })
  }

  /// Respondents of atom `a` (with at least one answer).
  public func respondents(_ a: Int) -> Int { Int(respondentCounts[a]) }

  /// Respondents behind data point `d` of atom `a`.
  public func count(_ a: Int, _ d: Int) -> Int { Int(pointCounts[a * width + d]) }

  /// Respondents behind data point `d`, per atom.
  public func column(_ d: Int) -> [Int] { indices.map { count($0, d) } }
}
