import SurveyModel

/// The state of answering a survey in the terminal: which item is shown, the answers so far,
/// and whether the respondent has confirmed or left. Pure: keys in, state out.
public struct AnswerSheet: Sendable {
  public enum Phase: Equatable, Sendable {
    /// Answering item `position`.
    case answering
    /// All items passed: the summary, waiting for confirmation.
    case review
    /// Asked whether to leave without storing.
    case confirmingQuit
    /// Confirmed: store the answers.
    case confirmed
    /// Left: store nothing.
    case cancelled
  }

  public let items: [FormItem]
  public private(set) var answers: [Double?]
  /// The comment typed for each comment item (empty: none).
  public private(set) var comments: [String]
  public private(set) var position = 0
  /// The highlighted choice of the current item.
  public private(set) var highlight = 0
  public private(set) var phase = Phase.answering
  private var phaseBeforeQuit = Phase.answering

  public init(items: [FormItem]) {
    self.items = items
    answers = Array(repeating: nil, count: items.count)
    comments = Array(repeating: "", count: items.count)
    if items.isEmpty { phase = .review }
    highlight = middle
  }

  /// Whether choices can be picked by their number (scales of up to nine points).
  public var digitsPick: Bool { (items.indices.contains(position) ? items[position].choices.count : 0) <= 9 }

  public var answeredCount: Int { items.indices.count(where: isAnswered) }

  /// Whether item `i` has an answer (a choice, a ticked option or a comment).
  public func isAnswered(_ i: Int) -> Bool {
    answers[i] != nil || !comments[i].allSatisfy(\.isWhitespace)
  }

  /// Applies one key.
  public mutating func handle(_ key: Key) {
    if key == .interrupt || key == .end {
      phase = .cancelled
      return
    }
    switch phase {
    case .answering: answering(key)
    case .review: review(key)
    case .confirmingQuit:
      if key == .character("y") || key == .character("Y") { phase = .cancelled } else { phase = phaseBeforeQuit }
    case .confirmed, .cancelled: break
    }
  }

  private mutating func answering(_ key: Key) {
    switch items[position].kind {
    case .text: typing(key)
    case .multi: ticking(key)
    case .scored: choosing(key)
    }
  }

  /// A comment: printable keys are typed (so `b`, `s` and `q` are letters here); Enter goes
  /// on, Left goes back, Right skips, Escape asks to quit.
  private mutating func typing(_ key: Key) {
    switch key {
    case .character(let c):
      if comments[position].count < FormItem.maximumCommentLength { comments[position].append(c) }
    case .backspace: if !comments[position].isEmpty { comments[position].removeLast() }
    case .enter, .right, .down: move(to: position + 1)
    case .left, .up: move(to: position - 1)
    case .escape: askQuit()
    default: break
    }
  }

  /// A multi-select: a digit or Space ticks or unticks an option; Enter goes on.
  private mutating func ticking(_ key: Key) {
    let choices = items[position].choices
    switch key {
    case .character(let c) where c.isNumber && digitsPick:
      if let n = c.wholeNumberValue, n >= 1, n <= choices.count { toggle(n - 1) }
    case .character(" "), .character("x"): toggle(highlight)
    case .up, .character("k"): highlight = max(0, highlight - 1)
    case .down, .character("j"): highlight = min(choices.count - 1, highlight + 1)
    case .enter, .right, .character("s"): move(to: position + 1)
    case .left, .backspace, .character("b"): move(to: position - 1)
    case .character("q"), .escape: askQuit()
    default: break
    }
  }

  /// Whether option `index` of the current multi-select is ticked.
  public func isTicked(_ index: Int) -> Bool {
    guard let bits = answers[position] else { return false }
    return UInt32(bits) & (1 << UInt32(index)) != 0
  }

  private mutating func toggle(_ index: Int) {
    highlight = index
    let bits = UInt32(answers[position] ?? 0) ^ (1 << UInt32(index))
    answers[position] = bits == 0 ? nil : Double(bits)
  }

  private mutating func choosing(_ key: Key) {
    let choices = items[position].choices
    switch key {
    case .character(let c) where c.isNumber && digitsPick:
      if let n = c.wholeNumberValue, n >= 1, n <= choices.count { choose(n - 1) }
    case .up, .character("k"): highlight = max(0, highlight - 1)
    case .down, .character("j"): highlight = min(choices.count - 1, highlight + 1)
    case .enter: choose(highlight)
    case .left, .backspace, .character("b"): move(to: position - 1)
    case .right, .character("s"): move(to: position + 1)
    case .character("q"), .escape: askQuit()
    default: break
    }
  }

  private mutating func review(_ key: Key) {
    switch key {
    case .character("y"), .character("Y"), .enter: phase = .confirmed
    case .left, .backspace, .character("b"):
      phase = .answering
      move(to: items.count - 1)
    case .character("q"), .escape, .character("n"): askQuit()
    default: break
    }
  }

  private mutating func choose(_ index: Int) {
    answers[position] = items[position].choices[index].value
    move(to: position + 1)
  }

  private mutating func move(to target: Int) {
    guard target >= 0 else { return }
    if target >= items.count {
      position = items.count
      phase = .review
      return
    }
    position = target
    if items[target].kind == .multi {
      highlight = 0
      return
    }
    highlight = answers[target].flatMap { value in items[target].choices.firstIndex { $0.value == value } } ?? middle
  }

  private mutating func askQuit() {
    phaseBeforeQuit = phase
    phase = .confirmingQuit
  }

  /// The middle choice, highlighted first so no end of the scale is suggested.
  private var middle: Int {
    items.indices.contains(position) ? (items[position].choices.count - 1) / 2 : 0
  }

  /// The answers by item id (unanswered items left out; a multi-select as the bit set of
  /// its ticked options; comments not included).
  public var answersByItem: [String: Double] {
    var out: [String: Double] = [:]
    for (item, answer) in zip(items, answers) { if let answer { out[item.id] = answer } }
    return out
  }

  /// The comments by item id (blank ones left out).
  public var commentsByItem: [String: String] {
    var out: [String: String] = [:]
    for (item, comment) in zip(items, comments) where item.kind == .text && !comment.allSatisfy(\.isWhitespace) { out[item.id] = comment }
    return out
  }
}
