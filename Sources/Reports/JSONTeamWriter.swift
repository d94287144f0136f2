import SurveyModel

/// Writes teams' results of a JSON score report straight into the sink, field by field: the
/// same bytes as making each team a ``JSON`` value and writing it, without making a value per
/// number (a report of 50,000 teams has about four million fields).
struct JSONTeamWriter {
  private let dimensions: [DimensionInfo]
  private let benchmarks: [String: DimensionInfo]

  init(_ framework: FrameworkResult) {
    dimensions = framework.dimensions
    benchmarks = Dictionary(framework.dimensions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The framework's dimension `id`, found at `position` when the team lists its dimensions in
  /// the framework's order (as it does), else by id.
  private func benchmark(_ id: String, at position: Int) -> DimensionInfo? {
    if position < dimensions.count, dimensions[position].id == id { return dimensions[position] }
    return benchmarks[id]
  }

  /// Writes team `t` as an object whose braces sit at depth `indent`.
  func write(_ t: TeamResult, to sink: ReportSink, indent: Int) {
    let leavesOnly = t.suppression != nil || (t.band == nil && t.dimensions.isEmpty && t.measures.isEmpty)
    var team = JSONObjectWriter(sink, indent: indent, oneLine: leavesOnly)
    team.string("team", t.team)
    team.number("n", Double(t.n))
    team.bool("suppressed", t.suppression != nil)
    if let reason = t.suppression {
      team.string("suppression_reason", reason.rawValue)
      team.close()
      return
    }
    if let reason = t.indexSuppression { team.string("index_suppression", reason.rawValue) }
    team.number("index", t.index)
    team.key("band")
    if let band = t.band {
      var object = JSONObjectWriter(sink, indent: indent + 1, oneLine: true)
      object.string("label", band.label)
      object.string("advice", band.advice)
      object.close()
    } else {
      sink.write("null")
    }
    team.key("dimensions")
    JSONObjectWriter.list(t.dimensions, sink, indent: indent + 1) { position, d, object in
      object.string("id", d.id)
      object.number("n", Double(d.n))
      if let reason = d.suppression {
        object.string("suppressed", reason.rawValue)
        return
      }
      object.number("mean", d.mean)
      object.number("sd", d.sd)
      object.number("pomp", d.pomp)
      object.number("favorable_pct", d.favorable)
      object.number("neutral_pct", d.neutral)
      object.number("unfavorable_pct", d.unfavorable)
      object.string("advice", d.advice)
      object.number("vs_benchmark", benchmark(d.id, at: position)?.differenceFromBenchmark(d))
    }
    team.key("measures")
    JSONObjectWriter.list(t.measures, sink, indent: indent + 1) { _, m, object in
      object.string("id", m.id)
      object.number("n", Double(m.n))
      if let reason = m.suppression {
        object.string("suppressed", reason.rawValue)
        return
      }
      object.number("mean", m.mean)
      object.number("sd", m.sd)
      object.number("sum", m.sum)
      object.number("at_least_pct", m.atLeast)
      object.number("at_most_pct", m.atMost)
      object.number("pooled", m.pooled)
    }
    team.close()
  }
}

/// One JSON object written into a sink as its fields come (by ``JSON/write(to:indent:)`` and
/// by the streaming team writer alike): a field per line, or all on one line when every value
/// is a leaf (`{}` when it gets no field).
struct JSONObjectWriter {
  private let sink: ReportSink
  private let indent: Int
  private let oneLine: Bool
  private var fields = 0

  /// Opens an object whose braces sit at depth `indent`; `oneLine` when the caller writes
  /// only leaves (``JSON/isLeaf``) into it.
  init(_ sink: ReportSink, indent: Int, oneLine: Bool) {
    self.sink = sink
    self.indent = indent
    self.oneLine = oneLine
    sink.byte(0x7B)
  }

  /// Starts the next field: its key (a literal with nothing to escape); the caller writes the
  /// value.
  mutating func key(_ key: StaticString) {
    separate()
    sink.jsonKey(key)
  }

  /// Starts the next field with a key that may need escaping.
  mutating func key(_ key: String) {
    separate()
    JSON.quote(key, into: sink)
    sink.ascii(": ")
  }

  private mutating func separate() {
    fields += 1
    if oneLine {
      if fields > 1 { sink.ascii(", ") }
    } else {
      if fields > 1 { sink.byte(0x2C) }
      JSON.newline(sink, indent + 1)
    }
  }

  /// A text field (`null` for nil).
  mutating func string(_ key: StaticString, _ value: String?) {
    self.key(key)
    if let value { JSON.quote(value, into: sink) } else { sink.write("null") }
  }

  /// A number field in full precision (`null` for nil or a non-finite number).
  mutating func number(_ key: StaticString, _ value: Double?) {
    self.key(key)
    if let value, value.isFinite { sink.exact(value) } else { sink.ascii("null") }
  }

  /// A true/false field.
  mutating func bool(_ key: StaticString, _ value: Bool) {
    self.key(key)
    if value { sink.ascii("true") } else { sink.ascii("false") }
  }

  /// Closes the object.
  func close() {
    if fields > 0 && !oneLine { JSON.newline(sink, indent) }
    sink.byte(0x7D)
  }

  /// Writes `elements` as an array of objects whose brackets sit at depth `indent`, each
  /// object's fields (leaves only, so each takes one line) written by `fill` (given the
  /// element's position and the element).
  static func list<Element>(_ elements: [Element], _ sink: ReportSink, indent: Int, _ fill: (Int, Element, inout JSONObjectWriter) -> Void) {
    guard !elements.isEmpty else {
      sink.write("[]")
      return
    }
    sink.byte(0x5B)
    for (n, element) in elements.enumerated() {
      if n > 0 { sink.byte(0x2C) }
      JSON.newline(sink, indent + 1)
      var object = JSONObjectWriter(sink, indent: indent + 1, oneLine: true)
      fill(n, element, &object)
      object.close()
    }
    JSON.newline(sink, indent)
    sink.byte(0x5D)
  }
}
