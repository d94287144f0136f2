import Foundation
import PostgresNIO
import Store

extension PostgresStore {
  public func invite(to wave: WaveRef, team: String, count: Int, terms: InvitationTerms, now: Date) throws -> [String] {
    precondition(count > 0 && terms.validDays > 0)
    let today = Day.today(now)
    let expires = Day.today(now.addingTimeInterval(Double(terms.validDays) * 86_400))
    let tokens = (0..<(terms.shared ? 1 : count)).map { _ in Digest.newToken() }
    let hashes = tokens.map(Digest.sha256).sorted()
    let uses = terms.shared ? count : 1
    let shared = terms.shared ? 1 : 0
    try exclusive(.writeFailed) { db in
      try db.run(
        """
        INSERT INTO invitation (token_hash, wave_id, team, created_on, expires_on, uses_left, shared)
        SELECT hash, \(wave.id), \(team), \(today), \(expires), \(uses), \(shared) FROM unnest(\(hashes)::text[]) AS t(hash)
        """)
      let given = terms.attributes.sorted { $0.key < $1.key }
      try db.run(
        """
        INSERT INTO invitation_attribute (token_hash, name, value)
        SELECT h.hash, a.name, a.value FROM unnest(\(hashes)::text[]) AS h(hash), unnest(\(given.map(\.key))::text[], \(given.map(\.value))::text[]) AS a(name, value)
        """)
    }
    return tokens
  }

  public func invitationSummary(of wave: WaveRef, now: Date) throws -> InvitationSummary {
    let today = Day.today(now)
    return try exclusive(.cannotOpen) { db in
      let (open, left) = try db.rows(
        "SELECT COUNT(*), COALESCE(SUM(uses_left), 0)::bigint FROM invitation WHERE wave_id = \(wave.id) AND expires_on >= \(today) AND uses_left > 0"
      )[0].decode((Int, Int).self)
      return InvitationSummary(open: open, usesLeft: left)
    }
  }

  public func invitation(token: String, wave: WaveRef, now: Date) async throws -> InvitationLookup {
    guard Digest.looksLikeToken(token) else { return .unknown }
    let hash = Digest.sha256(token)
    let today = Day.today(now)
    return try await pooled(.cannotOpen) { db in
      guard
        let row = try await db.rows("SELECT team, expires_on, uses_left FROM invitation WHERE token_hash = \(hash) AND wave_id = \(wave.id)").first
      else { return .unknown }
      let (team, expires, left) = try row.decode((String, String, Int).self)
      if expires < today { return .expired }
      if left <= 0 { return .spent }
      return .open(Invitation(tokenHash: hash, team: team, attributes: try await Self.invitationAttributes(db, hash: hash)))
    }
  }

  public func issueTicket(for invitation: Invitation, lifetime hours: Int, now: Date) async throws -> String {
    let ticket = Digest.newToken()
    let hash = Digest.sha256(ticket)
    let expires = Int(now.timeIntervalSince1970 / 3600) + max(1, hours)
    let tokenHash = invitation.tokenHash
    try await pooled(.writeFailed) { db in
      try await db.run("INSERT INTO form_ticket (hash, token_hash, expires_hour) VALUES (\(hash), \(tokenHash), \(expires))")
    }
    return ticket
  }

  @discardableResult
  public func pruneTickets(now: Date) async throws -> Int {
    let hour = Int(now.timeIntervalSince1970 / 3600)
    return try await pooled(.writeFailed) { db in
      try await db.rows("WITH gone AS (DELETE FROM form_ticket WHERE expires_hour < \(hour) RETURNING 1) SELECT COUNT(*) FROM gone")[0].decode(
        Int.self)
    }
  }

  /// Stores a web response if its token is open and its ticket valid and unused. The
  /// invitation's and the ticket's rows are locked (`FOR UPDATE`, always in that order), so
  /// copies of one submission sent to different servers at once store it once.
  public func submit(
    token: String, ticket: String, wave: WaveRef, answers: [String: Double], comments: [String: String], language: String?,
    attributes: [String: String], now: Date
  ) async throws -> SubmissionOutcome {
    guard Digest.looksLikeToken(token) else { return .unknownInvitation }
    guard Digest.looksLikeToken(ticket) else { return .unknownTicket }
    let tokenHash = Digest.sha256(token)
    let ticketHash = Digest.sha256(ticket)
    let today = Day.today(now)
    let hour = Int(now.timeIntervalSince1970 / 3600)
    let (outcome, numbers) = try await pooled(.writeFailed) { db -> (SubmissionOutcome, [String: Int32]) in
      guard
        let row = try await db.rows(
          "SELECT team, expires_on, uses_left FROM invitation WHERE token_hash = \(tokenHash) AND wave_id = \(wave.id) FOR UPDATE"
        ).first
      else {
        return (.unknownInvitation, [:])
      }
      guard
        let ticketRow = try await db.rows(
          "SELECT used, expires_hour FROM form_ticket WHERE hash = \(ticketHash) AND token_hash = \(tokenHash) FOR UPDATE"
        ).first
      else {
        return (.unknownTicket, [:])
      }
      let (team, expires, left) = try row.decode((String, String, Int).self)
      let (used, ticketExpires) = try ticketRow.decode((Int, Int).self)
      if used != 0 { return (.alreadySubmitted, [:]) }
      if expires < today { return (.invitationExpired, [:]) }
      if left <= 0 { return (.invitationSpent, [:]) }
      if ticketExpires < hour { return (.ticketExpired, [:]) }
      try await db.run("UPDATE form_ticket SET used = 1 WHERE hash = \(ticketHash)")
      try await db.run("UPDATE invitation SET uses_left = uses_left - 1 WHERE token_hash = \(tokenHash)")
      let given = attributes.merging(try await Self.invitationAttributes(db, hash: tokenHash)) { _, invited in invited }
      let numbers = try await self.numbers(db, wave: wave, items: Self.answered(answers))
      try await db.run(
        Self.insertResponse(
          wave: wave, team: team, channel: "web", answers: answers, numbers: numbers, comments: comments, language: language, attributes: given))
      return (.stored, numbers)
    }
    itemNumbers.keep(wave: wave.id, numbers)
    return outcome
  }

  /// The attributes an invitation sets on its response.
  static func invitationAttributes(_ db: PostgresConnection, hash: String) async throws -> [String: String] {
    var attributes: [String: String] = [:]
    for row in try await db.rows("SELECT name, value FROM invitation_attribute WHERE token_hash = \(hash)") {
      let (name, value) = try row.decode((String, String).self)
      attributes[name] = value
    }
    return attributes
  }
}
