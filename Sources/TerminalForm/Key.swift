/// A key press, as far as the answering screen cares.
public enum Key: Equatable, Sendable {
  case character(Character)
  case up, down, left, right
  case enter
  case backspace
  case escape
  /// Ctrl-C: leave at once, nothing stored.
  case interrupt
  /// The input ended (Ctrl-D or a closed terminal).
  case end
}

/// Turns the bytes a terminal sends into ``Key``s: arrow keys arrive as `ESC [ A`..`ESC [ D`
/// (or `ESC O A`.. in application mode), Enter as CR or LF, Backspace as DEL or BS.
public struct KeyDecoder {
  private var pending: [UInt8] = []

  public init() {}

  /// Feeds one byte; returns a key once the bytes so far make one.
  public mutating func feed(_ byte: UInt8) -> Key? {
    pending.append(byte)
    switch pending.count {
    case 1:
      switch byte {
      case 0x1B: return nil
      case 0x03: return finish(.interrupt)
      case 0x04: return finish(.end)
      case 0x0D, 0x0A: return finish(.enter)
      case 0x7F, 0x08: return finish(.backspace)
      default:
        // Multi-byte UTF-8 characters are not needed here; anything else is ignored.
        return finish(byte < 0x80 ? .character(Character(Unicode.Scalar(byte))) : nil)
      }
    case 2:
      return byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") ? nil : finish(.escape)
    default:
      switch byte {
      case UInt8(ascii: "A"): return finish(.up)
      case UInt8(ascii: "B"): return finish(.down)
      case UInt8(ascii: "C"): return finish(.right)
      case UInt8(ascii: "D"): return finish(.left)
      case 0x30...0x3F: return pending.count > 8 ? finish(nil) : nil  // parameters, e.g. ESC [ 1 ; 5 C
      default: return finish(nil)
      }
    }
  }

  /// A lone ESC with nothing after it.
  public mutating func flush() -> Key? {
    defer { pending.removeAll() }
    return pending == [0x1B] ? .escape : nil
  }

  private mutating func finish(_ key: Key?) -> Key? {
    pending.removeAll()
    return key
  }
}
