import LuaBridge
import Scoring
import SurveyModel

/// The Lua tables a plugin's `score` hook receives, made once per generation and refilled for
/// every respondent (no table is built per call), with the key lists used to fill and read them.
final class RespondentRecord {
  /// The tables the hook sees (and may write to): new for every generation.
  private(set) var record: LuaReference
  private(set) var answers: LuaReference
  private(set) var keyed: LuaReference
  private(set) var scores: LuaReference
  private(set) var counts: LuaReference
  /// The key lists (never passed to plugin code): kept from one generation to the next.
  let itemKeys: LuaReference
  let dimensionKeys: LuaReference
  /// The counted multi-select items (``Framework/countedItems``), the keys of `counts`.
  let countKeys: LuaReference
  let counted: [String]
  private let itemCount: Int
  private let dimensionCount: Int
  private let guards: RespondentGuards
  /// What the hook returned, read by dimension id, then by measure id.
  var results: LuaFields
  /// Per answer table (`answers`, `keyed`, `scores`, `counts`): whether it is filled before
  /// each call (bits 0 to 3), and for how many calls in a row the hook has read it. A table is
  /// filled when the hook first reads it (through its `__index`), so a hook pays only for what
  /// it reads; one read in every one of ``eagerAfter`` calls is filled before each call from
  /// then on, which saves that `__index` call.
  private var eager: UInt8 = 0
  private var readStreak = [0, 0, 0, 0]
  static let eagerAfter = 64

  init(sandbox: LuaSandbox, items: [String], dimensions: [String], counted: [String] = [], guards: RespondentGuards) throws(LuaError) {
    func keys(_ names: [String]) throws(LuaError) -> LuaReference {
      try sandbox.makeReference { args in
        args.beginTable(arraySlots: names.count)
        for (i, name) in names.enumerated() { args.element(i + 1, .string(name)) }
        args.endTable()
      }
    }
    itemKeys = try keys(items)
    dimensionKeys = try keys(dimensions)
    countKeys = try keys(counted)
    self.counted = counted
    itemCount = items.count
    dimensionCount = dimensions.count
    self.guards = guards
    (record, answers, keyed, scores, counts) = try Self.tables(
      sandbox, items: items.count, dimensions: dimensions.count, counted: counted.count, guards: guards)
    results = LuaFields(keys: dimensionKeys, count: dimensions.count)
  }

  private static func tables(_ sandbox: LuaSandbox, items: Int, dimensions: Int, counted: Int, guards: RespondentGuards) throws(LuaError)
    -> (LuaReference, LuaReference, LuaReference, LuaReference, LuaReference)
  {
    func table(_ size: Int, _ guard: LuaReference) throws(LuaError) -> LuaReference {
      try sandbox.makeReference {
        $0.beginTable(fieldSlots: size)
        $0.guarded(by: `guard`)
        $0.endTable()
      }
    }
    let answers = try table(items, guards.answers)
    let keyed = try table(items, guards.keyed)
    let scores = try table(dimensions, guards.scores)
    let counts = try table(counted, guards.counts)
    let record = try sandbox.makeReference { args in
      args.beginTable(fieldSlots: 7)
      args.guarded(by: guards.respondent)
      args.field("answers", reference: answers)
      args.field("keyed", reference: keyed)
      args.field("scores", reference: scores)
      args.field("counts", reference: counts)
      args.endTable()
    }
    return (record, answers, keyed, scores, counts)
  }

  /// New tables for a new generation (the hook may have written into the old ones); the old
  /// ones are released.
  func renew(in sandbox: LuaSandbox) throws(LuaError) {
    for ref in [record, answers, keyed, scores, counts] { sandbox.release(ref) }
    (record, answers, keyed, scores, counts) = try Self.tables(
      sandbox, items: itemCount, dimensions: dimensionCount, counted: counted.count, guards: guards)
  }

  /// Hands `r` to the call being built as the record: `id` and `team` made on first read,
  /// `row`, and the answer tables, each filled now or on first read (see ``eager``).
  func pass(_ r: RespondentContext, to args: inout LuaArguments) {
    args.reference(record)
    r.respondentText.withUTF8 { args.lazyField("id", text: $0) }
    r.teamText.withUTF8 { args.lazyField("team", text: $0) }
    args.field("row", number: Double(r.line))
    let eager = eager
    func table(_ t: Int, _ name: String, _ table: LuaReference, _ keys: LuaReference, _ values: [Double]) {
      if eager & (1 << t) != 0 {
        args.fill(table, keys: keys, values: values)
        args.field(name, reference: table)
      } else {
        args.lazyFill(name, of: table, keys: keys, values: values)
      }
    }
    table(0, "answers", answers, itemKeys, r.raw)
    table(1, "keyed", keyed, itemKeys, r.keyed)
    table(2, "scores", scores, dimensionKeys, r.scores)
    if !counted.isEmpty { table(3, "counts", counts, countKeys, countValues(r)) }
  }

  /// Counts which of the tables passed lazily the call read: `read` has a bit per lazy field,
  /// in the order of ``pass(_:to:)`` (``LuaSandbox/lazyFieldsRead``).
  func noteReads(_ read: UInt32) {
    let tables = counted.isEmpty ? 3 : 4
    guard eager != (1 << tables) - 1 else { return }
    // Bits 0 and 1 are `id` and `team`.
    var bit: UInt32 = 2
    for t in 0..<tables where eager & (1 << t) == 0 {
      if read & (1 << bit) != 0 {
        readStreak[t] += 1
        if readStreak[t] >= Self.eagerAfter { eager |= 1 << t }
      } else if readStreak[t] != 0 {
        readStreak[t] = 0
      }
      bit += 1
    }
  }

  /// `r`'s counts in the order of ``counted`` (NaN where the run does not read an item).
  func countValues(_ r: RespondentContext) -> [Double] {
    if r.counted == counted { return r.counts }
    return counted.map { id in r.counted.firstIndex(of: id).map { r.counts[$0] } ?? .nan }
  }
}
