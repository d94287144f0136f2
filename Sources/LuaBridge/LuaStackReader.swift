import CLua
import LuaShim

/// Copies values off the Lua stack using only API functions that never raise (no allocation,
/// no metamethods), so it is safe to run from Swift outside a protected call.
struct LuaStackReader {
  let L: OpaquePointer?
  /// Tables nested deeper than this are not copied.
  static let maximumDepth = 32

  func read(at index: Int32) -> LuaValue {
    var visiting: Set<UnsafeRawPointer> = []
    return read(at: index, depth: 0, visiting: &visiting)
  }

  private func read(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) -> LuaValue {
    switch lua_type(L, index) {
    case LUA_TNIL, LUA_TNONE: return .nil
    case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
    case LUA_TNUMBER: return .number(lua_tonumberx(L, index, nil))
    case LUA_TSTRING: return .string(readString(at: index))
    case LUA_TFUNCTION: return .function
    case LUA_TTABLE: return readTable(at: index, depth: depth, visiting: &visiting)
    case let type: return .other(typeName: String(cString: lua_typename(L, type)))
    }
  }

  private func readString(at index: Int32) -> String {
    var length = 0
    guard let chars = lua_tolstring(L, index, &length) else { return "" }
    return chars.withMemoryRebound(to: UInt8.self, capacity: length) {
      String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
  }

  private func readTable(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) -> LuaValue {
    guard let identity = lua_topointer(L, index) else { return .other(typeName: "table") }
    guard depth < Self.maximumDepth, lua_checkstack(L, 3) != 0, !visiting.contains(identity) else {
      return .other(typeName: "table (nested too deeply or cyclic)")
    }
    visiting.insert(identity)
    defer { visiting.remove(identity) }
    let table = lua_absindex(L, index)
    var numbered: [Int: LuaValue] = [:]
    var fields: [String: LuaValue] = [:]
    var others: [LuaValue] = []
    lua_pushnil(L)
    while lua_next(L, table) != 0 {
      let value = read(at: -1, depth: depth + 1, visiting: &visiting)
      switch lua_type(L, -2) {
      case LUA_TSTRING: fields[readString(at: -2)] = value
      case LUA_TNUMBER:
        let key = lua_tonumberx(L, -2, nil)
        if key >= 1, key <= 1e15, key == key.rounded() { numbered[Int(key)] = value } else { others.append(.number(key)) }
      default: others.append(read(at: -2, depth: depth + 1, visiting: &visiting))
      }
      lua_settop(L, -2)
    }
    var sequence: [LuaValue] = []
    while let next = numbered.removeValue(forKey: sequence.count + 1) { sequence.append(next) }
    others.append(contentsOf: numbered.keys.sorted().map { LuaValue.number(Double($0)) })
    return .table(LuaTable(sequence: sequence, fields: fields, otherKeys: others))
  }
}
