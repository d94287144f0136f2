import Foundation
import GRDB

/// An open invitation, as found from its link's token.
public struct Invitation: Sendable, Equatable {
  /// The SHA-256 of the token (the token itself is never stored).
  public let tokenHash: String
  public let team: String
  /// The respondent attributes the invitation sets (name → value); the form does not ask them.
  public let attributes: [String: String]

  public init(tokenHash: String, team: String, attributes: [String: String] = [:]) {
    self.tokenHash = tokenHash
    self.team = team
    self.attributes = attributes
  }
}

/// What a link's token leads to.
public enum InvitationLookup: Sendable, Equatable {
  /// An invitation that can still be answered.
  case open(Invitation)
  /// The token is not one of this wave's.
  case unknown
  /// The token's time is over.
  case expired
  /// The token was already used (every use of a shared link, or its one use).
  case spent
}

/// What became of a web submission.
public enum SubmissionOutcome: Sendable, Equatable {
  /// Stored.
  case stored
  /// The form ticket was never issued for this invitation (forged or from another link).
  case unknownTicket
  /// The form ticket was already used: a repeated submission.
  case alreadySubmitted
  /// The form ticket is older than its lifetime.
  case ticketExpired
  /// The invitation token is not one of this wave's.
  case unknownInvitation
  /// The invitation token's time is over.
  case invitationExpired
  /// The invitation token was already used up.
  case invitationSpent
}

/// How invitations are issued.
public struct InvitationTerms: Sendable, Equatable {
  /// How many days a token stays valid.
  public var validDays: Int
  /// One link for the whole group, usable `count` times, instead of one token per person.
  public var shared: Bool
  /// Respondent attributes set on every response given through these invitations (name → a
  /// declared value's label); a respondent cannot change them.
  public var attributes: [String: String]

  public init(validDays: Int = 30, shared: Bool = false, attributes: [String: String] = [:]) {
    self.validDays = validDays
    self.shared = shared
    self.attributes = attributes
  }
}

extension ResponseStore {
  /// Creates invitations for `count` people of `team`: one single-use token each, or (when
  /// `terms.shared`) one token usable `count` times. The tokens are returned once: the store
  /// keeps only their SHA-256, in the order of the hashes (not the order of issue).
  /// - Returns: the tokens.
  public func invite(to wave: WaveRef, team: String, count: Int, terms: InvitationTerms, now: Date) throws -> [String] {
    precondition(count > 0 && terms.validDays > 0)
    let today = Day.today(now)
    let expires = Day.today(now.addingTimeInterval(Double(terms.validDays) * 86_400))
    let tokens = (0..<(terms.shared ? 1 : count)).map { _ in Digest.newToken() }
    try write { db in
      for token in tokens {
        try db.execute(
          sql: "INSERT INTO invitation (token_hash, wave_id, team, created_on, expires_on, uses_left, shared) VALUES (?, ?, ?, ?, ?, ?, ?)",
          arguments: [Digest.sha256(token), wave.id, team, today, expires, terms.shared ? count : 1, terms.shared])
        for (name, value) in terms.attributes.sorted(by: { $0.key < $1.key }) {
          try db.execute(
            sql: "INSERT INTO invitation_attribute (token_hash, name, value) VALUES (?, ?, ?)", arguments: [Digest.sha256(token), name, value])
        }
      }
    }
    return tokens
  }

  /// What the token `token` of `wave` leads to.
  public func invitation(token: String, wave: WaveRef, now: Date) async throws -> InvitationLookup {
    guard Digest.looksLikeToken(token) else { return .unknown }
    let hash = Digest.sha256(token)
    let today = Day.today(now)
    return try await read { db in try Self.lookup(db, hash: hash, wave: wave, today: today) }
  }

  static func lookup(_ db: Database, hash: String, wave: WaveRef, today: String) throws -> InvitationLookup {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT team, expires_on, uses_left FROM invitation WHERE token_hash = ? AND wave_id = ?", arguments: [hash, wave.id])
    else {
      return .unknown
    }
    if (row["expires_on"] as String) < today { return .expired }
    if (row["uses_left"] as Int) <= 0 { return .spent }
    return .open(Invitation(tokenHash: hash, team: row["team"], attributes: try invitationAttributes(db, hash: hash)))
  }

  /// The attributes an invitation sets.
  static func invitationAttributes(_ db: Database, hash: String) throws -> [String: String] {
    let rows = try Row.fetchAll(db, sql: "SELECT name, value FROM invitation_attribute WHERE token_hash = ?", arguments: [hash])
    return Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
  }

