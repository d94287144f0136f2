import CLua
import LuaShim

/// A reference to a value held in a sandbox's registry (for example a loaded plugin's table).
public struct LuaReference: Hashable, Sendable {
  let id: Int32
}

/// One sandboxed Lua 5.4 state.
///
/// Only the whitelisted libraries are open (base without `dofile`/`loadfile`/binary `load`,
/// `string`, `table`, `math` with a fixed random seed, `utf8`); chunks load in text mode only;
/// memory is capped and every call is time-limited by the shared watchdog. Every call is a
/// protected call with a traceback handler, and arguments are built inside it, so no Lua error
/// ever unwinds through Swift. A sandbox belongs to one thread at a time.
public final class LuaSandbox {
  private let state: OpaquePointer
  private var arguments = LuaArguments()
  /// The limits in force.
  public private(set) var limits: LuaLimits
  #if DEBUG
    /// Debug builds only: told when a bridge call leaves the Lua stack other than it found it
    /// (see ``balanced(_:_:)``). A failed assertion by default; tests replace it to observe
    /// the check.
    var stackImbalance: (String) -> Void = { assertionFailure($0) }
  #endif

  /// Creates a state with the given limits.
  /// - Throws: ``LuaError`` with kind `.memoryLimit` if the state cannot even be created.
  public init(limits: LuaLimits = .standard) throws(LuaError) {
    guard let state = cv_open(limits.memoryCapBytes, limits.timePerCallNanoseconds) else {
      throw LuaError(kind: .memoryLimit, message: "cannot create a Lua state within \(limits.memoryBytes) bytes")
    }
    self.state = state
    self.limits = limits
    Watchdog.shared.register(StateHandle(pointer: state))
  }

  deinit {
    Watchdog.shared.unregister(StateHandle(pointer: state))
    cv_close(state)
  }

  /// Changes the limits for the following calls.
  public func setLimits(_ limits: LuaLimits) {
    self.limits = limits
    cv_set_limits(state, limits.memoryCapBytes, limits.timePerCallNanoseconds)
  }

  /// Bytes held by the state now.
  public var memoryUsed: Int { cv_memory_used(state) }
  /// The most bytes the state has held.
  public var memoryPeak: Int { cv_memory_peak(state) }

  /// The lazily declared fields (``LuaArguments/lazyFill(_:of:keys:values:)``,
  /// ``LuaArguments/lazyField(_:text:)``) the last call read: bit `k` for the `k`-th declared.
  public var lazyFieldsRead: UInt32 { UInt32(cv_lazy_fields_read(state)) }

  /// Loads and runs a text chunk in its own strict environment (reading or assigning an
  /// undeclared name is an error) and keeps its first result.
  /// - Parameters:
  ///   - source: the Lua source text.
  ///   - chunkName: how errors name the chunk, e.g. `plugins/senge.lua`.
  /// - Returns: a reference to the chunk's first result.
  /// - Throws: ``LuaError`` (syntax, runtime, memory or time limit).
  public func load(source: String, chunkName: String) throws(LuaError) -> LuaReference {
    try runChunk(source: source, chunkName: chunkName, strict: true)
  }

  /// Runs the chunk last given to ``load(source:chunkName:)`` again in a fresh generation: a
  /// new environment, its own copies of the library tables, the random generator back at its
  /// seed. Nothing the code of earlier generations changed (locals of the file, tables,
  /// library fields) is visible to the new one.
  /// - Returns: a reference to the chunk's new first result.
  public func regenerate() throws(LuaError) -> LuaReference {
    try balanced("regenerate") { () throws(LuaError) in
      var ref: Int32 = 0
      try check(cv_regenerate(state, &ref))
      return LuaReference(id: ref)
    }
  }

  /// Whether no call could tell the current generation from a fresh one: the loaded chunk's
  /// functions provably keep nothing between calls (they assign no upvalue or global and write
  /// only into tables the same call made, checked on the bytecode) and no built-in that
  /// changes state (rawset, setmetatable, table.insert/remove/sort/move, load, math.random)
  /// has run since the generation loaded. ``regenerate()`` is then unnecessary.
  public var isPristine: Bool { balanced("isPristine") { cv_pristine(state) != 0 } }

