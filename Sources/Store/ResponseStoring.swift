import Foundation
import SurveyIO
import SurveyModel

/// What every response store does, whatever holds it: SQLite (``ResponseStore``, the
/// embedded default) or PostgreSQL (`StorePostgres`). Both keep the same rules: random
/// response ids, no order of arrival, no time finer than the day, tokens kept as hashes and
/// spent in the transaction that stores the response, imports staged and made visible at once.
public protocol ResponseStoring: AnyObject, Sendable {
  /// How messages name the store (a path, or an address without password).
  var name: String { get }

  /// The wave `name` of the survey, created (with the survey) when missing; records the
  /// plugin versions in use.
  func openWave(_ name: String, survey: SurveyStamp) throws -> WaveRef
  /// The existing wave `name` of survey `key`; throws `.notFound` listing the waves there are.
  func wave(_ name: String, survey key: String) throws -> WaveRef
  /// The waves of survey `key`, oldest first, with their response counts.
  func waves(survey key: String) throws -> [WaveInfo]
  /// Every survey in the store (key and title; plugins empty), by key.
  func surveys() throws -> [SurveyStamp]
  /// The plugin versions recorded for a wave.
  func plugins(of wave: WaveRef) throws -> [PluginVersion]
  /// The number of visible responses in a wave.
  func responseCount(of wave: WaveRef) throws -> Int

  /// Stores one response given in the terminal, with its comments (item id → text; blank
  /// ones are not stored) and its respondent attributes (name → a declared value's label), in
  /// one transaction.
  func addResponse(
    toWave waveName: String, survey: SurveyStamp, team: String, answers: [String: Double], comments: [String: String], language: String?,
    attributes: [String: String]) throws
  /// Runs an import into a staging area made visible when `body` returns (see ``ImportSink``).
  /// `body` returns its result and the counts it made (rows read, rejected); the store fills
  /// in how many were imported and how many were duplicates.
  func importing<T>(
    into waveName: String, survey: SurveyStamp, source: String, format: String, _ body: (any ImportSink) throws -> (T, ImportCounts)
  ) throws -> (T, ImportCounts)

  /// Creates invitations; returns the tokens (the store keeps only their hashes).
  func invite(to wave: WaveRef, team: String, count: Int, terms: InvitationTerms, now: Date) throws -> [String]
  /// The open invitations of a wave.
  func invitationSummary(of wave: WaveRef, now: Date) throws -> InvitationSummary
  /// What a link's token leads to.
  func invitation(token: String, wave: WaveRef, now: Date) async throws -> InvitationLookup
  /// Issues a form ticket for an invitation.
  func issueTicket(for invitation: Invitation, lifetime hours: Int, now: Date) async throws -> String
  /// Deletes form tickets whose lifetime is over; returns how many.
  func pruneTickets(now: Date) async throws -> Int
  /// Stores a web response if its token is open and its ticket valid and unused, spending both
  /// in the response's transaction (with its comments: item id → text, blank ones not stored).
  /// `attributes` are those the respondent gave (name → a declared value's label); the
  /// invitation's own attributes replace them.
  func submit(
    token: String, ticket: String, wave: WaveRef, answers: [String: Double], comments: [String: String], language: String?,
    attributes: [String: String], now: Date
  ) async throws -> SubmissionOutcome
  /// Periodic housekeeping of the web form (SQLite: a passive checkpoint).
  func checkpoint() async throws
  /// Brings what speeds up scoring up to date after responses were written (`store refresh`):
  /// on PostgreSQL, builds the scoring pages of every wave changed since they were built
  /// (docs/store.md, "Pages kept ready"); SQLite keeps nothing of the kind.
  /// - Returns: the waves refreshed and the pages kept, or nil when the store has nothing to
  ///   refresh (SQLite).
  /// - Throws: ``StoreError`` (`.writeFailed` when the role may not write the pages).
  func refreshScoringPages() throws -> (waves: Int, pages: Int)?

