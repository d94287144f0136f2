/// The keyed answers of a batch's rows, per framework, kept row after row until the batch is
/// folded into the reliability sums at once (one call per dimension and batch instead of one
/// per dimension and row). One per thread.
final class KeyedRows {
  private let widths: [Int]
  private var buffers: [UnsafeMutablePointer<Double>]
  private var capacity = 0
  /// Rows kept since the last ``fold(into:plan:)``.
  private(set) var count = 0

  /// - Parameter widths: per framework, its items in use.
  init(widths: [Int]) {
    self.widths = widths
    buffers = widths.map { _ in .allocate(capacity: 1) }
  }

  deinit { for buffer in buffers { buffer.deallocate() } }

  /// Makes room for `rows` rows (forgetting any kept).
  func reserve(_ rows: Int) {
    count = 0
    guard rows > capacity else { return }
    capacity = rows
    for f in buffers.indices {
      buffers[f].deallocate()
      buffers[f] = .allocate(capacity: max(1, rows * widths[f]))
    }
  }

  /// Keeps framework `f`'s keyed answers of the current row.
  @inline(__always)
  func keep(_ f: Int, _ keyed: UnsafePointer<Double>) {
    precondition(count < capacity, "reserve room for the batch first")
    (buffers[f] + count * widths[f]).update(from: keyed, count: widths[f])
  }

  /// Ends the current row.
  @inline(__always)
  func endRow() { count += 1 }

  /// Folds the rows kept, in order, into each framework's dimensions' moments, and forgets them.
  func fold(into reliability: [DimensionMoments], plan: ScoringPlan) {
    for (f, framework) in plan.frameworks.enumerated() {
      for d in 0..<framework.framework.dimensions.count {
        reliability[framework.dimensionOffset + d].add(rows: count, keyed: buffers[f], stride: widths[f])
      }
    }
    count = 0
  }
}
