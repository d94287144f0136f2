extension Framework {
  /// The multi-select items whose number of options chosen is read, by id in order: those its
  /// measures count (`count_of`) and, when it has a `score` hook, every multi-select item (the
  /// fields of `respondent.counts`).
  public var countedItems: [String] {
    var ids = Set(
      measures.compactMap { measure -> String? in
        if case .countOf(let id) = measure.source { return id }
        return nil
      })
    if hooks.contains(.score) { ids.formUnion(unscoredItems.filter { $0.kind == .multi }.map(\.id)) }
    return ids.sorted()
  }
}
