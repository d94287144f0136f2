import Statistics
import Testing

@testable import LuaBridge

/// Issue 17 with issue 12's isolation: a plugin whose hooks provably keep nothing between calls
/// is not loaded again before every group (``LuaSandbox/isPristine``). These tests generate
/// hook bodies from statements that keep state in every way the sandbox allows and statements
/// that do not, and check that whenever the state counts as pristine, a later group sees
/// exactly what a freshly loaded plugin would — and that pure hooks are recognised as such.
@Suite struct PristineStateTests {
  static let limits = LuaLimits(memoryBytes: 64 << 20, timePerCall: .seconds(10))

  /// Statements that leave nothing behind after the call.
  static let pure = [
    "local t = {}; t.k = x",
    "local t = {x, x + 1}; t[3] = x",
    "local s = 0; for i = 1, 3 do s = s + i * x end",
    "local t = {}; for i = 1, 3 do t[i] = x end",
    "local n = #stash + (stash.k or 0) + (holder.inner.k or 0)",
    "local y = math.floor(x / 2) + #string.rep('a', 2)",
    "local t = {}; local u = t; u.k = x",
    "local t = {}; if x > 2 then t.big = true else t.small = true end",
    "local t = {}; for k, v in pairs(holder) do t[k] = v end",
    "local c = 0; for _, v in ipairs(stash) do c = c + v end",
  ]

  /// Statements that change something a later call could see.
  static let stateful = [
    "count = count + 1",
    "stash.k = x",
    "stash[#stash + 1] = x",
    "holder.inner.k = x",
    "table.insert(stash, x)",
    "rawset(stash, 'k', x)",
    "math.z = x",
    "string.z = x",
    "local t = {}; if x > 2 then t = stash end; t.k = x",
    "local t = stash; t.k = x",
    "helper(stash, x)",
    "setmetatable(holder, {})",
    "local r = math.random(1, 6)",
    "local f = load('return 1')",
    "for _, v in pairs(holder) do v.k = x end",
    "local t = {}; for i = 1, 2 do if i == 2 then t = stash end; t[i] = x end",
    "local t = {}; table.insert(t, x)",
    "local g = _G; g.math.z = x",
  ]

  static func program(_ statements: [String]) -> String {
    let helper = statements.contains { $0.contains("helper(") } ? "local function helper(t, x) t.k = x end\n" : ""
    return """
      local stash = {}
      local count = 0
      local holder = { inner = {} }
      \(helper)return {
        f = function(x)
          \(statements.joined(separator: "\n    "))
          return 0
        end,
        probe = function()
          local keys = 0
          for _ in pairs(stash) do keys = keys + 1 end
          return tostring(count) .. ':' .. keys .. ':' .. tostring(stash.k) .. ':' .. tostring(holder.inner.k) .. ':'
            .. tostring(math.z) .. ':' .. tostring(string.z) .. ':' .. tostring(getmetatable(holder) ~= nil) .. ':'
            .. tostring(rawget(_G, 'math') ~= nil) .. ':' .. math.random(1, 1000000)
        end,
      }
      """
  }

  /// The probe's answer after a group of calls and the group boundary the engine makes
  /// (a new generation unless the state is pristine).
  static func probeAfterGroup(_ source: String, inputs: [Double]) throws -> (probe: [LuaValue], pristine: Bool) {
    let sandbox = try LuaSandbox(limits: limits)
    var ref = try sandbox.load(source: source, chunkName: "plugins/generated.lua")
    for x in inputs { _ = try sandbox.call(ref, field: "f", arguments: [.number(x)]) }
    let pristine = sandbox.isPristine
    if !pristine { ref = try sandbox.regenerate() }
    return (try sandbox.call(ref, field: "probe", arguments: []), pristine)
  }

  static func freshProbe(_ source: String) throws -> [LuaValue] {
    let sandbox = try LuaSandbox(limits: limits)
    let ref = try sandbox.load(source: source, chunkName: "plugins/generated.lua")
    return try sandbox.call(ref, field: "probe", arguments: [])
  }

  @Test func noGeneratedHookCarriesAnythingIntoTheNextGroup() throws {
    var random = SplitMix64(seed: 20_261_130)
    var pristineCount = 0
    for _ in 0..<250 {
      let pool = random.next() % 3 == 0 ? Self.pure : Self.pure + Self.stateful
      let statements = (0..<(1 + Int(random.next() % 4))).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
      let source = Self.program(statements)
      let inputs = (0..<(1 + Int(random.next() % 3))).map { _ in Double(1 + random.next() % 5) }
      let (after, pristine) = try Self.probeAfterGroup(source, inputs: inputs)
      #expect(after == (try Self.freshProbe(source)), "state carried over with:\n\(statements.joined(separator: "\n"))")
      if pristine { pristineCount += 1 }
    }
    #expect(pristineCount > 0)
  }

  @Test func everyStatefulStatementIsCaught() throws {
    for statement in Self.stateful {
      let (_, pristine) = try Self.probeAfterGroup(Self.program([statement]), inputs: [3])
      #expect(!pristine, "not caught: \(statement)")
    }
  }

  @Test func pureHooksAreRecognised() throws {
    for statement in Self.pure {
      let (_, pristine) = try Self.probeAfterGroup(Self.program([statement]), inputs: [3, 4])
      #expect(pristine, "a pure statement was taken for a stateful one: \(statement)")
    }
  }

  @Test func weakTablesAndCodeLoadedAtRunTimeNeverCountAsPristine() throws {
    for head in ["local weak = setmetatable({}, { __mode = 'k' })", "local f = load('return 1')"] {
      let sandbox = try LuaSandbox(limits: Self.limits)
      let ref = try sandbox.load(source: "\(head)\nreturn { f = function(x) return x end }", chunkName: "plugins/p.lua")
      _ = try sandbox.call(ref, field: "f", arguments: [.number(1)])
      #expect(!sandbox.isPristine, "\(head)")
      _ = try sandbox.regenerate()
      #expect(!sandbox.isPristine, "\(head) (after a new generation)")
    }
  }

  @Test func aNewGenerationIsPristineAgain() throws {
    let sandbox = try LuaSandbox(limits: Self.limits)
    var ref = try sandbox.load(
      source: "local t = {}\ntable.insert(t, 1)\nreturn { f = function(x) return math.random(1, 2) end }", chunkName: "plugins/p.lua")
    #expect(sandbox.isPristine, "what the file does while loading is its starting point")
    _ = try sandbox.call(ref, field: "f", arguments: [.number(1)])
    #expect(!sandbox.isPristine)
    ref = try sandbox.regenerate()
    #expect(sandbox.isPristine)
  }
}
