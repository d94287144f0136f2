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

/// Turns the bytes a terminal sends into ``Key``s. Escape sequences are read to their end,
/// however long, so no byte of one is ever taken as a key: CSI (`ESC [` parameters,
/// intermediates, a final byte; arrows are `ESC [ A`..`D`, also with parameters such as
/// `ESC [ 1 ; 5 C`), SS3 (`ESC O` and one byte), and strings (`ESC ]`, `ESC P`, `ESC X`,
/// `ESC ^`, `ESC _`, ended by BEL or `ESC \`). Ctrl-C and Ctrl-D work even inside a sequence.
/// Enter is CR or LF, Backspace DEL or BS.
public struct KeyDecoder {
  private enum State: Equatable {
    case ground
    /// After ESC.
    case escape
    /// Inside `ESC [` ...
    case csi
    /// After `ESC O`: one more byte.
    case ss3
    /// Inside a control string (OSC, DCS, SOS, PM, APC).
    case string
    /// ESC seen inside a control string (`ESC \` ends it).
    case stringEscape
  }

  private var state = State.ground
  /// The bytes of a UTF-8 character read so far, and how many more it needs (typed comments).
  private var pending: [UInt8] = []
  private var needed = 0

  public init() {}

  /// Whether bytes of an unfinished escape sequence are pending.
  public var isInSequence: Bool { state != .ground }

  /// Feeds one byte; returns a key once the bytes so far make one.
  public mutating func feed(_ byte: UInt8) -> Key? {
    // Ctrl-C and Ctrl-D always act, even in the middle of a sequence.
    if byte == 0x03 || byte == 0x04 {
      state = .ground
      return byte == 0x03 ? .interrupt : .end
    }
    if needed > 0 {
      if (0x80...0xBF).contains(byte) {
        pending.append(byte)
        needed -= 1
        guard needed == 0 else { return nil }
        defer { pending = [] }
        return String(validating: pending, as: UTF8.self).flatMap(\.first).map(Key.character)
      }
      // A cut-off character is dropped; the byte starts anew.
      needed = 0
      pending = []
    }
    switch state {
    case .ground: return ground(byte)
    case .escape:
      switch byte {
      case UInt8(ascii: "["):
        state = .csi
      case UInt8(ascii: "O"): state = .ss3
      case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"): state = .string
      case 0x1B: return .escape  // ESC ESC: the first was a lone Escape; the second starts anew
      case 0x20...0x2F: break  // intermediates of an ESC sequence (e.g. ESC ( B): wait for its final byte
      default:
        // A two-byte sequence (e.g. Alt+key): ignored as a whole.
        state = .ground
      }
      return nil
    case .ss3:
      state = .ground
      return arrow(byte)
    case .csi:
      switch byte {
      case 0x20...0x3F:
        return nil
      case 0x40...0x7E:
        state = .ground
        return arrow(byte)
      case 0x1B:
        state = .escape
        return nil
      case 0x18, 0x1A:
        state = .ground  // CAN and SUB cancel a sequence
        return nil
      default:
        return nil  // other controls and bytes above 0x7E inside a sequence are ignored
      }
    case .string:
      if byte == 0x07 { state = .ground } else if byte == 0x1B { state = .stringEscape }
      return nil
    case .stringEscape:
      state = byte == UInt8(ascii: "\\") ? .ground : .string
      return nil
    }
  }

  private mutating func ground(_ byte: UInt8) -> Key? {
    switch byte {
    case 0x1B:
      state = .escape
      return nil
    case 0x0D, 0x0A: return .enter
    case 0x7F, 0x08: return .backspace
    case 0x20...0x7E: return .character(Character(Unicode.Scalar(byte)))
    case 0xC2...0xF4:
      // The first byte of a character beyond ASCII (typed into a comment).
      pending = [byte]
      needed = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : 1
      return nil
    default: return nil  // other controls and stray continuation bytes are not keys
    }
  }

  private func arrow(_ byte: UInt8) -> Key? {
    switch byte {
    case UInt8(ascii: "A"): return .up
    case UInt8(ascii: "B"): return .down
    case UInt8(ascii: "C"): return .right
    case UInt8(ascii: "D"): return .left
    default: return nil
    }
  }

  /// Called when no byte came for a moment: a lone ESC is the Escape key. A sequence cut off
  /// mid-way is dropped only after `abandon` (a longer silence), never read as keys.
  /// - Parameter abandon: whether the silence was long enough to give up on a sequence.
  public mutating func flush(abandon: Bool = false) -> Key? {
    if state == .escape {
      state = .ground
      return .escape
    }
    if abandon { state = .ground }
    return nil
  }
}
