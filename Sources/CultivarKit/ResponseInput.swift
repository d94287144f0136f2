import Store
import SurveyIO

/// Where a command reads responses from: a response CSV file, or a wave of the store.
public enum ResponseInput: Sendable, Equatable {
  /// A response CSV (header of item ids, as `cultivar score --responses`).
  case file(String)
  /// A wave of the store at `store` (a resolved path, see ``StoreLocation``).
  case wave(String, store: String)

  /// Opens the responses for reading.
  /// - Throws: ``InputError``, ``InputProblems`` (a file) or ``StoreError`` (a wave).
  func open(_ context: SurveyContext, workspace: Workspace) throws -> ResponseSource {
    switch self {
    case .file(let path):
      let scales = Dictionary(context.items.map { ($0.item.id, $0.scale) }, uniquingKeysWith: { a, _ in a })
      return try ResponseFileReader(
        path: path, displayName: workspace.display(path), survey: context.survey,
        items: context.plan.slots.map { .init(id: $0, scale: scales[$0]!) })
    case .wave(let name, let storePath):
      let store = try ResponseStore(path: storePath, displayName: workspace.display(storePath), create: false)
      let wave = try store.wave(name, survey: context.survey.id)
      return try StoredResponses(store: store, wave: wave, itemIDs: context.plan.slots)
    }
  }
}
