import Testing

@testable import LuaBridge

/// Limits small enough to keep the hostile cases fast.
let quickLimits = LuaLimits(memoryBytes: 16 << 20, timePerCall: .milliseconds(200))

func loadPlugin(_ source: String, limits: LuaLimits = quickLimits) throws -> (LuaSandbox, LuaReference) {
  let sandbox = try LuaSandbox(limits: limits)
  let ref = try sandbox.load(source: source, chunkName: "plugins/test.lua")
  return (sandbox, ref)
}

func loadError(_ source: String, limits: LuaLimits = quickLimits) -> LuaError? {
  do {
    _ = try loadPlugin(source, limits: limits)
    return nil
  } catch let error as LuaError {
    return error
  } catch {
    return nil
  }
}

@Suite struct LoadingTests {
  @Test func returnsTheChunkValue() throws {
    let (sandbox, ref) = try loadPlugin("return { id = 'x', n = 3, list = {1, 2}, nested = { a = true } }")
    let table = try #require(sandbox.value(of: ref).table)
    #expect(table["id"] == .string("x"))
    #expect(table["n"] == .number(3))
    #expect(table["list"].table?.sequence == [.number(1), .number(2)])
    #expect(table["nested"].table?["a"] == .boolean(true))
  }

  @Test func syntaxErrorNamesFileAndLine() {
    let error = loadError("return {\n  id = 'x'\n  name = 'y'\n}")
    #expect(error?.kind == .syntax)
    #expect(error?.message.hasPrefix("plugins/test.lua:3:") == true)
  }

  @Test func runtimeErrorNamesFileAndLineWithTraceback() {
    let error = loadError("local t = nil\n\nreturn t.items")
    #expect(error?.kind == .runtime)
    #expect(error?.message.hasPrefix("plugins/test.lua:3: attempt to index a nil value") == true)
    #expect(error?.traceback.contains("stack traceback:") == true)
  }

  @Test func tableErrorObjectsBecomeText() {
    let error = loadError("error({ message = 'structured failure' })")
    #expect(error?.message == "structured failure")
  }

  @Test func hookErrorsNameTheirLine() throws {
    let (sandbox, ref) = try loadPlugin(
      """
      return {
        score = function(r)
          return r.answers.q1 + nil
        end,
      }
      """)
    #expect(throws: LuaError.self) { try sandbox.call(ref, field: "score", arguments: [.table(LuaTable())]) }
    do {
      _ = try sandbox.call(ref, field: "score", arguments: [.table(LuaTable())])
    } catch {
      #expect(error.message.hasPrefix("plugins/test.lua:3: attempt to index a nil value (field 'answers')"))
    }
  }

  @Test func callsPassTablesAndReturnValues() throws {
    let (sandbox, ref) = try loadPlugin(
      """
      return { sum = function(t) local s = 0 for _, v in ipairs(t.values) do s = s + v end return s, t.name end }
      """)
    let argument = LuaValue.table(
      LuaTable(fields: [
        "values": .table(LuaTable(sequence: [.number(1), .number(2.5), .number(4)])),
        "name": .string("Team α"),
      ]))
    let results = try sandbox.call(ref, field: "sum", arguments: [argument], results: 2)
    #expect(results == [.number(7.5), .string("Team α")])
  }

  @Test func missingHookIsReportedAsNotAFunction() throws {
    let (sandbox, ref) = try loadPlugin("return { score = 3 }")
    #expect(throws: LuaError(kind: .notAFunction, message: "'score' is not a function (got number)")) {
      try sandbox.call(ref, field: "score", arguments: [])
    }
  }

  @Test func printAndLogAreCollectedWithTheirLine() throws {
    let (sandbox, _) = try loadPlugin("print('hello', 42)\nreturn {}")
    #expect(sandbox.drainLog() == ["plugins/test.lua:1: hello\t42"])
    #expect(sandbox.drainLog().isEmpty)
  }

  @Test func lazyTextFieldsAreMadeOnlyWhenRead() throws {
    let (sandbox, plugin) = try loadPlugin(
      """
      return {
        read = function(r) return r.id .. '|' .. r.id .. '|' .. tostring(rawget(r, 'id')) end,
        skip = function(r) return tostring(rawget(r, 'id')) .. '|' .. tostring(r.n == 1) end,
        write = function(r) r.id = 'mine' return r.id end,
      }
      """)
    // One record for every call, as the `score` hook gets it.
    let record = try sandbox.makeReference {
      $0.beginTable(fieldSlots: 2)
      $0.endTable()
    }
    func call(_ hook: String, id: String) throws -> [LuaValue] {
      var arguments = LuaArguments()
      arguments.reference(record)
      arguments.field("n", number: 1)
      arguments.lazyField("id", text: id)
      return try sandbox.call(plugin, field: hook, prepared: arguments)
    }
    #expect(try call("read", id: "r7") == [.string("r7|r7|r7")])
    // A call that does not read it never makes it, and the last call's value is gone.
    #expect(try call("skip", id: "r8") == [.string("nil|true")])
    #expect(try call("read", id: "") == [.string("||")])
    #expect(try call("read", id: "é\u{0}x") == [.string("é\u{0}x|é\u{0}x|é\u{0}x")])
    #expect(try call("write", id: "r9") == [.string("mine")])
    #expect(try call("read", id: "r10") == [.string("r10|r10|r10")])
  }
}
