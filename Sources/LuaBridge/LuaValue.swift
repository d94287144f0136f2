/// A Lua value copied out of a Lua state into plain Swift data.
///
/// Functions are not copied: they appear as `.function` so a caller can tell that a hook exists
/// and then call it by name through ``LuaSandbox/call(_:field:arguments:results:)``.
public enum LuaValue: Equatable, Sendable {
  case `nil`
  case boolean(Bool)
  case number(Double)
  case string(String)
  case table(LuaTable)
  case function
  /// Userdata, threads and anything else a plugin cannot meaningfully hand to the host.
  case other(typeName: String)

  /// The Lua type name, as `type()` would print it.
  public var typeName: String {
    switch self {
    case .nil: return "nil"
    case .boolean: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .table: return "table"
    case .function: return "function"
    case .other(let name): return name
    }
  }

  public var string: String? { if case .string(let s) = self { return s } else { return nil } }
  public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
  public var boolean: Bool? { if case .boolean(let b) = self { return b } else { return nil } }
  public var table: LuaTable? { if case .table(let t) = self { return t } else { return nil } }
  public var isNil: Bool { self == .nil }
}

/// The entries of a Lua table, in a stable order: the sequence part first, then other keys
/// sorted by their text.
public struct LuaTable: Equatable, Sendable {
  /// Values at keys 1...n with no gap (Lua's sequence).
  public var sequence: [LuaValue]
  /// Entries with string keys.
  public var fields: [String: LuaValue]
  /// Entries whose keys are neither part of the sequence nor strings.
  public var otherKeys: [LuaValue]

  public init(sequence: [LuaValue] = [], fields: [String: LuaValue] = [:], otherKeys: [LuaValue] = []) {
    self.sequence = sequence
    self.fields = fields
    self.otherKeys = otherKeys
  }

  /// The value at a string key, or `.nil`.
  public subscript(key: String) -> LuaValue { fields[key] ?? .nil }

  /// The string keys, sorted.
  public var fieldNames: [String] { fields.keys.sorted() }

  /// True when the table has neither sequence entries nor other keys.
  public var isEmpty: Bool { sequence.isEmpty && fields.isEmpty && otherKeys.isEmpty }
}
