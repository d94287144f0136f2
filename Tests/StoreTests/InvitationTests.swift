import Foundation
import Testing

@testable import Store

@Suite struct InvitationTests {
  @Test func ticketsAreBoundToTheirInvitationAndUsableOnce() async throws {
    let (store, _) = try temporaryStore()
    let wave = try store.openWave("w", survey: stamp)
    let links = try store.invite(to: wave, teams: ["A", "B"])
    let a = try #require(try await store.invitation(token: links[0].token, wave: wave))
    #expect(a.team == "A")
    let ticket = try await store.issueTicket(for: a)
    #expect(try await store.submit(token: links[1].token, ticket: ticket, wave: wave, answers: ["q": 1]) == .unknownTicket)
    #expect(try await store.submit(token: links[0].token, ticket: ticket, wave: wave, answers: ["q": 1]) == .stored)
    #expect(try await store.submit(token: links[0].token, ticket: ticket, wave: wave, answers: ["q": 1]) == .alreadySubmitted)
    #expect(try await store.submit(token: Digest.newToken(), ticket: ticket, wave: wave, answers: ["q": 1]) == .unknownInvitation)
    #expect(try await store.submit(token: links[0].token, ticket: "forged", wave: wave, answers: ["q": 1]) == .unknownTicket)
    #expect(try store.responseCount(of: wave) == 1)
  }

  @Test func tokensOfAnotherWaveDoNotOpenThisOne() async throws {
    let (store, _) = try temporaryStore()
    let first = try store.openWave("w1", survey: stamp), second = try store.openWave("w2", survey: stamp)
    let links = try store.invite(to: first, teams: ["A"])
    #expect(try await store.invitation(token: links[0].token, wave: second) == nil)
    #expect(try store.invitationCount(of: first) == 1)
  }

  @Test func concurrentCopiesOfOneSubmissionAreStoredOnce() async throws {
    let (store, _) = try temporaryStore()
    let wave = try store.openWave("w", survey: stamp)
    let token = try store.invite(to: wave, teams: ["A"])[0].token
    let invitation = try #require(try await store.invitation(token: token, wave: wave))
    let ticket = try await store.issueTicket(for: invitation)
    let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
      for _ in 0..<16 { group.addTask { try await store.submit(token: token, ticket: ticket, wave: wave, answers: ["q": 2]) } }
      var all: [SubmissionOutcome] = []
      for try await outcome in group { all.append(outcome) }
      return all
    }
    #expect(outcomes.filter { $0 == .stored }.count == 1)
    #expect(try store.responseCount(of: wave) == 1)
  }
}
