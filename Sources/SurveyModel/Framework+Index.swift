/// How many answered items a dimension needs: a count, or a share of its items in use.
public enum MinimumAnswered: Equatable, Sendable {
  case count(Int)
  /// A share in (0, 1]: at least ⌈share × items⌉ answered (and at least one).
  case share(Double)

  /// The number of answered items needed out of `items`.
  public func needed(of items: Int) -> Int {
    switch self {
    case .count(let n): return n
    case .share(let s): return Swift.max(1, Int((s * Double(items) - 1e-9).rounded(.up)))
    }
  }

}

extension Framework {
  /// The index's name as reports show it: the declared `index_label`, or the rule's.
  public var indexLabel: String {
    if let declaredIndexLabel { return declaredIndexLabel }
    switch indexDefinition?.rule {
    case .nps?: return "eNPS"
    case .sharePositive?: return "% positive"
    case .pooled?: return "pooled index"
    case .personMean?: return "person mean"
    case .pompMean?: return indexDefinition?.weights.isEmpty == false ? "weighted index" : "index"
    case nil: return "index"
    }
  }

  /// The values the index can take: the declared `index_range`, else the rule's (an `index`
  /// hook without a declared range may return −100 to 100, as plugin API 1 always allowed).
  public var indexRange: ClosedRange<Double> {
    if let declaredIndexRange { return declaredIndexRange }
    switch indexDefinition?.rule {
    case .nps?: return -100...100
    case .personMean?:
      let m = measures.first { $0.id == indexDefinition?.measure }
      return (m?.min ?? scale.min)...(m?.max ?? scale.max)
    case .pompMean?, .pooled?, .sharePositive?: return 0...100
    case nil: return hooks.contains(.index) ? -100...100 : 0...100
    }
  }

  /// The range reports show: nil for an `index` hook that declares none (it may return
  /// anything from −100 to 100).
  public var publishedIndexRange: ClosedRange<Double>? {
    hooks.contains(.index) && declaredIndexRange == nil ? nil : indexRange
  }

  /// The answered items a respondent needs in dimension `d` with `items` items in use.
  public func minimumAnswered(dimension d: Int, items: Int) -> Int {
    dimensions[d].minimumAnswered?.needed(of: items) ?? minimumAnswered
  }

  /// The measures as reports list them.
  public var measureInfo: [MeasureInfo] { measures.map { MeasureInfo(id: $0.id, name: $0.name) } }
}
