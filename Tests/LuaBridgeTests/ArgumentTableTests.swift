import Statistics
import Testing

@testable import LuaBridge

/// The tables a hook gets filled from a key list (``LuaArguments/fill(_:keys:values:)`` and
/// ``LuaArguments/lazyFill(_:of:keys:values:)``, through Lua code generated per key list), and
/// result tables read by a key list (``LuaFields``): any key, any number of keys, any order.
@Suite struct ArgumentTableTests {
  /// Keys that would break generated code if written carelessly, and long ones (Lua does not
  /// intern strings over 40 bytes, so they are found by their bytes).
  static let awkwardKeys = [
    "a", "a\"b", "\\", "line\nbreak", "]] = nil --", "é", "\u{0}x", "", String(repeating: "long", count: 30), "t", "v1", "end",
    "'", "\\065", String(repeating: "x", count: 41),
  ]

  static let plugin = """
    return {
      copy = function(t) local o = {} for k, v in pairs(t) do o[k] = v end return o end,
      keyed = function(r) local o = {} for k, v in pairs(r.keyed) do o[k] = v end return o end,
      poke = function(t) t.a = 99 t.extra = 1 end,
      build = function(keys, values) local o = {} for i = 1, #keys do o[keys[i]] = values[i] end return o end,
    }
    """

  func keyList(_ sandbox: LuaSandbox, _ keys: [String]) throws -> LuaReference {
    try sandbox.makeReference { args in
      args.beginTable(arraySlots: keys.count)
      for (i, key) in keys.enumerated() { args.element(i + 1, .string(key)) }
      args.endTable()
    }
  }

  func emptyTable(_ sandbox: LuaSandbox) throws -> LuaReference {
    try sandbox.makeReference {
      $0.beginTable()
      $0.endTable()
    }
  }

  static func keys(_ n: Int) -> [String] {
    Array((awkwardKeys + (0..<n).map { "item_\($0)" }).prefix(n))
  }

  static func value(_ random: inout SplitMix64) -> Double {
    switch random.next() % 9 {
    case 0: .nan
    case 1: -0.0
    case 2: 1e308
    case 3: 5e-324
    case 4: -.infinity
    case 5: Double(random.next() % 5 + 1)
    default: Double(Int64(bitPattern: random.next()) % 1_000_000) / 7
    }
  }

  /// Whether the field read is exactly the value written (NaN writes nil).
  static func holds(_ field: FieldKind, _ x: Double) -> Bool {
    if x.isNaN { return field == .absent }
    if case .number(let y) = field { return y.bitPattern == x.bitPattern }
    return false
  }

