import Foundation

/// A colour-blind-safe diverging palette (ColorBrewer's PuOr, 7 classes): orange for below the
/// baseline, purple for above, near-white for no difference. Orange and purple stay distinct
/// under protanopia, deuteranopia and tritanopia, unlike red and green.
enum DivergingPalette {
  /// From strongly below (orange) to strongly above (purple).
  static let stops: [(r: Double, g: Double, b: Double)] = [
    (0xb3, 0x58, 0x06), (0xf1, 0xa3, 0x40), (0xfe, 0xe0, 0xb6), (0xf7, 0xf7, 0xf7), (0xd8, 0xda, 0xeb), (0x99, 0x8e, 0xc3), (0x54, 0x27, 0x88),
  ]

  /// The colour of a value in [−1, 1] (clamped), interpolated between the stops.
  static func color(_ value: Double) -> String {
    let (r, g, b) = rgb(value)
    return hex(r, g, b)
  }

  /// Whether white text has more contrast on this value's colour than black text. Choosing the
  /// better of the two gives at least 4.58:1 on any colour (WCAG AA asks for 4.5:1).
  static func needsLightText(_ value: Double) -> Bool {
    let (r, g, b) = rgb(value)
    let background = luminance(r, g, b)
    let white = 1.05 / (background + 0.05)
    let dark = (background + 0.05) / 0.05
    return white > dark
  }

  private static func rgb(_ value: Double) -> (Int, Int, Int) {
    let clamped = max(-1, min(1, value.isFinite ? value : 0))
    let position = (clamped + 1) / 2 * Double(stops.count - 1)
    let low = min(Int(position), stops.count - 2)
    let fraction = position - Double(low)
    let a = stops[low]
    let b = stops[low + 1]
    func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * fraction).rounded()) }
    return (channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b))
  }

  /// WCAG 2 relative luminance of an sRGB colour.
  private static func luminance(_ r: Int, _ g: Int, _ b: Int) -> Double {
    func linear(_ c: Int) -> Double {
      let x = Double(c) / 255
      return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
  }

  private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789abcdef")
    return "#" + [r, g, b].map { String([digits[$0 / 16], digits[$0 % 16]]) }.joined()
  }
}
