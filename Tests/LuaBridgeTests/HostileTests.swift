import Foundation
import Testing

@testable import LuaBridge

/// Untrusted plugin code: each case must be refused or stopped with a clear message, and the
/// process and the state must carry on.
@Suite struct HostileTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let source: String
    let kind: LuaError.Kind
    let message: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "io.open", source: "return io.open('/etc/passwd')", kind: .runtime,
      message: "plugins/test.lua:1: unknown name 'io'"),
    Case(
      name: "os.execute", source: "os.execute('touch /tmp/cultivar-pwned')", kind: .runtime,
      message: "plugins/test.lua:1: unknown name 'os'"),
    Case(
      name: "require", source: "local m = require('os')", kind: .runtime,
      message: "plugins/test.lua:1: unknown name 'require'"),
    Case(
      name: "debug", source: "debug.sethook()", kind: .runtime,
      message: "plugins/test.lua:1: unknown name 'debug'"),
    Case(
      name: "dofile", source: "dofile('/etc/passwd')", kind: .runtime,
      message: "plugins/test.lua:1: unknown name 'dofile'"),
    Case(
      name: "binary chunk via load", source: "return load('\\27Lua', 'x', 'b')", kind: .runtime,
      message: "plugins/test.lua:1: binary chunks are not allowed in plugins"),
    Case(
      name: "undeclared global", source: "total = 1\nreturn {}", kind: .runtime,
      message: "plugins/test.lua:1: assignment to undeclared global 'total'"),
    Case(
      name: "collectgarbage", source: "collectgarbage('stop')", kind: .runtime,
      message: "plugins/test.lua:1: collectgarbage('stop') is not allowed in plugins (only 'count')"),
    Case(
      name: "endless loop", source: "while true do end", kind: .timeLimit,
      message: "plugins/test.lua:1: time limit exceeded"),
    Case(
      name: "pcall around endless loop",
      source: "while true do pcall(function() while true do end end) end", kind: .timeLimit,
      message: "plugins/test.lua:1: time limit exceeded"),
    Case(
      name: "memory bomb", source: "local t = {} for i = 1, 1e9 do t[i] = {} end", kind: .memoryLimit,
      message: "memory limit exceeded"),
    Case(
      name: "huge string.rep", source: "return string.rep('x', 1e9)", kind: .memoryLimit,
      message: "memory limit exceeded"),
    Case(
      name: "absurd string.rep", source: "return string.rep('x', 1e15)", kind: .runtime,
      message: "plugins/test.lua:1: resulting string too large"),
    Case(
      name: "string doubling", source: "local s = 'x' while true do s = s .. s end", kind: .memoryLimit,
      message: "memory limit exceeded"),
  ]

  @Test(arguments: cases) func refusedOrStopped(_ c: Case) throws {
    let sandbox = try LuaSandbox(limits: quickLimits)
    do {
      _ = try sandbox.load(source: c.source, chunkName: "plugins/test.lua")
      Issue.record("\(c.name) was not stopped")
    } catch {
      #expect(error.kind == c.kind)
      #expect(error.message.hasPrefix(c.message), "got: \(error.message)")
    }
    // The same state still works afterwards.
    let ref = try sandbox.load(source: "return { answer = function() return 6 * 7 end }", chunkName: "plugins/ok.lua")
    #expect(try sandbox.call(ref, field: "answer", arguments: []) == [.number(42)])
  }

  @Test func binaryChunkFileIsRefused() throws {
    let error = loadError("\u{1B}Lua\u{54}\u{00}")
    #expect(error?.kind == .syntax)
    #expect(error?.message.contains("attempt to load a binary chunk") == true)
  }

  @Test func timeLimitAppliesToHooksAndOtherStatesCarryOn() throws {
    let (bad, badRef) = try loadPlugin("return { score = function() while true do end end }")
    let (good, goodRef) = try loadPlugin("return { score = function() return 1 end }")
    // Stopped by the limit (its own kind), not by anything else; the clock is not read.
    #expect { try bad.call(badRef, field: "score", arguments: []) } throws: { ($0 as? LuaError)?.kind == .timeLimit }
    #expect(try good.call(goodRef, field: "score", arguments: []) == [.number(1)])
    // A fast call right after a timeout is not stopped by a stale alarm.
    let (_, _) = (bad, badRef)
    let ok = try bad.load(source: "return { f = function() local s = 0 for i = 1, 1e5 do s = s + i end return s end }", chunkName: "plugins/fast.lua")
    #expect(try bad.call(ok, field: "f", arguments: []) == [.number(5_000_050_000)])
  }

  @Test func memoryIsReturnedAfterAMemoryError() throws {
    let sandbox = try LuaSandbox(limits: quickLimits)
    #expect(throws: LuaError.self) { try sandbox.load(source: "local t = {} for i = 1, 1e8 do t[i] = i end", chunkName: "plugins/bomb.lua") }
    _ = try sandbox.load(source: "return {}", chunkName: "plugins/after.lua")
    #expect(sandbox.memoryUsed < 1 << 20)
    #expect(sandbox.memoryPeak > 8 << 20)
  }

  @Test func argumentMarshallingUnderMemoryPressureFailsCleanly() throws {
    let (sandbox, ref) = try loadPlugin(
      "return { f = function(t) return #t.items end }",
      limits: LuaLimits(memoryBytes: 1 << 20, timePerCall: .seconds(1)))
    let big = LuaValue.table(
      LuaTable(fields: ["items": .table(LuaTable(sequence: Array(repeating: .string(String(repeating: "x", count: 64)), count: 100_000)))]))
    #expect(throws: LuaError.self) { try sandbox.call(ref, field: "f", arguments: [big]) }
    let small = LuaValue.table(LuaTable(fields: ["items": .table(LuaTable(sequence: [.number(1)]))]))
    #expect(try sandbox.call(ref, field: "f", arguments: [small]) == [.number(1)])
  }

  @Test func randomIsDeterministic() throws {
    let source = "math.randomseed() return { r = function() return math.random(1, 1000000) end }"
    let (a, ra) = try loadPlugin(source)
    let (b, rb) = try loadPlugin(source)
    #expect(try a.call(ra, field: "r", arguments: []) == b.call(rb, field: "r", arguments: []))
  }

  @Test func stringMetatableIsHidden() throws {
    let (sandbox, ref) = try loadPlugin("return { f = function() return getmetatable('') end }")
    #expect(try sandbox.call(ref, field: "f", arguments: []) == [.boolean(false)])
  }
}
