import Testing

@testable import LuaBridge

/// The debug check that every bridge call leaves the Lua stack as it found it
/// (``LuaSandbox/balanced(_:_:)``). It exists only in debug builds (release builds pay nothing
/// for it), so these tests do too.
#if DEBUG
  /// Collects what the check reports instead of failing an assertion.
  final class ImbalanceLog {
    var reports: [String] = []
  }

  func watched(_ sandbox: LuaSandbox) -> ImbalanceLog {
    let log = ImbalanceLog()
    sandbox.stackImbalance = { log.reports.append($0) }
    return log
  }

  @Suite struct StackBalanceTests {
    @Test func aCallThatLeavesAValueOnTheStackIsReported() throws {
      let sandbox = try LuaSandbox(limits: quickLimits)
      let log = watched(sandbox)
      let ref = try sandbox.makeReference { $0.append(.number(1)) }
      #expect(log.reports.isEmpty)
      // A deliberately unbalanced bridge call: it pushes a value and never pops it.
      sandbox.balanced("leaky") { sandbox.push(ref) }
      #expect(log.reports == ["Lua bridge call 'leaky' left the stack at 1 values, not 0"])
      // The check compares with where the call started, so the next balanced call is quiet.
      _ = sandbox.value(of: ref)
      #expect(log.reports.count == 1)
    }

    @Test func aCallThatFailsAfterPushingIsReportedToo() throws {
      struct Failure: Error {}
      let sandbox = try LuaSandbox(limits: quickLimits)
      let log = watched(sandbox)
      let ref = try sandbox.makeReference { $0.append(.string("x")) }
      #expect(throws: Failure.self) {
        try sandbox.balanced("failing") { () throws(Failure) in
          sandbox.push(ref)
          throw Failure()
        }
      }
      #expect(log.reports.count == 1)
    }

    /// Every public entry point, on its success and failure paths, leaves the stack balanced.
    @Test func everyBridgeCallIsBalanced() throws {
      let sandbox = try LuaSandbox(limits: quickLimits)
      let log = watched(sandbox)
      try sandbox.runTrusted(source: "function host_helper() return 1 end", chunkName: "prelude.lua", sealGlobals: true)
      let plugin = try sandbox.load(
        source: """
          return {
            id = 'x',
            add = function(a, b) return a + b end,
            fields = function(r) return { a = r.n, b = false, c = 'text' } end,
            regular = function(r) return { a = r.n } end,
            boom = function() error('boom') end,
            spin = function() while true do end end,
            notAFunction = 3,
          }
          """, chunkName: "plugins/balance.lua")
      _ = sandbox.value(of: plugin)
      _ = try sandbox.call(plugin, field: "add", arguments: [.number(1), .number(2)])
      _ = try sandbox.call(plugin, field: "add", arguments: [.number(1), .number(2)], results: 3)
      #expect(throws: LuaError.self) { try sandbox.call(plugin, field: "boom", arguments: []) }
      #expect(throws: LuaError.self) { try sandbox.call(plugin, field: "notAFunction", arguments: []) }
      #expect(throws: LuaError.self) { try sandbox.call(plugin, field: "missing", arguments: []) }
      let keys = try sandbox.makeReference { args in
        args.beginTable(arraySlots: 2)
        args.element(1, .string("a"))
        args.element(2, .string("b"))
        args.endTable()
      }
      var fields = LuaFields(keys: keys, count: 2)
      var arguments = LuaArguments()
      arguments.beginTable(fieldSlots: 1)
      arguments.field("n", number: 4)
      arguments.endTable()
      #expect(try sandbox.call(plugin, field: "regular", prepared: arguments, readingFields: &fields) == .fields)
      #expect(fields[0] == .number(4) && fields[1] == .absent)
      if case .irregular = try sandbox.call(plugin, field: "fields", prepared: arguments, readingFields: &fields) {
      } else {
        Issue.record("a result with a text value is irregular")
      }
      #expect(fields[0] == .number(4) && fields[1] == .false)
      #expect(throws: LuaError.self) { try sandbox.call(plugin, field: "boom", prepared: arguments, readingFields: &fields) }
      let guardRef = try sandbox.makeFieldGuard(name: "respondent", fields: ["a"], listing: "its fields are a")
      sandbox.release(guardRef)
      _ = sandbox.isPristine
      _ = try sandbox.regenerate()
      try sandbox.compile(source: "return 1", chunkName: "ok.lua")
      #expect(throws: LuaError.self) { try sandbox.compile(source: "return {", chunkName: "bad.lua") }
      #expect(throws: LuaError.self) { try sandbox.load(source: "error('at load')", chunkName: "bad.lua") }
      sandbox.setLimits(LuaLimits(memoryBytes: 16 << 20, timePerCall: .milliseconds(50)))
      #expect(throws: LuaError.self) { try sandbox.call(plugin, field: "spin", arguments: []) }
      #expect(log.reports.isEmpty, "\(log.reports)")
    }
  }
#endif
