import LuaShim

/// Arguments for a Lua call, written as a small stack program that the C shim replays inside
/// the protected call (so that a memory error while building them cannot escape).
///
/// Build it once and ``reset()`` it between calls to avoid allocating on hot paths.
public struct LuaArguments {
  var ops: [cv_op] = []
  var strings: [UInt8] = []
  var numbers: [Double] = []
  /// The number of top-level arguments.
  public private(set) var count = 0
  private var depth = 0

  public init() {}

  /// Empties the program, keeping its storage.
  public mutating func reset() {
    ops.removeAll(keepingCapacity: true)
    strings.removeAll(keepingCapacity: true)
    numbers.removeAll(keepingCapacity: true)
    count = 0
    depth = 0
  }

  /// Appends one value as the next argument.
  public mutating func append(_ value: LuaValue) {
    push(value)
    if depth == 0 { count += 1 }
  }

  /// Pushes the value behind a reference as the next argument (or as a table value, after
  /// ``fieldKey(_:)``).
  public mutating func reference(_ value: LuaReference) {
    ops.append(Self.makeOp(CV_OP_REF, a: value.id, b: 0, num: 0, off: 0, len: 0))
    if depth == 0 { count += 1 }
  }

  /// Sets `key` = the value behind `value` in the table being built (or on the stack).
  public mutating func field(_ key: String, reference value: LuaReference) {
    pushString(key)
    ops.append(Self.makeOp(CV_OP_REF, a: value.id, b: 0, num: 0, off: 0, len: 0))
    ops.append(op(CV_OP_SET))
  }

  /// Writes `values` into the table behind `table`, under the keys listed (a Lua sequence of
  /// strings) behind `keys`; NaN writes nil. Adds no argument.
  public mutating func fill(_ table: LuaReference, keys: LuaReference, values: [Double]) {
    let offset = numbers.count
    numbers.append(contentsOf: values)
    ops.append(Self.makeOp(CV_OP_FILL, a: table.id, b: keys.id, num: 0, off: offset, len: values.count))
  }

  /// Like ``fill(_:keys:values:)``, but only if field `name` of the table on top (the last
  /// argument pushed) is read during the call: the field is removed now and filled on first
  /// access, so a hook pays only for what it reads.
  public mutating func lazyFill(_ name: String, of table: LuaReference, keys: LuaReference, values: [Double]) {
    let offset = numbers.count
    numbers.append(contentsOf: values)
    var name = name
    let nameOffset = strings.count
    name.withUTF8 { strings.append(contentsOf: $0) }
    ops.append(
      Self.makeOp(CV_OP_LAZY, a: table.id, b: keys.id, num: 0, off: offset, len: values.count, name: (nameOffset, strings.count - nameOffset)))
  }

  /// Sets field `name` of the table on top to `text`, but makes the Lua string only if the
  /// field is read during the call (a respondent's id, which most hooks never read).
  public mutating func lazyField(_ name: String, text: String) {
    var text = text
    text.withUTF8 { lazyField(name, text: $0) }
  }

  /// ``lazyField(_:text:)`` with the text given as UTF-8 bytes.
  public mutating func lazyField(_ name: String, text: UnsafeBufferPointer<UInt8>) {
    let offset = strings.count
    strings.append(contentsOf: text)
    let length = strings.count - offset
    var name = name
    let nameOffset = strings.count
    name.withUTF8 { strings.append(contentsOf: $0) }
    ops.append(
      Self.makeOp(CV_OP_LAZY_TEXT, a: 0, b: 0, num: 0, off: offset, len: length, name: (nameOffset, strings.count - nameOffset)))
  }

  /// Gives the table being built (or last pushed) the metatable behind `guard` (see
  /// ``LuaSandbox/makeFieldGuard(name:fields:elsewhere:listing:)``).
  public mutating func guarded(by guard: LuaReference) {
    ops.append(Self.makeOp(CV_OP_META, a: `guard`.id, b: 0, num: 0, off: 0, len: 0))
  }

  /// Starts a table argument (or a nested table value); close it with ``endTable()``.
  public mutating func beginTable(arraySlots: Int = 0, fieldSlots: Int = 0) {
    ops.append(
      Self.makeOp(
        CV_OP_TABLE, a: Int32(clamping: arraySlots),
        b: Int32(clamping: fieldSlots), num: 0, off: 0, len: 0))
    depth += 1
  }

  /// Sets `key = value` in the table being built.
  public mutating func field(_ key: String, _ value: LuaValue) {
    pushString(key)
    push(value)
    ops.append(op(CV_OP_SET))
  }

  /// Sets `key = number` in the table being built (no intermediate ``LuaValue``).
  public mutating func field(_ key: String, number: Double) {
    pushString(key)
    ops.append(Self.makeOp(CV_OP_NUMBER, a: 0, b: 0, num: number, off: 0, len: 0))
    ops.append(op(CV_OP_SET))
  }

  /// Sets `t[index] = value` in the table being built.
  public mutating func element(_ index: Int, _ value: LuaValue) {
    push(.number(Double(index)))
    push(value)
    ops.append(op(CV_OP_SET))
  }

  /// Starts a nested table stored at `key` of the table being built.
  public mutating func beginField(_ key: String, arraySlots: Int = 0, fieldSlots: Int = 0) {
    pushString(key)
    beginTable(arraySlots: arraySlots, fieldSlots: fieldSlots)
  }

  /// Closes the innermost table. A nested table is stored in its parent; a top-level table
  /// becomes the next argument.
  public mutating func endTable() {
    depth -= 1
    if depth > 0 { ops.append(op(CV_OP_SET)) } else { count += 1 }
  }

  private mutating func push(_ value: LuaValue) {
    switch value {
    case .nil, .function, .other: ops.append(op(CV_OP_NIL))
    case .boolean(let b): ops.append(Self.makeOp(CV_OP_BOOL, a: b ? 1 : 0, b: 0, num: 0, off: 0, len: 0))
    case .number(let n): ops.append(Self.makeOp(CV_OP_NUMBER, a: 0, b: 0, num: n, off: 0, len: 0))
    case .string(let s): pushString(s)
    case .table(let t):
      ops.append(
        Self.makeOp(
          CV_OP_TABLE, a: Int32(clamping: t.sequence.count),
          b: Int32(clamping: t.fields.count), num: 0, off: 0, len: 0))
      for (i, v) in t.sequence.enumerated() {
        push(.number(Double(i + 1)))
        push(v)
        ops.append(op(CV_OP_SET))
      }
      for key in t.fieldNames {
        pushString(key)
        push(t.fields[key]!)
        ops.append(op(CV_OP_SET))
      }
    }
  }

  private mutating func pushString(_ s: String) {
    var s = s
    let offset = strings.count
    s.withUTF8 { strings.append(contentsOf: $0) }
    ops.append(
      Self.makeOp(
        CV_OP_STRING, a: 0, b: 0, num: 0, off: offset,
        len: strings.count - offset))
  }

  private func op(_ kind: cv_op_kind) -> cv_op {
    Self.makeOp(kind, a: 0, b: 0, num: 0, off: 0, len: 0)
  }

  private static func makeOp(_ kind: cv_op_kind, a: Int32, b: Int32, num: Double, off: Int, len: Int, name: (Int, Int) = (0, 0)) -> cv_op {
    cv_op(kind: Int32(kind.rawValue), a: a, b: b, num: num, off: off, len: len, name_off: name.0, name_len: name.1)
  }
}
