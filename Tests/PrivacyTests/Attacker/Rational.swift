/// An exact fraction of machine integers (the attacker's arithmetic). Overflow traps, so a
/// result is either exact or the test stops: it never rounds silently.
struct Rational: Equatable, CustomStringConvertible {
  private(set) var numerator: Int
  private(set) var denominator: Int

  static let zero = Rational(0)
  static let one = Rational(1)

  init(_ n: Int, _ d: Int = 1) {
    precondition(d != 0, "zero denominator")
    let g = Self.gcd(abs(n), abs(d))
    let sign = d < 0 ? -1 : 1
    numerator = g == 0 ? 0 : sign * n / g
    denominator = g == 0 ? 1 : sign * d / g
  }

  var isZero: Bool { numerator == 0 }
  var doubleValue: Double { Double(numerator) / Double(denominator) }
  var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

  static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

  static func + (a: Rational, b: Rational) -> Rational {
    Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
  }
  static func - (a: Rational, b: Rational) -> Rational { a + Rational(-b.numerator, b.denominator) }
  static func * (a: Rational, b: Rational) -> Rational {
    Rational(a.numerator * b.numerator, a.denominator * b.denominator)
  }
  static func / (a: Rational, b: Rational) -> Rational {
    Rational(a.numerator * b.denominator, a.denominator * b.numerator)
  }
}