  /// Compiles a text chunk without running it: a syntax check.
  /// - Throws: ``LuaError`` of kind `.syntax` naming the chunk and line.
  public func compile(source: String, chunkName: String) throws(LuaError) {
    var source = source
    let status = balanced("compile") {
      source.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
          cv_compile(state, chars.baseAddress, chars.count, "@" + chunkName)
        }
      }
    }
    try check(status)
  }

  /// Runs trusted host code (the prelude) in the global environment, then, with
  /// `sealGlobals`, forbids new globals from then on.
  public func runTrusted(source: String, chunkName: String, sealGlobals: Bool) throws(LuaError) {
    let ref = try runChunk(source: source, chunkName: chunkName, strict: false)
    release(ref)
    if sealGlobals {
      balanced("sealGlobals") { cv_seal_globals(state) }
      let message = String(cString: cv_error(state))
      if !message.isEmpty { throw LuaError(kind: .runtime, message: message) }
    }
  }

  private func runChunk(source: String, chunkName: String, strict: Bool) throws(LuaError) -> LuaReference {
    var source = source
    var ref: Int32 = 0
    let status = balanced("load") {
      source.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
          cv_load(state, chars.baseAddress, chars.count, "@" + chunkName, strict ? 1 : 0, &ref)
        }
      }
    }
    try check(status)
    return LuaReference(id: ref)
  }

  /// Reads the value behind a reference into Swift.
  public func value(of reference: LuaReference) -> LuaValue {
    balanced("value(of:)") {
      guard cv_reserve(state, 8) != 0 else { return .other(typeName: "unreadable (out of memory)") }
      let L = cv_lua(state)
      let top = lua_gettop(L)
      push(reference)
      let value = LuaStackReader(L: L).read(at: lua_gettop(L))
      lua_settop(L, top)
      return value
    }
  }

  /// Pushes the value behind a reference (the caller pops it, and has reserved the slot).
  func push(_ reference: LuaReference) {
    cv_push_ref(state, reference.id)
  }

  /// Calls `table[field](arguments...)` where `table` is behind `reference`.
  /// - Returns: the first `results` results of the call.
  /// - Throws: ``LuaError``; `.notAFunction` when the field holds no function.
  public func call(
    _ reference: LuaReference, field: String, arguments: [LuaValue], results: Int = 1
  ) throws(LuaError) -> [LuaValue] {
    self.arguments.reset()
    for argument in arguments { self.arguments.append(argument) }
    return try call(reference, field: field, prepared: self.arguments, results: results)
  }

  /// Calls `table[field]` with arguments built beforehand with ``LuaArguments``.
  public func call(
    _ reference: LuaReference, field: String, prepared: LuaArguments, results: Int = 1
  ) throws(LuaError) -> [LuaValue] {
    try balanced("call \(field)") { () throws(LuaError) in
      try invoke(reference, field: field, prepared: prepared, results: results)
      let L = cv_lua(state)
      let top = lua_gettop(L)
      let reader = LuaStackReader(L: L)
      let values = (0..<results).map { reader.read(at: top - Int32(results) + 1 + Int32($0)) }
      lua_settop(L, top - Int32(results))
      return values
    }
  }

  private func invoke(_ reference: LuaReference, field: String, prepared: LuaArguments, results: Int) throws(LuaError) {
    let status = prepared.ops.withUnsafeBufferPointer { ops in
      prepared.strings.withUnsafeBufferPointer { bytes in
        prepared.numbers.withUnsafeBufferPointer { numbers in
          bytes.withMemoryRebound(to: CChar.self) { chars in
            cv_call(
              state, reference.id, field, ops.baseAddress, ops.count, chars.baseAddress, numbers.baseAddress,
              Int32(prepared.count), Int32(results))
          }
        }
      }
    }
    try check(status)
  }

  /// What ``call(_:field:prepared:readingFields:)`` found in the result.
  public enum FieldsResult: Equatable {
    /// A table holding only the keys asked for, each a number, false or nil.
    case fields
    case `nil`
    /// Anything else (a table with other keys or values, or not a table), copied for messages.
    case irregular(LuaValue)
  }

  /// Calls `table[field]` and reads its (table) result at the keys of `fields` without making
  /// Swift strings: afterwards `fields[i]` is what the result held at key `i`.
  public func call(
    _ reference: LuaReference, field: String, prepared: LuaArguments, readingFields fields: inout LuaFields
  ) throws(LuaError) -> FieldsResult {
    try balanced("call \(field)") { () throws(LuaError) in
      try invoke(reference, field: field, prepared: prepared, results: 1)
      let L = cv_lua(state)
      defer { lua_settop(L, -2) }
      let extra = fields.read(from: state, at: -1)
      if extra == -1 { return .nil }
      if extra == 0, !fields.sawOther { return .fields }
      return .irregular(LuaStackReader(L: L).read(at: lua_gettop(L)))
    }
  }

  /// Stores a value built by `arguments` (its first argument) and returns a reference to it.
  public func makeReference(_ build: (inout LuaArguments) -> Void) throws(LuaError) -> LuaReference {
    var program = LuaArguments()
    build(&program)
    var ref: Int32 = 0
    let status = balanced("makeReference") {
      program.ops.withUnsafeBufferPointer { ops in
        program.strings.withUnsafeBufferPointer { bytes in
          bytes.withMemoryRebound(to: CChar.self) { chars in cv_make_ref(state, ops.baseAddress, ops.count, chars.baseAddress, &ref) }
        }
      }
    }
    try check(status)
    return LuaReference(id: ref)
  }

  /// Makes a field guard for tables handed to plugin code: reading a name in `fields` that the
  /// table lacks gives nil (a documented, optional field); reading any other name is an error
  /// at the plugin's line, "NAME has no field 'x' — did you mean 'y'?", guessing among
  /// `fields`, or pointing at `elsewhere[x]` when the name lives in another table. Without a
  /// guess the message ends with `listing`. Non-string keys stay plain misses.
  /// - Returns: the metatable's reference, for ``LuaArguments/guarded(by:)``.
  public func makeFieldGuard(name: String, fields: [String], elsewhere: [String: String] = [:], listing: String) throws(LuaError) -> LuaReference {
    let table = try makeReference { args in
      args.beginTable(fieldSlots: fields.count + elsewhere.count)
      for (key, place) in elsewhere.sorted(by: { $0.key < $1.key }) where !fields.contains(key) { args.field(key, .string(place)) }
      for field in fields { args.field(field, .boolean(true)) }
      args.endTable()
    }
    defer { release(table) }
    var ref: Int32 = 0
    try check(balanced("makeFieldGuard") { cv_make_guard(state, table.id, name, listing, &ref) })
    return LuaReference(id: ref)
  }

  /// Forgets a reference.
  public func release(_ reference: LuaReference) {
    balanced("release") { _ = cv_unref(state, reference.id) }
  }

  /// Runs one bridge call. In debug builds, checks that it leaves the Lua stack as it found it
  /// (on success and on failure: every value pushed popped), and tells ``stackImbalance``
  /// which call did not; release builds run `body` alone.
  @inline(__always)
  func balanced<T, E: Error>(_ call: @autoclosure () -> String, _ body: () throws(E) -> T) throws(E) -> T {
    #if DEBUG
      let L = cv_lua(state)
      let before = lua_gettop(L)
      defer {
        let after = lua_gettop(L)
        if after != before {
          stackImbalance("Lua bridge call '\(call())' left the stack at \(after) values, not \(before)")
        }
      }
    #endif
    return try body()
  }

  /// Takes the lines written by `print` and `cultivar.log` since the last call.
  /// Output beyond 1 MiB per call is cut, and a last line says how many messages were cut.
  public func drainLog() -> [String] {
    var length = 0
    let base = cv_log(state, &length)
    let dropped = cv_log_dropped(state)
    guard length > 0 || dropped > 0 else { return [] }
    let text =
      base.map { base in
        base.withMemoryRebound(to: UInt8.self, capacity: length) {
          String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
      } ?? ""
    cv_clear_log(state)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    if dropped > 0 {
      lines.append(
        "[log cut: \(dropped) message\(dropped == 1 ? " was" : "s were") cut or left out; a plugin may write at most \(Self.logLimitText) of log per call]"
      )
    }
    return lines
  }

  /// The log limit per call, as shown in messages.
  public static let logLimitText = "1 MiB"

  private func check(_ status: Int32) throws(LuaError) {
    guard status != CV_OK else { return }
    let message = String(cString: cv_error(state))
    let traceback = String(cString: cv_traceback(state))
    switch status {
    case CV_ERRSYNTAX: throw LuaError(kind: .syntax, message: message)
    case CV_ERRMEM:
      throw LuaError(
        kind: .memoryLimit,
        message: "memory limit exceeded (the plugin needed more than \(limits.memoryBytes >> 20) MiB)")
    case CV_ERRTIMEOUT: throw LuaError(kind: .timeLimit, message: message, traceback: traceback)
    case CV_ERRERR: throw LuaError(kind: .errorHandler, message: message, traceback: traceback)
    case CV_ERRNOTFUNCTION: throw LuaError(kind: .notAFunction, message: message)
    default: throw LuaError(kind: .runtime, message: message, traceback: traceback)
    }
  }
}
