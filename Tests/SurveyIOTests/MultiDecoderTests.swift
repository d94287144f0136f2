import SurveyModel
import TestSupport
import Testing

@testable import SurveyIO

@Suite struct MultiDecoderTests {
  let decoder = MultiDecoder(
    item: Item(
      id: "formats", text: "Formats?", dimension: "",
      options: [
        .init(id: "w", label: "Workshops", score: 0), .init(id: "r", label: "Reading, writing", score: 0),
        .init(id: "m", label: "Mentoring", score: 0),
      ], kind: .multi))

  @Test(arguments: [
    ("Workshops", UInt32(0b001)), ("w;m", 0b101), ("Mentoring, Workshops", 0b101), ("reading, writing", 0b010),
    ("Reading, writing, Mentoring", 0b110), ("Workshops;Reading, writing;", 0b011), (" W ; ; M ", 0b101), ("w,w", 0b001),
  ])
  func oneCellNamesTheOptionsChosen(cell: String, bits: UInt32) throws {
    #expect(try decoder.decode(cell) == bits)
  }

  @Test func aBlankCellIsNoAnswer() throws {
    #expect(try decoder.decode("") == nil)
    #expect(try decoder.decode("  ") == nil)
  }

  @Test(arguments: ["Workshop", "1", "Reading", ";", "w;x"])
  func anythingElseIsAProblemNamingTheOptions(cell: String) {
    do {
      _ = try decoder.decode(cell)
      Issue.record("accepted \(cell)")
    } catch {
      #expect(error.text.contains("multi-select item 'formats'"), "\(error.text)")
      #expect(error.text.contains("w (\"Workshops\")"), "\(error.text)")
    }
  }

  @Test func aColumnPerOptionSaysTickedOrNot() throws {
    #expect(try decoder.ticked("1", option: 0, unticked: .zero) == true)
    #expect(try decoder.ticked("Workshops", option: 0, unticked: .blank) == true)
    #expect(try decoder.ticked("0", option: 0, unticked: .zero) == false)
    #expect(try decoder.ticked("", option: 0, unticked: .zero) == nil)
    #expect(try decoder.ticked("", option: 0, unticked: .blank) == false)
    #expect(throws: CellDecoder.Problem.self) { try decoder.ticked("Mentoring", option: 0, unticked: .blank) }
    #expect(throws: CellDecoder.Problem.self) { try decoder.ticked("2", option: 0, unticked: .zero) }
  }

  /// Any set of options, written by id or label with any separator, reads back as that set.
  @Test func randomSetsReadBack() throws {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<1000 {
      let bits = UInt32.random(in: 1...7, using: &random)
      let names = decoder.options(in: bits).map { Bool.random(using: &random) ? $0.id : $0.label.uppercased() }.shuffled(using: &random)
      let cell = names.joined(separator: [";", ", ", ","].randomElement(using: &random)!)
      #expect(try decoder.decode(cell) == bits, "\(cell)")
    }
  }

  /// A cell of 100,000 pieces is read in linear time: an option spans at most as many pieces
  /// as its longest id or label has separators.
  @Test func aHugeCellIsReadQuickly() throws {
    let cell = String(repeating: "w;m,", count: 50_000)
    let (bits, seconds) = try threadCPUSeconds { try decoder.decode(cell) }
    #expect(bits == 0b101)
    #expect(seconds < 10, "\(seconds) s of CPU")
  }
}
