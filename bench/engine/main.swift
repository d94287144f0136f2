import Foundation
import Privacy

// The anonymity engine alone, on a generated organisation decided as `score --by unit:4`
// decides it (PublishedView+Cuts): the teams first, then the universe (every unit of 4 levels,
// every value of 3 attributes, every unit crossed with every value) against their fixed
// decisions. Prints each phase's time and a hash of the decision (equal hashes: equal
// decisions, e.g. before and after a change to the engine).
//
// Usage (bench/engine.sh builds it): engine ROWS FAN [THRESHOLD] [teams]
//   FAN children per unit (FAN^4 teams); `teams`: FAN teams of skewed sizes decided alone, as
//   `score` by team decides them (the engine's memory for issue 17).
struct RNG {
  var s: UInt64
  mutating func next() -> UInt64 {
    s &+= 0x9E37_79B9_7F4A_7C15
    var z = s
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
setvbuf(stdout, nil, _IOLBF, 0)
let args = CommandLine.arguments
let rows = Int(args[1])!
let fan = Int(args[2])!
let k = args.count > 3 ? Int(args[3])! : 5
var rng = RNG(s: 13)
if args.count > 4 {
  // The teams alone, one atom per team, as `score` by team decides them: ROWS respondents over
  // FAN teams, 8 data points.
  var size = [Int](repeating: 0, count: fan)
  for _ in 0..<rows {
    let u = Double(rng.next() >> 11) / Double(1 << 53)
    size[min(fan - 1, Int(Double(fan) * u * u * u * u * u * u))] += 1
  }
  let atoms = size.map { Population.Atom(respondents: $0, counts: Array(repeating: $0, count: 8)) }
  var p = Population(dataPoints: (0..<8).map { .init(name: "D\($0)", framework: 0) }, atoms: atoms, organisation: "(all)")
  for t in 0..<fan { p.add(.init(cut: "team", name: "team-\(t)", atoms: [t])) }
  let c = ContinuousClock()
  let t0 = c.now
  let d = AnonymityEngine.decide(p, policy: PrivacyPolicy(minGroupSize: 5))
  print("teams alone: \(c.now - t0), \(d.audit.count) audit entries")
  exit(0)
}
var unitParent: [Int?] = []
var unitLevel: [Int] = []
var unitName: [String] = []
func grow(_ parent: Int?, _ level: Int, _ prefix: String) {
  for c in 0..<fan {
    let name = "\(prefix)\(["a", "b", "c", "d"][level - 1])\(c)"
    unitParent.append(parent)
    unitLevel.append(level)
    unitName.append(name)
    let me = unitParent.count - 1
    if level < 4 { grow(me, level + 1, name) }
  }
}
grow(nil, 1, "")
let leaves = unitLevel.indices.filter { unitLevel[$0] == 4 }
let values = [3, 3, 2]
let width = 4
/// The respondents drawn into atoms (a leaf and a value of each attribute), sorted by leaf and
/// values; what only the drawing needs is freed on return.
func generate() -> (atoms: [Population.Atom], leafOf: [Int], columns: [[Int32]]) {
  var atomOf: [Int: Int] = [:]
  var atomLeaf: [Int] = []
  var atomVals: [[Int]] = []
  var sizes: [Int] = []
  for _ in 0..<rows {
    let leaf = rng.below(leaves.count)
    let v = values.map { rng.below($0) }
    let key = ((leaf * 3 + v[0]) * 3 + v[1]) * 2 + v[2]
    if let a = atomOf[key] {
      sizes[a] += 1
    } else {
      atomOf[key] = sizes.count
      sizes.append(1)
      atomLeaf.append(leaves[leaf])
      atomVals.append(v)
    }
  }
  let order = sizes.indices.sorted {
    (atomLeaf[$0], atomVals[$0][0], atomVals[$0][1], atomVals[$0][2]) < (atomLeaf[$1], atomVals[$1][0], atomVals[$1][1], atomVals[$1][2])
  }
  let atoms = order.map { Population.Atom(respondents: sizes[$0], counts: Array(repeating: sizes[$0], count: width)) }
  // Per attribute, each atom's value (0: none given).
  let columns = values.indices.map { a in order.map { Int32(atomVals[$0][a] + 1) } }
  return (atoms, order.map { atomLeaf[$0] }, columns)
}
let (atoms, leafOf, columns) = generate()
let points = (0..<width).map { Population.DataPoint(name: "D\($0)", framework: 0) }
let policy = PrivacyPolicy(minGroupSize: k)
print("\(rows) rows, \(unitName.count) units, \(leaves.count) leaves, \(atoms.count) atoms")
let clock = ContinuousClock()
var start = clock.now
// Atoms are sorted by leaf, and units are numbered in the order of a depth-first walk, so every
// unit's atoms are one range and a crossed cell is that range filtered by an attribute's value
// (AtomSet): no group lists its atoms.
var first = [Int](repeating: Int.max, count: unitName.count)
var last = [Int](repeating: -1, count: unitName.count)
for (i, l) in leafOf.enumerated() {
  var u: Int? = l
  while let x = u {
    first[x] = min(first[x], i)
    last[x] = max(last[x], i)
    u = unitParent[x]
  }
}
let rangeOf = { (u: Int) in last[u] < 0 ? 0..<0 : first[u]..<(last[u] + 1) }
let teamList = leaves.filter { last[$0] >= 0 }.sorted { unitName[$0] < unitName[$1] }
var base = Population(dataPoints: points, atoms: atoms, organisation: "(all)")
for t in teamList { base.add(.init(cut: "team", name: unitName[t], members: AtomSet(range: rangeOf(t)))) }
let teams = AnonymityEngine.decide(base, policy: policy)
print("teams decided: \(clock.now - start)")

start = clock.now
let shownBy = { (node: Int) in points.indices.map { teams.shows(node, dataPoint: $0) } }
var universe = Population(dataPoints: points, atoms: atoms, organisation: "(all)", organisationFixed: shownBy(0))
var node = [Int](repeating: 0, count: unitName.count)
for u in unitName.indices {
  node[u] = universe.add(
    .init(cut: "unit:\(unitLevel[u])", name: unitName[u], members: AtomSet(range: rangeOf(u)), parent: unitParent[u].map { node[$0] } ?? 0))
}
for a in values.indices {
  for v in 0...values[a] {
    universe.addOverlapping(
      .init(cut: "attr\(a)", name: "attr\(a): \(v)", members: AtomSet(range: atoms.indices, column: columns[a], value: Int32(v))))
  }
}
for u in unitName.indices {
  for a in values.indices {
    for v in 0...values[a] {
      universe.addOverlapping(
        .init(
          cut: "unit:\(unitLevel[u]) × attr\(a)", name: "\(unitName[u]) × attr\(a): \(v)",
          members: AtomSet(range: rangeOf(u), column: columns[a], value: Int32(v)), parent: node[u]))
    }
  }
}
for (t, team) in teamList.enumerated() {
  universe.add(.init(cut: "team", name: unitName[team], members: AtomSet(range: rangeOf(team)), parent: node[team], fixed: shownBy(t + 1)))
}
print("universe built: \(clock.now - start), \(universe.groups.count) groups")
start = clock.now
let decision = AnonymityEngine.decide(universe, policy: policy)
print("universe decided: \(clock.now - start)")
start = clock.now
let audit = decision.audit { cut, _ in cut == "unit:4" }
var shown = 0
for g in universe.groups.indices where decision.groupWithheld(g) == nil { shown += 1 }
print("audit of unit:4: \(audit.count) entries in \(clock.now - start); \(shown) of \(universe.groups.count) groups not withheld")
// Per cut: groups with every number shown, with some shown, and in all.
var byCut: [String: (all: Int, some: Int, total: Int)] = [:]
for (g, group) in universe.groups.enumerated() where decision.respondents[g] > 0 {
  let n = (0..<width).filter { decision.shows(g, dataPoint: $0) }.count
  var t = byCut[group.cut, default: (0, 0, 0)]
  t.total += 1
  if n == width { t.all += 1 } else if n > 0 { t.some += 1 }
  byCut[group.cut] = t
}
for (cut, t) in byCut.sorted(by: { $0.key < $1.key }) { print("  \(cut): every number shown \(t.all), some \(t.some), of \(t.total)") }
var h: UInt64 = 1_469_598_103_934_665_603
for g in universe.groups.indices { for d in 0..<width { h = (h ^ (decision.shows(g, dataPoint: d) ? 1 : 0)) &* 1_099_511_628_211 } }
print("decision hash \(h)")
