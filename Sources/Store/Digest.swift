import Crypto
import Foundation

/// Hashes and random tokens. The store keeps hashes only: of invitation tokens (so a copy of
/// the store cannot be used to answer as a team) and of source response keys (so tool ids and
/// row contents are not kept).
public enum Digest {
  /// SHA-256 of the UTF-8 text, as 64 lowercase hex digits.
  public static func sha256(_ text: String) -> String {
    hex(SHA256.hash(data: Data(text.utf8)))
  }

  /// A new unguessable token: 32 random bytes from the system's secure generator, base64url
  /// without padding (43 characters).
  public static func newToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// Whether `text` has the shape of a token made by ``newToken()`` (checked before any lookup).
  public static func looksLikeToken(_ text: String) -> Bool {
    text.utf8.count == 43
      && text.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
      }
  }

  private static let digits = Array("0123456789abcdef".utf8)

  private static func hex(_ digest: some Sequence<UInt8>) -> String {
    var out: [UInt8] = []
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