  @Test func filledTablesHoldEveryValueUnderAnyKey() throws {
    var random = SplitMix64(seed: 2026_1204)
    let (sandbox, plugin) = try loadPlugin(Self.plugin)
    // 150 values make one generated function: 149, 150, 151 and 400 cross its edges.
    for n in [1, 15, 149, 150, 151, 400] {
      let keys = Self.keys(n)
      let list = try keyList(sandbox, keys)
      let table = try emptyTable(sandbox)
      var fields = LuaFields(keys: list, count: n)
      for round in 0..<4 {
        let values = (0..<n).map { _ in Self.value(&random) }
        var arguments = LuaArguments()
        arguments.fill(table, keys: list, values: values)
        arguments.reference(table)
        let result = try sandbox.call(plugin, field: "copy", prepared: arguments, readingFields: &fields)
        // After the first round the plugin has written `a` and an `extra` key of its own.
        #expect(result == .fields || round > 0)
        for i in 0..<n { #expect(Self.holds(fields[i], values[i]), "n \(n), round \(round), key \(keys[i].debugDescription)") }
        var poke = LuaArguments()
        poke.reference(table)
        _ = try sandbox.call(plugin, field: "poke", prepared: poke)
      }
    }
  }

  @Test func lazilyFilledTablesHoldEveryValue() throws {
    var random = SplitMix64(seed: 4)
    let (sandbox, plugin) = try loadPlugin(Self.plugin)
    let keys = Self.keys(200)
    let list = try keyList(sandbox, keys)
    let (record, keyed) = (try emptyTable(sandbox), try emptyTable(sandbox))
    var fields = LuaFields(keys: list, count: keys.count)
    for _ in 0..<3 {
      let values = keys.map { _ in Self.value(&random) }
      var arguments = LuaArguments()
      arguments.reference(record)
      arguments.lazyFill("keyed", of: keyed, keys: list, values: values)
      #expect(try sandbox.call(plugin, field: "keyed", prepared: arguments, readingFields: &fields) == .fields)
      for i in keys.indices { #expect(Self.holds(fields[i], values[i]), "key \(keys[i].debugDescription)") }
    }
  }

  @Test func fewerValuesThanKeysLeaveTheOtherKeysAlone() throws {
    let (sandbox, plugin) = try loadPlugin(Self.plugin)
    let keys = Self.keys(20)
    let list = try keyList(sandbox, keys)
    let table = try emptyTable(sandbox)
    var fields = LuaFields(keys: list, count: keys.count)
    var arguments = LuaArguments()
    arguments.fill(table, keys: list, values: Array(repeating: 1, count: 20))
    arguments.fill(table, keys: list, values: Array(repeating: 2, count: 5))
    arguments.reference(table)
    #expect(try sandbox.call(plugin, field: "copy", prepared: arguments, readingFields: &fields) == .fields)
    #expect((0..<20).map { fields[$0] } == (0..<20).map { .number($0 < 5 ? 2 : 1) })
  }

  /// A value a hook may put in its result, and what reading it gives.
  enum Returned {
    case number(Double)
    case no, yes, text

    var lua: LuaValue {
      switch self {
      case .number(let x): .number(x)
      case .no: .boolean(false)
      case .yes: .boolean(true)
      case .text: .string("3")
      }
    }

    var read: FieldKind {
      switch self {
      case .number(let x): .number(x)
      case .no: .false
      case .yes, .text: .other
      }
    }
  }

  @Test func resultsAreReadWhateverTheOrderOfTheirKeys() throws {
    var random = SplitMix64(seed: 77)
    let (sandbox, plugin) = try loadPlugin(Self.plugin)
    let keys = Self.keys(40)
    let list = try keyList(sandbox, keys)
    var fields = LuaFields(keys: list, count: keys.count)
    for round in 0..<300 {
      // A random part of the keys in a random order, now and then with keys not listed: a
      // number, an unknown name, a long one that shares a listed long key's first 40 bytes.
      var chosen = keys.indices.filter { _ in random.next() % 3 != 0 }
      chosen.shuffle(using: &random)
      let values: [Returned] = chosen.map { _ in
        switch random.next() % 10 {
        case 0: .no
        case 1: .yes
        case 2: .text
        default: .number(Double(random.next() % 1000) / 8)
        }
      }
      let extras: [LuaValue] =
        round % 5 == 0 ? [[.number(1)], [.string("zz")], [.string(String(repeating: "x", count: 40) + "y")]][round / 5 % 3] : []
      var arguments = LuaArguments()
      arguments.beginTable(arraySlots: chosen.count + extras.count)
      for (i, k) in chosen.enumerated() { arguments.element(i + 1, .string(keys[k])) }
      for (i, extra) in extras.enumerated() { arguments.element(chosen.count + i + 1, extra) }
      arguments.endTable()
      arguments.beginTable(arraySlots: chosen.count + extras.count)
      for (i, value) in values.enumerated() { arguments.element(i + 1, value.lua) }
      for i in extras.indices { arguments.element(chosen.count + i + 1, .number(0)) }
      arguments.endTable()
      let result = try sandbox.call(plugin, field: "build", prepared: arguments, readingFields: &fields)
      let regular = extras.isEmpty && !values.contains { if case .yes = $0 { true } else if case .text = $0 { true } else { false } }
      if regular {
        #expect(result == .fields, "round \(round)")
      } else if case .irregular = result {
      } else {
        Issue.record("round \(round): \(result) for a result with other keys or values")
      }
      var expected = [FieldKind](repeating: .absent, count: keys.count)
      for (k, value) in zip(chosen, values) { expected[k] = value.read }
      #expect((0..<keys.count).map { fields[$0] } == expected, "round \(round)")
    }
  }
}
