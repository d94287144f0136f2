import SurveyModel
import Synchronization
import Testing

@testable import Reports

/// Finding a team by name reads names only: the lists of a run make each team from its totals
/// when read, so a search that read the teams made every team before the one found (a pack of
/// 11,000 units did not finish in ten minutes).
@Suite struct TeamResultListTests {
  /// How many teams a list made.
  fileprivate final class Counter: Sendable {
    init() {}
    private let made = Mutex(0)
    func count() { made.withLock { $0 += 1 } }
    var value: Int { made.withLock { $0 } }
  }

  /// A made list of `names`, counting the teams it makes.
  private static func made(_ names: [String], counting made: Counter) -> TeamResultList {
    TeamResultList(
      count: names.count, name: { names[$0] },
      make: { i in
        made.count()
        return TeamResult(team: names[i], n: i)
      })
  }

  @Test func aTeamFoundByNameIsTheOnlyOneMade() {
    let made = Counter()
    let names = (0..<5_000).map { "team \($0)" }
    let list = Self.made(names, counting: made)
    for i in stride(from: 4_999, through: 0, by: -997) {
      let before = made.value
      #expect(list.first(named: "team \(i)")?.n == i)
      #expect(made.value == before + 1)
    }
    #expect(list.first(named: "team 5000") == nil)
    #expect(list.position(named: "") == nil)
    #expect(made.value == 6)
  }

  @Test func theFirstOfTwoTeamsOfTheSameNameIsFoundAsASearchWouldFindIt() {
    let made = Counter()
    let names = ["b", "a", "b", "c", "a"]
    let madeList = Self.made(names, counting: made)
    let plain = TeamResultList(names.enumerated().map { TeamResult(team: $1, n: $0) })
    for name in ["a", "b", "c", "d"] {
      let searched = plain.first { $0.team == name }
      #expect(madeList.first(named: name) == searched)
      #expect(plain.first(named: name) == searched)
      #expect(plain.position(named: name) == plain.firstIndex { $0.team == name })
    }
    #expect(names.indices.allSatisfy { madeList.name(at: $0) == names[$0] && plain.name(at: $0) == names[$0] })
  }

  @Test func copiesShareTheIndexAndEveryThreadFindsTheSameTeams() async {
    let names = (0..<2_000).map { "unit/\($0 % 700)/\($0)" }
    let list = TeamResultList(count: names.count, name: { names[$0] }, make: { TeamResult(team: names[$0], n: $0) })
    let found = await withTaskGroup(of: [Int?].self) { group in
      for _ in 0..<4 {
        let copy = list
        group.addTask { names.map { copy.first(named: $0)?.n } }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(found.count == 4)
    #expect(found.allSatisfy { $0 == names.indices.map { Optional($0) } })
  }

  @Test func aReportWithItsTextMappedFindsTeamsByTheirMappedNames() {
    var report = sampleReport
    report.frameworks[0].teams = TeamResultList(
      count: 2, name: { ["Ops", "Tiny"][$0] },
      make: { [TeamResult(team: "Ops", n: 12), TeamResult(team: "Tiny", n: 3, suppression: .belowMinimum)][$0] })
    let mapped = report.mapText { $0.uppercased() }
    #expect(mapped.frameworks[0].teams.first(named: "OPS")?.n == 12)
    #expect(mapped.frameworks[0].teams.first(named: "Ops") == nil)
    #expect(mapped.frameworks[0].teams.name(at: 1) == "TINY")
    #expect(mapped.frameworks[0].teams.map(\.team) == ["OPS", "TINY"])
  }
}

/// A pack page finds its parent-baseline audit entries through the names that follow each
/// ` without ` (``UnitPack/namesAfterWithout(_:)``): for the page to show what the old scan
/// showed, every name the scan's `hasSuffix` matched must be among them.
@Suite struct ParentBaselineNamesTests {
  @Test func everyNameTheSuffixTestMatchesIsListed() {
    // Pieces that make hostile names: combining marks (which join a space before them),
    // " without " itself, emoji with joiners, precomposed and decomposed letters.
    let pieces = ["A", "é", "e\u{301}", "\u{301}", "\u{200D}", "👩‍💻", " ", "without", " without ", "x", "\u{FE0F}"]
    var state: UInt64 = 0x5EED
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    func name() -> String { (0..<(1 + next(4))).map { _ in pieces[next(pieces.count)] }.joined() }
    var matched = 0
    for _ in 0..<3_000 {
      let unit = name()
      let group = name() + " without " + unit
      let other = name()
      let listed = UnitPack.namesAfterWithout(group)
      for candidate in [unit, other, String(unit.unicodeScalars.dropFirst().map(Character.init)), group]
      where group.hasSuffix(" without \(candidate)") {
        matched += 1
        #expect(listed.contains(candidate), "\(group.debugDescription) ends with \(candidate.debugDescription)")
      }
    }
    #expect(matched >= 3_000)
    #expect(UnitPack.namesAfterWithout("Ops without Web") == ["Web"])
    #expect(UnitPack.namesAfterWithout("a without b without c") == ["b without c", "c"])
    #expect(UnitPack.namesAfterWithout("without") == [])
  }
}
