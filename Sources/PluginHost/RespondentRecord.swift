import LuaBridge
import SurveyModel

/// The Lua tables a plugin's `score` hook receives, made once and refilled for every
/// respondent (no table is built per call), with the key lists used to fill and read them.
final class RespondentRecord {
  let record: LuaReference
  let answers: LuaReference
  let keyed: LuaReference
  let scores: LuaReference
  let itemKeys: LuaReference
  let dimensionKeys: LuaReference
  /// Where a call's results are read to.
  var values: [Double]
  var kinds: [UInt8]

  init(sandbox: LuaSandbox, items: [String], dimensions: [String]) throws(LuaError) {
    func table(_ size: Int) throws(LuaError) -> LuaReference {
      try sandbox.makeReference { $0.beginTable(fieldSlots: size); $0.endTable() }
    }
    func keys(_ names: [String]) throws(LuaError) -> LuaReference {
      try sandbox.makeReference { args in
        args.beginTable(arraySlots: names.count)
        for (i, name) in names.enumerated() { args.element(i + 1, .string(name)) }
        args.endTable()
      }
    }
    answers = try table(items.count)
    keyed = try table(items.count)
    scores = try table(dimensions.count)
    itemKeys = try keys(items)
    dimensionKeys = try keys(dimensions)
    let (answers, keyed, scores) = (answers, keyed, scores)
    record = try sandbox.makeReference { args in
      args.beginTable(fieldSlots: 6)
      args.field("answers", reference: answers)
      args.field("keyed", reference: keyed)
      args.field("scores", reference: scores)
      args.endTable()
    }
    values = Array(repeating: .nan, count: dimensions.count)
    kinds = Array(repeating: 0, count: dimensions.count)
  }

  /// Releases the tables (the hook may have written into them: they belong to one generation).
  func release(in sandbox: LuaSandbox) {
    for ref in [record, answers, keyed, scores, itemKeys, dimensionKeys] { sandbox.release(ref) }
  }
}
