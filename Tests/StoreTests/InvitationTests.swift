import Foundation
import TestSupport
import Testing

@testable import Store

@Suite struct InvitationTests {
  /// The open invitation of a token (fails the test when there is none).
  func open(_ store: any ResponseStoring, _ token: String, _ wave: WaveRef) async throws -> Invitation {
    guard case .open(let invitation) = try await store.invitation(token: token, wave: wave) else {
      Issue.record("the token does not open an invitation")
      throw CancellationError()
    }
    return invitation
  }

  @Test(arguments: Backend.underTest) func eachTokenStoresOneResponseAndTicketsAreBoundToTheirToken(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    let wave = try store.openWave("w", survey: stamp)
    let a = try store.invite(to: wave, team: "A", count: 2)
    let b = try store.invite(to: wave, team: "B", count: 1)
    #expect(a.count == 2 && Set(a + b).count == 3)
    let first = try await open(store, a[0], wave)
    #expect(first.team == "A")
    let ticket = try await store.issueTicket(for: first)
    #expect(try await store.submit(token: b[0], ticket: ticket, wave: wave, answers: ["q": 1]) == .unknownTicket)
    #expect(try await store.submit(token: a[1], ticket: ticket, wave: wave, answers: ["q": 1]) == .unknownTicket)
    #expect(try await store.submit(token: a[0], ticket: ticket, wave: wave, answers: ["q": 1]) == .stored)
    #expect(try await store.submit(token: a[0], ticket: ticket, wave: wave, answers: ["q": 1]) == .alreadySubmitted)
    // The token is spent: a new form from the same link cannot be had, an old one not sent.
    #expect(try await store.invitation(token: a[0], wave: wave) == .spent)
    let second = try await store.issueTicket(for: first)
    #expect(try await store.submit(token: a[0], ticket: second, wave: wave, answers: ["q": 2]) == .invitationSpent)
    #expect(try await store.submit(token: Digest.newToken(), ticket: ticket, wave: wave, answers: ["q": 1]) == .unknownInvitation)
    #expect(try await store.submit(token: a[1], ticket: "forged", wave: wave, answers: ["q": 1]) == .unknownTicket)
    #expect(try store.responseCount(of: wave) == 1)
    #expect(try store.invitationSummary(of: wave) == InvitationSummary(open: 2, usesLeft: 2))
  }

  @Test(arguments: Backend.underTest) func aSharedLinkIsCappedAtTheHeadcount(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    let wave = try store.openWave("w", survey: stamp)
    let tokens = try store.invite(to: wave, team: "A", count: 3, terms: InvitationTerms(shared: true))
    #expect(tokens.count == 1)
    var outcomes: [SubmissionOutcome] = []
    for n in 0..<5 {
      let ticket = try await store.issueTicket(for: try await open(store, tokens[0], wave))
      outcomes.append(try await store.submit(token: tokens[0], ticket: ticket, wave: wave, answers: ["q": Double(n)]))
      if n == 2 { break }
    }
    #expect(outcomes == [.stored, .stored, .stored])
    #expect(try await store.invitation(token: tokens[0], wave: wave) == .spent)
    #expect(try store.responseCount(of: wave) == 3)
  }

  @Test(arguments: Backend.underTest) func tokensAndTicketsExpire(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    let wave = try store.openWave("w", survey: stamp)
    let issued = Date(timeIntervalSince1970: 1_800_000_000)
    let token = try store.invite(to: wave, team: "A", count: 1, terms: InvitationTerms(validDays: 2), now: issued)[0]
    #expect(try await store.invitation(token: token, wave: wave, now: issued.addingTimeInterval(86_400)) != .expired)
    #expect(try await store.invitation(token: token, wave: wave, now: issued.addingTimeInterval(3 * 86_400)) == .expired)
    // A form shown now but sent after its lifetime is refused, and pruned later.
    let invitation = try await open(store, token, wave)
    let ticket = try await store.issueTicket(for: invitation, lifetime: 24, now: Date())
    #expect(
      try await store.submit(token: token, ticket: ticket, wave: wave, answers: ["q": 1], now: Date().addingTimeInterval(26 * 3600)) == .ticketExpired
    )
    #expect(try await store.pruneTickets(now: Date().addingTimeInterval(1 * 3600)) == 0)
    #expect(try await store.pruneTickets(now: Date().addingTimeInterval(26 * 3600)) == 1)
    #expect(try await store.submit(token: token, ticket: ticket, wave: wave, answers: ["q": 1]) == .unknownTicket)
  }

  @Test(arguments: Backend.underTest) func tokensOfAnotherWaveDoNotOpenThisOne(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    let first = try store.openWave("w1", survey: stamp)
    let second = try store.openWave("w2", survey: stamp)
    let tokens = try store.invite(to: first, team: "A", count: 1)
    #expect(try await store.invitation(token: tokens[0], wave: second) == .unknown)
    #expect(try store.invitationCount(of: first) == 1)
  }

  @Test(arguments: Backend.underTest) func sixtyFourConcurrentSubmissionsWithOneTokenStoreOne(_ backend: Backend) async throws {
    let (store, _) = try temporaryStore(backend)
    let wave = try store.openWave("w", survey: stamp)
    let token = try store.invite(to: wave, team: "A", count: 1)[0]
    let invitation = try await open(store, token, wave)
    // 64 different forms of the same link, sent at once.
    var tickets: [String] = []
    for _ in 0..<64 { tickets.append(try await store.issueTicket(for: invitation)) }
    let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
      for ticket in tickets { group.addTask { try await store.submit(token: token, ticket: ticket, wave: wave, answers: ["q": 2]) } }
      var all: [SubmissionOutcome] = []
      for try await outcome in group { all.append(outcome) }
      return all
    }
    #expect(outcomes.filter { $0 == .stored }.count == 1)
    #expect(outcomes.filter { $0 == .invitationSpent }.count == 63)
    #expect(try store.responseCount(of: wave) == 1)
  }
}