  /// Issues a form ticket (the CSRF token of one form) for an invitation, valid for
  /// `lifetime` hours (counted in whole hours).
  /// - Returns: the ticket; the store keeps only its SHA-256.
  public func issueTicket(for invitation: Invitation, lifetime hours: Int, now: Date) async throws -> String {
    let ticket = Digest.newToken()
    let hash = Digest.sha256(ticket)
    let expires = Self.hour(now) + max(1, hours)
    try await write { db in
      try db.execute(
        sql: "INSERT INTO form_ticket (hash, token_hash, expires_hour) VALUES (?, ?, ?)", arguments: [hash, invitation.tokenHash, expires])
    }
    return ticket
  }

  /// Deletes form tickets whose lifetime is over.
  /// - Returns: how many were deleted.
  @discardableResult
  public func pruneTickets(now: Date) async throws -> Int {
    let hour = Self.hour(now)
    return try await write { db in
      try db.execute(sql: "DELETE FROM form_ticket WHERE expires_hour < ?", arguments: [hour])
      return db.changesCount
    }
  }

  /// Stores a web response if its token is open and its form ticket valid and unused. The
  /// ticket is marked used and the token spent in the same transaction that stores the
  /// response, so a replay is refused even when copies arrive at once. Nothing links the
  /// stored response to the token or the ticket.
  /// `language` is the language the form was shown in (nil: not recorded); `attributes` are
  /// those the respondent gave, replaced by the invitation's own.
  public func submit(
    token: String, ticket: String, wave: WaveRef, answers: [String: Double], comments: [String: String], language: String?,
    attributes: [String: String], now: Date
  ) async throws -> SubmissionOutcome {
    guard Digest.looksLikeToken(token) else { return .unknownInvitation }
    guard Digest.looksLikeToken(ticket) else { return .unknownTicket }
    let tokenHash = Digest.sha256(token)
    let ticketHash = Digest.sha256(ticket)
    let today = Day.today(now)
    let hour = Self.hour(now)
    return try await write { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT team, expires_on, uses_left FROM invitation WHERE token_hash = ? AND wave_id = ?", arguments: [tokenHash, wave.id])
      else {
        return .unknownInvitation
      }
      guard
        let ticketRow = try Row.fetchOne(
          db, sql: "SELECT used, expires_hour FROM form_ticket WHERE hash = ? AND token_hash = ?", arguments: [ticketHash, tokenHash])
      else {
        return .unknownTicket
      }
      if ticketRow["used"] as Bool { return .alreadySubmitted }
      if (row["expires_on"] as String) < today { return .invitationExpired }
      if (row["uses_left"] as Int) <= 0 { return .invitationSpent }
      if (ticketRow["expires_hour"] as Int) < hour { return .ticketExpired }
      try db.execute(sql: "UPDATE form_ticket SET used = 1 WHERE hash = ?", arguments: [ticketHash])
      try db.execute(sql: "UPDATE invitation SET uses_left = uses_left - 1 WHERE token_hash = ?", arguments: [tokenHash])
      let given = attributes.merging(try Self.invitationAttributes(db, hash: tokenHash)) { _, invited in invited }
      try Self.insertResponse(
        db, wave: wave, team: row["team"], channel: "web", answers: answers, comments: comments, language: language, attributes: given)
      return .stored
    }
  }

  /// Whole hours since 1970 (the resolution of ticket lifetimes).
  static func hour(_ date: Date) -> Int { Int(date.timeIntervalSince1970 / 3600) }
}

/// The invitations of a wave, for listings.
public struct InvitationSummary: Sendable, Equatable {
  /// Tokens that can still be used.
  public var open = 0
  /// Uses left on those tokens (one per single-use token).
  public var usesLeft = 0

  public init(open: Int = 0, usesLeft: Int = 0) {
    self.open = open
    self.usesLeft = usesLeft
  }
}

extension ResponseStore {
  /// The open invitations of a wave.
  public func invitationSummary(of wave: WaveRef, now: Date) throws -> InvitationSummary {
    let today = Day.today(now)
    return try read { db in
      let row = try Row.fetchOne(
        db, sql: "SELECT COUNT(*), COALESCE(SUM(uses_left), 0) FROM invitation WHERE wave_id = ? AND expires_on >= ? AND uses_left > 0",
        arguments: [wave.id, today])
      return InvitationSummary(open: row?[0] ?? 0, usesLeft: row?[1] ?? 0)
    }
  }
}
