import SurveyModel

/// A problem with the response store, rendered like other input errors:
/// `cultivar.sqlite: error: message` with a hint on how to fix it.
public struct StoreError: Diagnostic, Equatable, Sendable {
  /// What went wrong (the exit code depends on it).
  public enum Kind: Equatable, Sendable {
    /// The store file cannot be opened, created or migrated.
    case cannotOpen
    /// A wave or survey that the store does not hold.
    case notFound
    /// A write the store refused (e.g. the store is busy, a constraint failed).
    case writeFailed
    /// An invitation token or form ticket that is unknown, used or forged.
    case rejected
    /// The store holds a value the survey file no longer declares (an attribute's value).
    case undeclared
  }

  public var kind: Kind
  /// How messages name the store file.
  public var store: String
  public var message: String
  public var hint: String?
  /// Whether the write failed only because another writer held the store too long (worth
  /// trying again).
  public var isBusy = false

  public init(kind: Kind, store: String, message: String, hint: String? = nil) {
    self.kind = kind
    self.store = store
    self.message = message
    self.hint = hint
  }

  public var exitStatus: ExitStatus {
    switch kind {
    case .notFound: .noInput
    case .rejected, .undeclared: .dataError
    case .cannotOpen, .writeFailed: .storeFailure
    }
  }

  public var description: String { DiagnosticText.render(place: store, message: message, hint: hint) }
}
