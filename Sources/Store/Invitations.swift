import GRDB

/// A team's invitation to a wave, as found from its link's token.
public struct Invitation: Sendable, Equatable {
  public let id: Int64
  public let team: String
}

/// What became of a web submission.
public enum SubmissionOutcome: Sendable, Equatable {
  /// Stored.
  case stored
  /// The form ticket was never issued for this invitation (forged or from another link).
  case unknownTicket
  /// The form ticket was already used: a repeated submission.
  case alreadySubmitted
  /// The invitation token is not one of this wave's.
  case unknownInvitation
}

extension ResponseStore {
  /// Creates one invitation per team and returns the tokens (shown once: the store keeps
  /// only their SHA-256).
  /// - Returns: (team, token) pairs in the order given.
  public func invite(to wave: WaveRef, teams: [String]) throws -> [(team: String, token: String)] {
    try write { db in
      try teams.map { team in
        let token = Digest.newToken()
        try db.execute(sql: "INSERT INTO invitation (wave_id, team, token_hash, created_on) VALUES (?, ?, ?, ?)", arguments: [wave.id, team, Digest.sha256(token), Day.today()])
        return (team, token)
      }
    }
  }

  /// The invitation of `wave` whose token is `token`, if there is one.
  public func invitation(token: String, wave: WaveRef) async throws -> Invitation? {
    guard Digest.looksLikeToken(token) else { return nil }
    let hash = Digest.sha256(token)
    return try await read { db in try Self.invitation(db, hash: hash, wave: wave) }
  }

  static func invitation(_ db: Database, hash: String, wave: WaveRef) throws -> Invitation? {
    try Row.fetchOne(db, sql: "SELECT id, team FROM invitation WHERE token_hash = ? AND wave_id = ?", arguments: [hash, wave.id])
      .map { Invitation(id: $0[0], team: $0[1]) }
  }

  /// Issues a one-time form ticket (the CSRF token of one form) for an invitation.
  /// - Returns: the ticket; the store keeps only its SHA-256.
  public func issueTicket(for invitation: Invitation) async throws -> String {
    let ticket = Digest.newToken()
    let hash = Digest.sha256(ticket)
    try await write { db in
      try db.execute(sql: "INSERT INTO form_ticket (hash, invitation_id, issued_on) VALUES (?, ?, ?)", arguments: [hash, invitation.id, Day.today()])
    }
    return ticket
  }

  /// Stores a web response if its invitation token and form ticket are valid and the ticket
  /// is unused; marks the ticket used in the same transaction, so a replay is refused even
  /// when two copies arrive at once.
  public func submit(token: String, ticket: String, wave: WaveRef, answers: [String: Double]) async throws -> SubmissionOutcome {
    guard Digest.looksLikeToken(token) else { return .unknownInvitation }
    guard Digest.looksLikeToken(ticket) else { return .unknownTicket }
    let tokenHash = Digest.sha256(token), ticketHash = Digest.sha256(ticket)
    return try await write { db in
      guard let invitation = try Self.invitation(db, hash: tokenHash, wave: wave) else { return .unknownInvitation }
      guard let used = try Bool.fetchOne(db, sql: "SELECT used FROM form_ticket WHERE hash = ? AND invitation_id = ?", arguments: [ticketHash, invitation.id]) else {
        return .unknownTicket
      }
      if used { return .alreadySubmitted }
      try db.execute(sql: "UPDATE form_ticket SET used = 1 WHERE hash = ?", arguments: [ticketHash])
      try Self.insertResponse(db, wave: wave, team: invitation.team, channel: "web", answers: answers)
      return .stored
    }
  }
}

extension ResponseStore {
  /// The number of invitations of a wave.
  public func invitationCount(of wave: WaveRef) throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invitation WHERE wave_id = ?", arguments: [wave.id]) ?? 0 }
  }
}
