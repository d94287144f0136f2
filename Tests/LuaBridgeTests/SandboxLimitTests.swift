import Testing

@testable import LuaBridge

/// Regression tests for the ways a plugin could crash, hang or outlast the limits (issue 10):
/// C functions that trusted their arguments, handlers and finalizers that ran with hooks off,
/// long single C calls, stack overflows, and state kept from one generation to the next.
@Suite struct SandboxLimitTests {
  /// Loads `source`, expecting a failure whose message contains `text`. A script that ran on
  /// instead of failing fast is stopped by the time limit, whose message differs, so no test
  /// here reads the clock.
  func expectFailure(
    _ source: String, _ text: String, kind: LuaError.Kind? = nil, limits: LuaLimits = quickLimits,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let error = loadError(source, limits: limits)
    #expect(error?.message.contains(text) == true, "got: \(String(describing: error?.message))", sourceLocation: sourceLocation)
    if let kind { #expect(error?.kind == kind, sourceLocation: sourceLocation) }
  }

  @Test func metatablesOfTheSandboxAreOutOfReach() {
    expectFailure("getmetatable(_ENV).__index(1, 'print')", "plugins/test.lua:1: attempt to index a boolean value")
    expectFailure("getmetatable(_G).__newindex = nil", "plugins/test.lua:1: attempt to index a boolean value")
    expectFailure("setmetatable(_ENV, nil)", "plugins/test.lua:1: cannot change a protected metatable")
  }

  @Test func lazyRecordIndexChecksItsArguments() throws {
    // The record's __index is hidden; even if reached, argument 1 must be the record itself.
    let (sandbox, ref) = try loadPlugin("return { f = function(r) return getmetatable(r) end }")
    let result = try sandbox.call(ref, field: "f", arguments: [.table(LuaTable())])
    #expect(result == [.nil])
  }

  @Test func finalizersAreRefused() {
    expectFailure("setmetatable({}, { __gc = function() while true do end end })", "plugins/test.lua:1: plugins cannot use __gc finalizers")
    expectFailure("local mt = { __gc = true } setmetatable({}, mt)", "plugins cannot use __gc finalizers")
  }

  @Test func messageHandlersStayWithinTheTimeLimit() {
    expectFailure("xpcall(function() while true do end end, function() while true do end end)", "time limit exceeded", kind: .timeLimit)
    expectFailure("xpcall(error, function() while true do end end)", "time limit exceeded", kind: .timeLimit)
    // An error object's metamethods are never called by the host's handler.
    expectFailure("error(setmetatable({}, { __tostring = function() while true do end end }))", "(error object is a table value)")
  }

  @Test func xpcallKeepsItsMeaning() throws {
    let (sandbox, ref) = try loadPlugin(
      """
      return { f = function()
        local ok, msg = xpcall(function(a) error('bad ' .. a, 0) end, function(e) return 'handled: ' .. e end, 'x')
        local ok2, a, b = xpcall(function(a, b) return a + b, a * b end, print, 2, 3)
        return tostring(ok) .. ' ' .. msg .. ' ' .. tostring(ok2) .. ' ' .. a .. ' ' .. b
      end }
      """)
    #expect(try sandbox.call(ref, field: "f", arguments: []) == [.string("false handled: bad x true 5 6")])
  }

  @Test func longSingleCCallsAreBounded() {
    expectFailure("local s = string.rep('', math.maxinteger) error('got ' .. #s)", "plugins/test.lua:1: got 0")
    expectFailure("table.move({}, 1, 1e15, 2, {})", "plugins/test.lua:1: time limit exceeded", kind: .timeLimit)
    expectFailure("string.rep('a', 300):find('.-.-.-b')", "plugins/test.lua:1: pattern '.-.-.-b' could backtrack for too long")
    expectFailure("string.rep('a', 5000):gsub('a*a*a*b', '')", "could backtrack for too long")
    expectFailure("string.rep('x', 1e15)", "plugins/test.lua:1: resulting string too large")
  }

  @Test func guardedFunctionsStillWork() throws {
    let (sandbox, ref) = try loadPlugin(
      """
      return { f = function()
        local t = table.move({1, 2, 3}, 1, 3, 2)
        local trimmed = ('  hi there  '):match('^%s*(.-)%s*$')
        local n = select(2, ('a,b,c'):gsub(',', ';'))
        return table.concat(t, '') .. '|' .. trimmed .. '|' .. n .. '|' .. string.rep('ab', 3, '-') .. '|' .. (('x.y'):find('.', 1, true))
      end }
      """)
    #expect(try sandbox.call(ref, field: "f", arguments: []) == [.string("1123|hi there|2|ab-ab-ab|2")])
  }

  @Test func stackOverflowFailsFastWithTheLine() {
    expectFailure(
      "local function f(n) return 1 + f(n + 1) end\nf(1)", "plugins/test.lua:1: stack overflow",
      limits: LuaLimits(memoryBytes: 64 << 20, timePerCall: .seconds(2)))
    expectFailure(
      "local t = setmetatable({}, { __index = function(t, k) return t[k] end })\nlocal _ = t.x", "plugins/test.lua:1: C stack overflow")
  }

  @Test func aNewGenerationSeesNoStateOfTheLastOne() throws {
    let sandbox = try LuaSandbox(limits: LuaLimits(memoryBytes: 64 << 20, timePerCall: .seconds(30)))
    let source = """
      local seen = {}
      local count = 0
      return { f = function(x)
        count = count + 1
        seen[#seen + 1] = x
        math.leak = (math.leak or 0) + x
        string.extra = x
        return count .. ':' .. #seen .. ':' .. math.leak .. ':' .. tostring(rawget(_G, 'extra')) .. ':' .. math.random(1, 1000)
      end }
      """
    var ref = try sandbox.load(source: source, chunkName: "plugins/state.lua")
    let first = try sandbox.call(ref, field: "f", arguments: [.number(7)])
    _ = try sandbox.call(ref, field: "f", arguments: [.number(9)])
    ref = try sandbox.regenerate()
    let again = try sandbox.call(ref, field: "f", arguments: [.number(7)])
    #expect(first == again, "a new generation must start exactly like the first")
  }

  @Test func memoryCountsCarryNothingFromOneGenerationToTheNext() throws {
    let sandbox = try LuaSandbox(limits: LuaLimits(memoryBytes: 64 << 20, timePerCall: .seconds(30)))
    let source = """
      local at_load = collectgarbage('count')
      local keep = {}
      return { f = function(n)
        for i = 1, n do keep[i] = string.rep('x', 100) .. i end
        return at_load .. ':' .. collectgarbage('count')
      end }
      """
    _ = try sandbox.load(source: source, chunkName: "plugins/memory.lua")
    var ref = try sandbox.regenerate()
    let quiet = try sandbox.call(ref, field: "f", arguments: [.number(1)])
    _ = try sandbox.call(ref, field: "f", arguments: [.number(20_000)])
    ref = try sandbox.regenerate()
    let afterNoise = try sandbox.call(ref, field: "f", arguments: [.number(1)])
    #expect(quiet == afterNoise, "memory counts told one generation what the last one did")
  }

  @Test func logOverOneMebibyteIsCutVisibly() throws {
    let (sandbox, ref) = try loadPlugin("return { f = function() print(string.rep('x', 3 * 1024 * 1024)) print('after') end }")
    _ = try? sandbox.call(ref, field: "f", arguments: [])
    let lines = sandbox.drainLog()
    #expect(lines.last?.hasPrefix("[log cut: 2 messages were cut or left out") == true, "got: \(lines.map { $0.prefix(80) })")
    #expect(lines.first.map { $0.utf8.count < 1 << 20 } == true)
  }

  @Test func limitsSaturateInsteadOfTrapping() {
    #expect(LuaLimits(timePerCall: .seconds(1e10)).timePerCallNanoseconds == Int64.max)
    #expect(LuaLimits(timePerCall: .seconds(Int64.max)).timePerCallNanoseconds == Int64.max)
    #expect(LuaLimits(timePerCall: .seconds(-5)).timePerCallNanoseconds == 1)
    #expect(LuaLimits(memoryBytes: -1).memoryCapBytes == 1)
  }
}
