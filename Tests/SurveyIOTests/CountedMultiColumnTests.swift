import SurveyModel
import Testing

@testable import SurveyIO

/// A multi-select column read for a measure that counts its options (`count_of`): the cell's
/// value is the bit set of the options chosen, and a bad cell is a row problem.
@Suite struct CountedMultiColumnTests {
  let column = ResponseFileReader.ItemColumn(
    item: Item(
      id: "formats", text: "Formats?", dimension: "",
      options: [
        .init(id: "1", label: "Workshops", score: 0), .init(id: "r", label: "Reading, writing", score: 0),
        .init(id: "m", label: "Mentoring", score: 0),
      ], kind: .multi), scale: Scale(min: 0, max: 3))

  @Test(arguments: [("1", 1.0), ("Workshops;m", 5), ("reading, writing, MENTORING", 6), ("m,m", 4)])
  func aCellIsTheBitSetOfTheOptionsChosen(cell: String, bits: Double) throws {
    #expect(try CellDecoder(item: column).decode(cell) == bits)
  }

  @Test func aBlankCellIsNoAnswer() throws {
    #expect(try CellDecoder(item: column).decode(" ") == nil)
  }

  @Test(arguments: ["2", "Workshop", "m;podcast", ";"]) func anythingElseNamesTheOptions(cell: String) {
    do {
      let value = try CellDecoder(item: column).decode(cell)
      Issue.record("accepted \(cell) as \(String(describing: value))")
    } catch {
      #expect(error.text.contains("multi-select item 'formats'") && error.text.contains("1 (\"Workshops\")"), "\(error.text)")
    }
  }
}
