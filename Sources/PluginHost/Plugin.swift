import Foundation
import LuaBridge
import Scoring
import SurveyModel

/// A loaded, validated framework plugin: its own sandboxed Lua state, its framework and its
/// hooks. A plugin belongs to one thread at a time.
public final class Plugin {
  public let framework: Framework
  /// The file as shown in messages.
  public let file: String
  /// The file's path on disk ("" for a plugin loaded from text).
  public private(set) var path = ""
  private let sandbox: LuaSandbox
  private var table: LuaReference
  private let source: String
  /// The plugin's source text (for pointing at lines in messages).
  var sourceText: String { source }
  private let limits: LuaLimits
  private var arguments = LuaArguments()
  private var record: RespondentRecord?
  /// The overrides a `score` hook returned, reused from one respondent to the next (the
  /// caller drops its copy before the next call, so no row allocates an array).
  var overrideBuffer: [(dimension: Int, score: Double?)] = []
  private var madeRespondentGuards: RespondentGuards?
  private var madeTeamGuards: TeamGuards?
  /// Where `print` and `cultivar.log` lines go (default: ``standardLog``).
  public var logSink: (String) -> Void = Plugin.standardLog
  /// Writes a log line to stderr as `log: LINE`.
  public static let standardLog: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(("log: " + $0 + "\n").utf8)) }
  /// When set, what hooks write to the log is counted in ``withheldLogLines`` instead of
  /// shown: hooks see individual answers, and nothing of them may leave a scoring run except
  /// through the anonymity rules. Lines written while the file loads are still shown.
  public var withholdsHookLog = false
  /// The language a run shows (`--lang`): a `band` hook's label or advice given as a table of
  /// languages is read in it (nil: the plugin's default language).
  public var language: String?
  /// Log lines written by hooks and not shown (see ``withholdsHookLog``).
  public private(set) var withheldLogLines = 0

  /// Loads a plugin from source text.
  /// - Parameters:
  ///   - source: the Lua text.
  ///   - file: the path shown in messages and used as the chunk name.
  ///   - limits: memory and time limits of its Lua state.
  ///   - logSink: where the lines the file logs while it loads go (default: ``logSink``'s).
  /// - Throws: ``PluginError`` (syntax, runtime, limits or contract problems).
  public init(source: String, file: String, limits: LuaLimits = .standard, logSink: ((String) -> Void)? = nil) throws(PluginError) {
    if let logSink { self.logSink = logSink }
    self.file = file
    self.source = source
    self.limits = limits
    var created: LuaSandbox?
    do {
      let made = try LuaSandbox(limits: limits)
      created = made
      try made.runTrusted(source: HostAPI.prelude, chunkName: "cultivar/prelude.lua", sealGlobals: true)
      table = try made.load(source: source, chunkName: file)
      sandbox = made
    } catch {
      // What the file logged before it failed helps to find why.
      for line in created?.drainLog() ?? [] { self.logSink(line) }
      var failure = PluginError(lua: error, file: file, pluginID: nil, hook: nil, source: source)
      failure.statedIDs = PluginError.statedIDs(in: source)
      throw failure
    }
    var reader = ContractReader(file: file, source: source)
    let value = sandbox.value(of: table)
    guard let framework = reader.read(value) else {
      var failure = PluginError(kind: .contract, file: file, pluginID: value.table?["id"].string, problems: reader.problems)
      failure.statedIDs = PluginError.statedIDs(in: source)
      throw failure
    }
    self.framework = framework
    forwardLog()
  }

  /// Loads a plugin file.
  public convenience init(
    path: String, displayPath: String? = nil, limits: LuaLimits = .standard, logSink: ((String) -> Void)? = nil
  ) throws(PluginError) {
    let shown = displayPath ?? path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PluginError(kind: .unreadable, file: shown, problems: ["cannot read the plugin file"])
    }
    // Never rewrite what the author wrote: a file that is not UTF-8 is refused, at its line.
    guard let source = String(validating: data, as: UTF8.self) else {
      let bad = UTF8Validation.firstInvalidByte(in: data) ?? 0
      let line = data.prefix(bad).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
      throw PluginError(
        kind: .syntax, file: shown,
        problems: ["\(shown):\(line): the file is not valid UTF-8 (byte \(bad + 1) cannot be read as text); save it as UTF-8"])
    }
    try self.init(source: source, file: shown, limits: limits, logSink: logSink)
    self.path = path
  }

  /// A second, independent instance of the same plugin (same source, own Lua state), for
  /// another thread.
  public func copy() throws(PluginError) -> Plugin {
    let twin = try Plugin(source: source, file: file, limits: limits)
    twin.path = path
    twin.logSink = logSink
    twin.withholdsHookLog = withholdsHookLog
    twin.language = language
    return twin
  }

  func forwardLog(fromHook: Bool = false) {
    let lines = sandbox.drainLog()
    if fromHook, withholdsHookLog {
      withheldLogLines += lines.count
      return
    }
    for line in lines { logSink(line) }
  }

  /// Starts a new group (a team): the plugin's file runs again in a fresh generation (see
  /// ``LuaSandbox/regenerate()``), so no state a hook kept, in locals of the file, tables or
  /// library fields, reaches the hooks of another group. Hooks that provably keep nothing
  /// (``LuaSandbox/isPristine``) are left as they are: a fresh generation would be the same.
  public func beginGroup() throws(PluginError) {
    if sandbox.isPristine { return }
    sandbox.release(table)
    do {
      table = try sandbox.regenerate()
      try record?.renew(in: sandbox)
    } catch {
      throw PluginError(lua: error, file: file, pluginID: framework.id, hook: nil, source: source)
    }
    _ = sandbox.drainLog()  // the file's own log lines were shown when it first loaded
  }

  /// Calls one hook, turning Lua failures into a ``PluginError`` naming the hook.
  func callHook(_ hook: String) throws(PluginError) -> LuaValue {
    defer { forwardLog(fromHook: true) }
    do {
      return try sandbox.call(table, field: hook, prepared: arguments, results: 1)[0]
    } catch {
      throw PluginError(lua: error, file: file, pluginID: framework.id, hook: hook, source: source)
    }
  }

  /// Calls a hook whose result is a table of numbers keyed like `fields`' keys, reading them
  /// into `fields`.
  func callHookReadingFields(_ hook: String, into fields: inout LuaFields) throws(PluginError) -> LuaSandbox.FieldsResult {
    defer { forwardLog(fromHook: true) }
    do {
      return try sandbox.call(table, field: hook, prepared: arguments, readingFields: &fields)
    } catch {
      throw PluginError(lua: error, file: file, pluginID: framework.id, hook: hook, source: source)
    }
  }

  /// The field guards of the `score` hook's argument tables, made on first use.
  func respondentGuards() throws(PluginError) -> RespondentGuards {
    if let madeRespondentGuards { return madeRespondentGuards }
    do {
      let made = try RespondentGuards(sandbox: sandbox, framework: framework)
      madeRespondentGuards = made
      return made
    } catch {
      throw PluginError(lua: error, file: file, pluginID: framework.id, hook: "score", source: source)
    }
  }

  /// The field guards of the `team` table of `hook` (`index` or `band`), made on first use.
  func teamGuards(for hook: String) throws(PluginError) -> TeamGuards {
    if let madeTeamGuards { return madeTeamGuards }
    do {
      let made = try TeamGuards(sandbox: sandbox, framework: framework)
      madeTeamGuards = made
      return made
    } catch {
      throw PluginError(lua: error, file: file, pluginID: framework.id, hook: hook, source: source)
    }
  }

  /// The reusable tables of the `score` hook, made on first use.
  /// - Parameter items: the items in use (all of the framework's, or the survey's subset).
  func respondentRecord(items: [Item]) throws(PluginError) -> RespondentRecord {
    if let record { return record }
    let guards = try respondentGuards()
    do {
      // The hook's result is read by dimension id, then by measure id.
      let made = try RespondentRecord(
        sandbox: sandbox, items: items.map(\.id), dimensions: framework.dimensions.map(\.id) + framework.measures.map(\.id),
        counted: framework.countedItems, guards: guards)
      record = made
      return made
    } catch {
      throw PluginError(lua: error, file: file, pluginID: framework.id, hook: "score", source: source)
    }
  }

  /// Builds the arguments of the next hook call.
  func prepareArguments(_ build: (inout LuaArguments) -> Void) {
    arguments.reset()
    build(&arguments)
  }

  /// The lazily passed fields the last hook call read (``LuaSandbox/lazyFieldsRead``).
  var lazyFieldsRead: UInt32 { sandbox.lazyFieldsRead }

  /// Memory held by the plugin's Lua state.
  public var memoryUsed: Int { sandbox.memoryUsed }
}

extension PluginError {
  init(lua error: LuaError, file: String, pluginID: String?, hook: String?, source: String) {
    let kind: Kind
    switch error.kind {
    case .syntax: kind = .syntax
    case .memoryLimit: kind = .memoryLimit
    case .timeLimit: kind = .timeLimit
    case .runtime, .errorHandler, .notAFunction: kind = .runtime
    }
    self.init(kind: kind, file: file, pluginID: pluginID, hook: hook, problems: [error.message], traceback: error.traceback)
    hint = LuaHints.hint(for: error.message, source: source)
  }
}