  /// The responses of a wave as a ``ResponseSource`` for scoring, read from one consistent
  /// snapshot and streamed (memory does not grow with the wave).
  /// - Parameters:
  ///   - itemIDs: the item of each value slot.
  ///   - byLanguage: group the rows by the language they were given in instead of by team.
  ///   - attributes: the survey's attributes; when not empty, each row's group is its team and
  ///     its stored attribute values (``AttributeKey``), for runs that cut by attributes.
  /// - Throws: ``StoreError`` when the store cannot be read, or holds an attribute value the
  ///   survey no longer declares.
  func responses(of wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute]) throws -> any ResponseSource
  /// The same responses cut into pieces for the scoring pipeline (``RowBatchSource``), in the
  /// same order and pieces as ``ResponseBatches`` cuts ``responses(of:itemIDs:byLanguage:attributes:)``
  /// (so the sums, and the scores, are the same to the last bit). A backend that can decode
  /// its pages on the scoring workers does (PostgreSQL); the default wraps the row source.
  /// `readers`: how many connections a backend that has them may read the wave on at once
  /// (PostgreSQL; the output is the same whatever their number).
  func responseBatches(of wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute], readers: Int) throws -> any RowBatchSource
  /// The comments and multi-select answers of every visible response of a wave, in the order
  /// of the responses' random ids (unrelated to the order they arrived in).
  /// - Parameters:
  ///   - comments: the comment items, in survey order.
  ///   - multis: the multi-select items, in survey order (stored as answers whose value is
  ///     the bit set of options chosen).
  /// - Throws: ``StoreError`` when the store cannot be read, or holds a multi-select answer
  ///   that is not a bit set of the item's options.
  func unscoredAnswers(of wave: WaveRef, comments: [String], multis: [(id: String, options: Int)]) throws -> [UnscoredAnswers]

  /// Everything of a wave that moves with it, for `store copy`: rows in the order of their ids.
  func exportWave(_ wave: WaveRef) throws -> WaveExport
  /// Writes a wave exported from another store, in one transaction: the wave must not hold
  /// responses yet. Returns the number of responses written.
  func receiveWave(_ export: WaveExport, survey: SurveyStamp) throws -> Int
}

extension ResponseStoring {
  /// ``invite(to:team:count:terms:now:)`` now, with the given terms.
  public func invite(to wave: WaveRef, team: String, count: Int, terms: InvitationTerms = InvitationTerms()) throws -> [String] {
    try invite(to: wave, team: team, count: count, terms: terms, now: Date())
  }

  /// ``invitationSummary(of:now:)`` today.
  public func invitationSummary(of wave: WaveRef) throws -> InvitationSummary { try invitationSummary(of: wave, now: Date()) }

  /// The number of invitations of a wave that can still be used.
  public func invitationCount(of wave: WaveRef) throws -> Int { try invitationSummary(of: wave, now: Date()).open }

  /// ``invitation(token:wave:now:)`` now.
  public func invitation(token: String, wave: WaveRef) async throws -> InvitationLookup {
    try await invitation(token: token, wave: wave, now: Date())
  }

  /// ``issueTicket(for:lifetime:now:)`` now.
  public func issueTicket(for invitation: Invitation, lifetime hours: Int = 24) async throws -> String {
    try await issueTicket(for: invitation, lifetime: hours, now: Date())
  }

  /// ``pruneTickets(now:)`` now.
  @discardableResult
  public func pruneTickets() async throws -> Int { try await pruneTickets(now: Date()) }

  /// ``submit(token:ticket:wave:answers:comments:language:attributes:now:)`` now.
  public func submit(
    token: String, ticket: String, wave: WaveRef, answers: [String: Double], comments: [String: String] = [:], language: String? = nil,
    attributes: [String: String] = [:]
  ) async throws -> SubmissionOutcome {
    try await submit(
      token: token, ticket: ticket, wave: wave, answers: answers, comments: comments, language: language, attributes: attributes, now: Date())
  }

  /// ``submit(token:ticket:wave:answers:comments:language:attributes:now:)`` without attributes.
  public func submit(
    token: String, ticket: String, wave: WaveRef, answers: [String: Double], comments: [String: String], language: String?, now: Date
  ) async throws -> SubmissionOutcome {
    try await submit(token: token, ticket: ticket, wave: wave, answers: answers, comments: comments, language: language, attributes: [:], now: now)
  }

