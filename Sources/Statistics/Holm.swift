/// Holm's step-down adjustment of p-values for multiple comparisons (controls the family-wise
/// error rate, without assuming the tests are independent).
public enum Holm {
  /// The adjusted p-values, in the order given.
  ///
  /// Sorted ascending, the i-th smallest of m p-values becomes max over j ≤ i of
  /// min(1, (m − j + 1) · p₍ⱼ₎); NaN values are left out of the family and stay NaN.
  public static func adjust(_ pValues: [Double]) -> [Double] {
    let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
    var adjusted = pValues
    var running = 0.0
    for (rank, index) in order.enumerated() {
      let scaled = min(1, Double(order.count - rank) * pValues[index])
      running = max(running, scaled)
      adjusted[index] = running
    }
    return adjusted
  }
}
