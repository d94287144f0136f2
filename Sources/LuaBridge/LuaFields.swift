import LuaShim

/// What a result table held at one key, as read by
/// ``LuaSandbox/call(_:field:prepared:readingFields:)``.
public enum FieldKind: Equatable, Sendable {
  /// nil: the key is not there.
  case absent
  /// A number.
  case number(Double)
  /// `false`: "no value" for this key.
  case `false`
  /// Anything else (true, a string, a table, a function).
  case other

  /// The kind the C shim reported (`cv_field_kind`), with its number.
  init(code: UInt8, value: Double) {
    switch UInt32(code) {
    case CV_FIELD_ABSENT.rawValue: self = .absent
    case CV_FIELD_NUMBER.rawValue: self = .number(value)
    case CV_FIELD_FALSE.rawValue: self = .false
    default: self = .other
    }
  }
}

/// A result table read by a fixed list of string keys without making Swift strings: the keys
/// live in the Lua state (a sequence behind ``keys``), and what a call's result holds at each
/// of them is read in C into buffers kept from one call to the next.
public struct LuaFields {
  /// The Lua sequence of the keys read.
  public let keys: LuaReference
  /// How many keys there are.
  public let count: Int
  var values: [Double]
  var codes: [UInt8]
  /// The C reader's cache for this key list: the keys' bytes (in the Lua state, which the
  /// list keeps alive) and lengths, and where each entry's key was found last time.
  private var names: [UnsafePointer<CChar>?]
  private var lengths: [Int]
  private var order: [Int32]

  /// - Parameters:
  ///   - keys: a Lua sequence of `count` strings (made with ``LuaSandbox/makeReference(_:)``),
  ///     kept and unchanged for as long as results are read with it (the reader keeps pointers
  ///     to its strings).
  ///   - count: its length.
  public init(keys: LuaReference, count: Int) {
    self.keys = keys
    self.count = count
    values = Array(repeating: .nan, count: count)
    codes = Array(repeating: 0, count: count)
    names = Array(repeating: nil, count: count)
    lengths = Array(repeating: 0, count: count)
    order = Array(repeating: -1, count: count)
  }

  /// What the last result held at key `i` (0-based position in the key list).
  public subscript(i: Int) -> FieldKind { FieldKind(code: codes[i], value: values[i]) }

  /// Reads the value at stack index `index` into the buffers; the stack is left as it was.
  /// - Returns: how many of the table's entries have keys not in the list, -1 for nil, -2 for
  ///   neither nil nor a table.
  mutating func read(from state: OpaquePointer, at index: Int32) -> Int32 {
    let (keys, count) = (keys.id, Int32(count))
    return values.withUnsafeMutableBufferPointer { values in
      codes.withUnsafeMutableBufferPointer { codes in
        names.withUnsafeMutableBufferPointer { names in
          lengths.withUnsafeMutableBufferPointer { lengths in
            order.withUnsafeMutableBufferPointer { order in
              cv_read_fields(
                state, index, keys, count, values.baseAddress, codes.baseAddress, names.baseAddress, lengths.baseAddress,
                order.baseAddress)
            }
          }
        }
      }
    }
  }

  /// Whether the last read found something other than a number, `false` or nil at a key.
  var sawOther: Bool { codes.contains(UInt8(CV_FIELD_OTHER.rawValue)) }
}
