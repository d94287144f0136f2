import Store

/// `cultivar store refresh`: brings the store's scoring pages up to date after responses were
/// written (the web form, a hand edit), so that `score --wave` reads them whole again
/// (PostgreSQL; docs/store.md, "Pages kept ready"). Imports and `store copy` do this
/// themselves; a SQLite store has nothing to refresh.
public struct StoreRefreshJob {
  /// The store (see ``StoreLocation``).
  public var store: String
  public var workspace = Workspace()

  public init(store: String) { self.store = store }

  /// Refreshes the pages.
  /// - Returns: what was done.
  /// - Throws: ``StoreError`` (the store cannot be opened, or the role may not write).
  public func run() throws -> String {
    let responses = try StoreAccess.open(store, workspace: workspace, create: false)
    guard let (waves, pages) = try responses.refreshScoringPages() else {
      return "\(responses.name) is a SQLite store: scoring reads its waves directly, nothing to refresh\n"
    }
    if waves == 0 { return "the scoring pages of \(responses.name) were up to date (\(pages) page\(pages == 1 ? "" : "s"))\n" }
    return "refreshed the scoring pages of \(waves) wave\(waves == 1 ? "" : "s") in \(responses.name) (\(pages) page\(pages == 1 ? "" : "s") kept)\n"
  }
}