  /// ``submit(token:ticket:wave:answers:comments:language:attributes:now:)`` without comments, language or attributes.
  public func submit(token: String, ticket: String, wave: WaveRef, answers: [String: Double], now: Date) async throws -> SubmissionOutcome {
    try await submit(token: token, ticket: ticket, wave: wave, answers: answers, comments: [:], language: nil, attributes: [:], now: now)
  }

  /// ``addResponse(toWave:survey:team:answers:comments:language:attributes:)`` without attributes.
  public func addResponse(
    toWave waveName: String, survey: SurveyStamp, team: String, answers: [String: Double], comments: [String: String], language: String?
  ) throws {
    try addResponse(toWave: waveName, survey: survey, team: team, answers: answers, comments: comments, language: language, attributes: [:])
  }

  /// ``addResponse(toWave:survey:team:answers:comments:language:attributes:)`` with the language not recorded.
  public func addResponse(toWave waveName: String, survey: SurveyStamp, team: String, answers: [String: Double], comments: [String: String] = [:])
    throws
  {
    try addResponse(toWave: waveName, survey: survey, team: team, answers: answers, comments: comments, language: nil, attributes: [:])
  }

  /// ``ResponseBatches`` over ``responses(of:itemIDs:byLanguage:)``.
  public func responseBatches(of wave: WaveRef, itemIDs: [String], byLanguage: Bool, attributes: [Attribute], readers: Int) throws
    -> any RowBatchSource
  {
    ResponseBatches(try responses(of: wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: attributes), slots: itemIDs.count)
  }

  /// The responses of a wave for scoring, grouped by team.
  public func responses(of wave: WaveRef, itemIDs: [String]) throws -> any ResponseSource {
    try responses(of: wave, itemIDs: itemIDs, byLanguage: false, attributes: [])
  }

  /// The responses of a wave for scoring, grouped by team or by language.
  public func responses(of wave: WaveRef, itemIDs: [String], byLanguage: Bool) throws -> any ResponseSource {
    try responses(of: wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: [])
  }
}

/// Adds imported responses to a staged import.
public protocol ImportSink: AnyObject {
  /// Adds one response, unless the wave already holds one with the same source key (then it
  /// is counted as a duplicate when the import ends).
  /// - Parameters:
  ///   - values: the answers (NaN = not answered; not stored).
  ///   - sourceKey: what identifies the response in its source; only its SHA-256 is stored.
  ///   - comments: item id → comment, for `text` items (blank ones are not stored; nothing is
  ///     stored for a duplicate).
  ///   - attributes: attribute name → a declared value's label, for the attributes given.
  ///   - language: the language it was given in (nil: not recorded), e.g. from an export.
  func add(
    team: String, itemIDs: [String], values: [Double], sourceKey: String, comments: [(key: String, value: String)],
    attributes: [(key: String, value: String)], language: String?) throws
}

extension ImportSink {
  /// ``add(team:itemIDs:values:sourceKey:comments:attributes:language:)`` for a response whose language is not recorded.
  public func add(
    team: String, itemIDs: [String], values: [Double], sourceKey: String, comments: [(key: String, value: String)],
    attributes: [(key: String, value: String)]
  ) throws {
    try add(team: team, itemIDs: itemIDs, values: values, sourceKey: sourceKey, comments: comments, attributes: attributes, language: nil)
  }

  /// ``add(team:itemIDs:values:sourceKey:comments:attributes:)`` for a response without comments or attributes.
  public func add(team: String, itemIDs: [String], values: [Double], sourceKey: String) throws {
    try add(team: team, itemIDs: itemIDs, values: values, sourceKey: sourceKey, comments: [], attributes: [])
  }

  /// ``add(team:itemIDs:values:sourceKey:comments:attributes:)`` for a response without attributes.
  public func add(team: String, itemIDs: [String], values: [Double], sourceKey: String, comments: [(key: String, value: String)]) throws {
    try add(team: team, itemIDs: itemIDs, values: values, sourceKey: sourceKey, comments: comments, attributes: [])
  }
}

