/// The keyed answers of the rows being scored, per framework, kept row after row and folded into
/// the reliability sums a block of rows at a time (one call per dimension and block instead of
/// one per dimension and row). One per thread; memory: ``blockRows`` rows.
final class KeyedRows {
  /// Rows kept before they are folded.
  static let blockRows = 256
  private let plan: ScoringPlan
  /// Per framework (raw memory, read once per row and framework): its rows, and its items in use.
  private let buffers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
  private let widths: UnsafeMutablePointer<Int>
  private var count = 0
  /// The sums the rows go to (see ``begin(into:)``).
  private var reliability: [DimensionMoments] = []

  init(plan: ScoringPlan) {
    self.plan = plan
    let frameworks = plan.frameworks.count
    buffers = .allocate(capacity: max(1, frameworks))
    widths = .allocate(capacity: max(1, frameworks))
    for (f, framework) in plan.frameworks.enumerated() {
      widths[f] = framework.items.count
      buffers[f] = .allocate(capacity: max(1, Self.blockRows * framework.items.count))
    }
  }

  deinit {
    for f in plan.frameworks.indices { buffers[f].deallocate() }
    buffers.deallocate()
    widths.deallocate()
  }

  /// Starts rows whose sums go to `reliability` (one per dimension and measure of the plan).
  func begin(into reliability: [DimensionMoments]) {
    self.reliability = reliability
    count = 0
  }

  /// Keeps framework `f`'s keyed answers of the current row.
  @inline(__always)
  func keep(_ f: Int, _ keyed: UnsafePointer<Double>) {
    (buffers[f] + count * widths[f]).update(from: keyed, count: widths[f])
  }

  /// Ends the current row; folds the block when it is full.
  @inline(__always)
  func endRow() {
    count += 1
    if count == Self.blockRows { fold() }
  }

  /// Folds the rows kept, in order, into each framework's dimensions' sums, and forgets them.
  func fold() {
    for (f, framework) in plan.frameworks.enumerated() {
      for d in 0..<framework.framework.dimensions.count {
        reliability[framework.dimensionOffset + d].add(rows: count, keyed: buffers[f], stride: widths[f])
      }
    }
    count = 0
  }
}