/// One stored response as it moves between stores (`store copy`).
public struct ExportedResponse: Sendable, Equatable {
  /// The random 16-byte id (kept, so the rows keep their order in the copy).
  public var id: Data
  public var team: String
  public var channel: String
  /// The import it came with (an index into ``WaveExport/imports``), if imported.
  public var importIndex: Int?
  /// The SHA-256 of its source key, if imported.
  public var sourceKey: String?
  public var receivedOn: String
  /// (item id, value), by item id.
  public var answers: [(String, Double)]
  /// (item id, text) of its comments, by item id.
  public var comments: [(String, String)]
  /// (attribute name, value) of its respondent attributes, by name.
  public var attributes: [(String, String)] = []
  /// The language it was given in (nil: not recorded).
  public var language: String?

  public init(
    id: Data, team: String, channel: String, importIndex: Int?, sourceKey: String?, receivedOn: String, answers: [(String, Double)],
    comments: [(String, String)] = [], attributes: [(String, String)] = [], language: String? = nil
  ) {
    self.attributes = attributes
    self.id = id
    self.team = team
    self.channel = channel
    self.importIndex = importIndex
    self.sourceKey = sourceKey
    self.receivedOn = receivedOn
    self.answers = answers
    self.comments = comments
    self.language = language
  }

  public static func == (a: ExportedResponse, b: ExportedResponse) -> Bool {
    a.id == b.id && a.team == b.team && a.channel == b.channel && a.importIndex == b.importIndex && a.sourceKey == b.sourceKey
      && a.receivedOn == b.receivedOn && a.language == b.language && a.answers.elementsEqual(b.answers, by: { $0.0 == $1.0 && $0.1 == $1.1 })
      && a.comments.elementsEqual(b.comments, by: { $0.0 == $1.0 && $0.1 == $1.1 })
      && a.attributes.elementsEqual(b.attributes, by: { $0.0 == $1.0 && $0.1 == $1.1 })
  }
}

/// An import's record (`import_batch`), as it moves with its wave.
public struct ExportedImport: Sendable, Equatable {
  public var source: String
  public var format: String
  public var importedOn: String
  public var counts: ImportCounts
  public init(source: String, format: String, importedOn: String, counts: ImportCounts) {
    self.source = source
    self.format = format
    self.importedOn = importedOn
    self.counts = counts
  }
}

/// An invitation as it moves with its wave (its token's hash only).
public struct ExportedInvitation: Sendable, Equatable {
  public var tokenHash: String
  public var team: String
  public var createdOn: String
  public var expiresOn: String
  public var usesLeft: Int
  public var shared: Bool
  /// The attributes it sets on its response (name → value).
  public var attributes: [String: String] = [:]
  public init(
    tokenHash: String, team: String, createdOn: String, expiresOn: String, usesLeft: Int, shared: Bool, attributes: [String: String] = [:]
  ) {
    self.attributes = attributes
    self.tokenHash = tokenHash
    self.team = team
    self.createdOn = createdOn
    self.expiresOn = expiresOn
    self.usesLeft = usesLeft
    self.shared = shared
  }
}

/// A wave on its way from one store to another: its records, and its responses read in
/// pages (``nextResponses()``) so a large wave is never held whole.
public final class WaveExport {
  public let name: String
  public let createdOn: String
  public let plugins: [(PluginVersion, firstUsedOn: String)]
  public let imports: [ExportedImport]
  public let invitations: [ExportedInvitation]
  private let pages: () throws -> [ExportedResponse]

  public init(
    name: String, createdOn: String, plugins: [(PluginVersion, firstUsedOn: String)], imports: [ExportedImport], invitations: [ExportedInvitation],
    pages: @escaping () throws -> [ExportedResponse]
  ) {
    self.name = name
    self.createdOn = createdOn
    self.plugins = plugins
    self.imports = imports
    self.invitations = invitations
    self.pages = pages
  }

  /// The next page of responses (by id); empty at the end.
  public func nextResponses() throws -> [ExportedResponse] { try pages() }
}
