import Foundation
import SurveyIO
import SurveyModel
import Testing
import ZIPFoundation

@testable import Importers

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let agreement = Scale(min: 1, max: 5, labels: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"])
let survey = SurveyDefinition(
  id: "s", title: "S", frameworks: [.init(id: "f")], respondentColumn: "respondent_id", teamColumn: "team", ignoredColumns: ["submitted_on"])
/// An item as `import` looks for it: the survey's item read on `scale`.
func importItem(id: String, text: String, scale: Scale, options: [Item.Option] = [], kind: Item.Kind = .scored) -> ResponseFileReader.ItemColumn {
  ResponseFileReader.ItemColumn(item: Item(id: id, text: text, dimension: "", options: options, kind: kind), scale: scale)
}

let items = [
  importItem(id: "sv1", text: "I can describe in my own words where our organisation wants to be in a few years.", scale: agreement),
  importItem(id: "sv2", text: "People on my team helped shape the goals we work towards.", scale: agreement),
]

/// Writes `text` to a temporary file with the given extension.
func temporaryFile(_ text: String, ext: String = "csv") throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).\(ext)").path
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  return path
}

func rows(_ reader: ExportReader) throws -> [ResponseOutcome] {
  var out: [ResponseOutcome] = []
  while let outcome = try reader.next() { out.append(outcome) }
  return out
}

@Suite struct TextKeyTests {
  @Test(arguments: [
    ("Strongly  agree.", "strongly agree"), ("  Neither agree nor disagree ", "neither agree nor disagree"),
    ("Day-to-day pressure", "day to day pressure"), ("Équipe", "equipe"), ("開始時刻", "開始時刻"), ("Id.", "id"),
  ])
  func normalises(text: String, key: String) {
    #expect(TextKey.of(text) == key)
  }

  @Test func bracketsOfGridHeaders() {
    #expect(TextKey.bracketed("How much do you agree? [People on my team]") == "People on my team")
    #expect(TextKey.bracketed("No brackets") == nil)
  }
}

@Suite struct FormatDetectorTests {
  @Test func detectsEachLayout() {
    #expect(
      FormatDetector.detect([["StartDate", "ResponseId", "Q1"], ["Start Date", "Response ID", "x"], ["{\"ImportId\":\"startDate\"}"]]) == .qualtrics)
    #expect(FormatDetector.detect([["V1", "V2", "Q1"], ["ResponseID", "ResponseSet", "text"]]) == .qualtrics)
    #expect(FormatDetector.detect([["Respondent ID", "Collector ID", "Start Date"], ["", "", ""]]) == .surveyMonkey)
    #expect(FormatDetector.detect([["Timestamp", "Q"]]) == .googleForms)
    #expect(FormatDetector.detect([["Marca temporal", "Q"]]) == .googleForms)
    #expect(FormatDetector.detect([["ID", "開始時刻", "完了時刻"]]) == .msForms)
    #expect(FormatDetector.detect([["respondent_id", "team", "sv1"]]) == .csv)
  }
}

@Suite struct CellDecoderTests {
  let decoder = CellDecoder(item: items[0])

  @Test(arguments: [
    ("4", 4.0), ("Agree", 4), (" strongly AGREE ", 5), ("5 - Strongly agree", 5), ("Strongly disagree (1)", 1), ("3.5", 3.5),
  ])
  func readsNumbersAndLabels(cell: String, value: Double) throws {
    #expect(try decoder.decode(cell) == value)
  }

  @Test func emptyIsNoAnswer() throws {
    #expect(try decoder.decode("  ") == nil)
  }

  @Test func explainsWhatIsWrong() {
    #expect(throws: CellDecoder.Problem.self) { try decoder.decode("Maybe") }
    #expect(throws: CellDecoder.Problem.self) { try decoder.decode("-99") }
    #expect(throws: CellDecoder.Problem.self) { try decoder.decode("4 - Strongly agree") }
    do {
      _ = try decoder.decode("Maybe")
    } catch {
      #expect(error.text == "'Maybe' is not a number; item 'sv1' takes a value from 1–5 or one of its labels, or an empty cell for no answer")
    }
  }
}

@Suite struct ChoiceAnswerTests {
  let decoder = CellDecoder(
    item: importItem(
      id: "c1", text: "When a project fails, what happens next?", scale: agreement,
      options: [
        Item.Option(id: "a", label: "We look for someone to blame", score: 1),
        Item.Option(id: "b", label: "We hold a review without blame", score: 5),
      ]
    ))

  @Test func aChoiceIsNamedByIdOrLabelAndCountsAsItsScore() throws {
    #expect(try decoder.decode("B") == 5)
    #expect(try decoder.decode("we look for someone to blame.") == 1)
    #expect(try decoder.decode("") == nil)
  }

  @Test func numbersAndUnknownOptionsAreRefusedNamingTheOptions() {
    for cell in ["5", "c"] {
      do {
        _ = try decoder.decode(cell)
        Issue.record("'\(cell)' should be refused")
      } catch {
        #expect(error.text.contains("is not an option of choice item 'c1'"))
        #expect(error.text.contains(#"a ("We look for someone to blame")"#))
      }
    }
  }
}

@Suite struct ExportReaderTests {
  @Test func mapsColumnsByIdOrTextAndKeysRowsByResponseID() throws {
    let path = try temporaryFile(
      "\u{FEFF}respondent_id,Team,\"People on my team helped shape the goals we work towards.\",SV1,comment\nr1,Sales,Agree,5,\"Nice, really\"\n\nr2,Sales,,1,\n"
    )
    let reader = try ExportReader(path: path, displayName: "x.csv", items: items, survey: survey)
    #expect(reader.format == .csv)
    #expect(reader.unmatchedColumns == ["comment"])
    let outcomes = try rows(reader)
    #expect(outcomes.count == 2)
    guard case .row(let first) = outcomes[0], case .row(let second) = outcomes[1] else {
      Issue.record("expected two rows: \(outcomes)")
      return
    }
    #expect(first.values == [5, 4])
    #expect(first.respondent == "csv:r1")
    #expect(first.line == 2)
    #expect(second.values[1].isNaN && second.line == 4)
  }

  @Test func rejectsRowsWithReasonsNamingLineAndColumn() throws {
    let path = try temporaryFile("respondent_id,team,sv1,sv2\nr1,,Perhaps,9\n")
    let reader = try ExportReader(path: path, displayName: "x.csv", items: items, survey: survey)
    guard case .rejected(let line, let problems, let fields)? = try reader.next() else {
      Issue.record("expected a rejected row")
      return
    }
    #expect(line == 2)
    #expect(fields == ["r1", "", "Perhaps", "9"])
    #expect(problems.map(\.column) == [3, 4, 2])
    #expect(problems[1].reason == "9 is outside the scale 1–5 of item 'sv2'")
    #expect(problems[2].reason == "the team is missing")
  }

  @Test func headerProblemsAreAllReported() throws {
    let path = try temporaryFile("respondent_id,sv1,SV1\n")
    do {
      _ = try ExportReader(path: path, displayName: "x.csv", items: items, survey: survey)
      Issue.record("expected header problems")
    } catch let error as InputProblems {
      let text = error.description
      #expect(text.contains("x.csv:1: error: columns 2 and 3 both hold item 'sv1'"))
      #expect(text.contains("x.csv:1: error: there is no team column 'team'"))
      #expect(text.contains("x.csv:1: error: no column for item 'sv2' (People on my team helped shape the goals we work towards.)"))
    }
  }

  @Test func aFixedTeamReplacesTheTeamColumn() throws {
    let path = try temporaryFile("sv1,sv2\n4,4\n")
    let reader = try ExportReader(path: path, items: items, survey: survey, team: "Legal")
    guard case .row(let row)? = try reader.next() else {
      Issue.record("expected a row")
      return
    }
    #expect(row.team == "Legal")
    #expect(row.respondent.hasPrefix("row:"), "no id column: the row's content is its key")
  }

  @Test func readsTabSeparatedFiles() throws {
    let path = try temporaryFile("team\tsv1\tsv2\nSales\tAgree\t2\n", ext: "tsv")
    let reader = try ExportReader(path: path, items: items, survey: survey)
    guard case .row(let row)? = try reader.next() else {
      Issue.record("expected a row")
      return
    }
    #expect(row.values == [4, 2])
  }

  @Test(arguments: ["qualtrics.csv", "qualtrics-legacy.csv", "surveymonkey.csv", "ms-forms.xlsx", "ms-forms-ja.xlsx", "google-forms.csv"])
  func readsEveryToolFixture(file: String) throws {
    let reader = try ExportReader(
      path: fixtures.appendingPathComponent(file).path, displayName: file, items: items, survey: survey,
      teamColumn: file.hasPrefix("google") ? "Which team are you in?" : nil)
    let outcomes = try rows(reader)
    #expect(outcomes.count == 40)
    let teams = Set(outcomes.compactMap { outcome -> String? in if case .row(let row) = outcome { return row.team } else { return nil } })
    #expect(teams == ["Engineering", "Sales", "Customer Success", "People & Culture", "Legal"])
    let keys = outcomes.compactMap { outcome -> String? in if case .row(let row) = outcome { return row.respondent } else { return nil } }
    #expect(Set(keys).count == 40, "every response has its own key")
  }
}

@Suite struct WorkbookTests {
  @Test func cellsAreplacedByTheirReference() throws {
    let sheet = """
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x &amp; y</t></is></c></row>
      <row r="2"></row>
      <row r="3"><c r="B3"><v>4</v></c><c r="AA3" t="b"><v>1</v></c></row>
      </sheetData></worksheet>
      """
    let rows = try SheetRows.parse(Data(sheet.utf8), sharedStrings: ["ID"], file: "x.xlsx")
    #expect(rows.count == 2)
    #expect(rows[0] == TableRow(line: 1, cells: ["ID", "", "x & y"]))
    #expect(rows[1].line == 3 && rows[1].cells[1] == "4" && rows[1].cells[26] == "TRUE")
    #expect(SheetRows.columnIndex("AB12") == 28)
  }

  @Test func sharedStringsSkipPhoneticGuides() throws {
    let xml = "<sst><si><t>開始</t><rPh><t>かいし</t></rPh></si><si><r><t>Str</t></r><r><t>ongly</t></r></si></sst>"
    #expect(try SharedStrings.parse(Data(xml.utf8), file: "x.xlsx") == ["開始", "Strongly"])
  }

  @Test func aDamagedIndexIsReported() {
    let sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>"
    #expect(throws: InputError.self) { try SheetRows.parse(Data(sheet.utf8), sharedStrings: [], file: "x.xlsx") }
  }
}

@Suite struct ImportLimitsTests {
  @Test func numbersAreParsedAsScoreParsesThem() {
    let decoder = CellDecoder(item: importItem(id: "q", text: "q", scale: Scale(min: 1, max: 5)))
    for cell in ["4\u{0}junk", "0x1p2", "+0x3", "inf", "nan"] {
      #expect(throws: CellDecoder.Problem.self, "\(cell.debugDescription)") { try decoder.decode(cell) }
    }
    #expect((try? decoder.decode(" 4 ")) == 4)
  }

  @Test func columnReferencesFarToTheRightStopWithAnError() throws {
    #expect(SheetRows.columnIndex("XFD1") == 16_384)
    #expect(SheetRows.columnIndex("XFE1") == 16_385)
    #expect(SheetRows.columnIndex("ZZZZZZZZZZZZZZZZ2") == 16_385)
    for reference in ["ZZZZZZ2", "ZZZZZZZZZZZZZZZZ2", "XFE7"] {
      let sheet = "<worksheet><sheetData><row r=\"2\"><c r=\"\(reference)\"><v>1</v></c></row></sheetData></worksheet>"
      #expect(throws: InputError.self) { try SheetRows.parse(Data(sheet.utf8), sharedStrings: [], file: "x.xlsx") }
    }
  }

  @Test func aTenMegabyteCellAndASheetOverTenMegabytesAreRead() throws {
    let big = String(repeating: "x", count: 10 << 20)
    let rows = (2...70_000).map {
      "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"inlineStr\"><is><t>r\($0) &amp; more text to make the row longer</t></is></c><c r=\"B\($0)\"><v>4</v></c></row>"
    }
    let sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(big)</t></is></c></row>" + rows.joined() + "</sheetData></worksheet>"
    #expect(sheet.utf8.count > 15 << 20)
    let parsed = try SheetRows.parse(Data(sheet.utf8), sharedStrings: [], file: "x.xlsx")
    #expect(parsed.count == 70_000)
    #expect(parsed[0].cells[0].utf8.count == 10 << 20)
    #expect(parsed[69_999].cells == ["r70000 & more text to make the row longer", "4"])
  }

  @Test func xmlEntitiesAreDecodedAndDTDsRefused() throws {
    let sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lt;a&gt; &#233;&#x4E2D; &bogus; &#0;</t></is></c></row></sheetData></worksheet>"
    let cells = try SheetRows.parse(Data(sheet.utf8), sharedStrings: [], file: "x.xlsx")[0].cells
    #expect(cells == ["<a> é中 &bogus; \u{FFFD}"], "\(cells.map(\.unicodeScalars).map(Array.init))")
    let dtd = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet/>"
    #expect(throws: InputError.self) { try SheetRows.parse(Data(dtd.utf8), sharedStrings: [], file: "x.xlsx") }
  }

  @Test func theXMLScannerGivesTheSameEventsWhateverThePieces() throws {
    let xml = Array("<?xml version=\"1.0\"?><a x='1' y=\"&amp;2\"><!-- c --><b/>te&lt;xt<![CDATA[<raw>]]></a>".utf8)
    func events(pieces: Int) throws -> [String] {
      var stream = XMLStream()
      var out: [String] = []
      let handle: (XMLStream.Event) -> Void = { event in
        switch event {
        case .start(let name, let attributes): out.append("S:\(name) \(attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
        case .end(let name): out.append("E:\(name)")
        case .text(let text): out.append("T:" + text)
        }
      }
      var at = 0
      while at < xml.count {
        let end = min(xml.count, at + pieces)
        try xml[at..<end].withUnsafeBytes { try stream.feed($0, final: false, handle) }
        at = end
      }
      try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true, handle)
      // Text may arrive in several pieces; join neighbours.
      var joined: [String] = []
      for e in out {
        if let last = joined.last, last.hasPrefix("T:"), e.hasPrefix("T:") { joined[joined.count - 1] += e.dropFirst(2) } else { joined.append(e) }
      }
      return joined
    }
    let whole = try events(pieces: xml.count)
    #expect(whole == ["S:a [\"x=1\", \"y=&2\"]", "S:b []", "E:b", "T:te<xt<raw>", "E:a"])
    for size in 1...20 {
      let pieces = try events(pieces: size)
      #expect(pieces == whole, "pieces of \(size): \(pieces)")
    }
  }

  @Test func aPartLargerThanItDeclaresIsRefused() throws {
    let dir = NSTemporaryDirectory() + "cultivar-xlsx-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/lying.xlsx"
    let sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + String(repeating: "y", count: 50_000)
      + "</t></is></c></row></sheetData></worksheet>"
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    let bytes = Array(sheet.utf8)
    try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
      position, size in
      Data(bytes[Int(position)..<Int(position) + size])
    }
    let workbook = Array("<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>".utf8)
    try archive.addEntry(with: "xl/workbook.xml", type: .file, uncompressedSize: Int64(workbook.count), compressionMethod: .deflate) {
      position, size in
      Data(workbook[Int(position)..<Int(position) + size])
    }
    // Make the sheet's central directory header (the first) claim 100 bytes uncompressed.
    var zip = try Data(contentsOf: URL(fileURLWithPath: path))
    let signature = Data([0x50, 0x4B, 0x01, 0x02])
    let central = try #require(zip.range(of: signature)).lowerBound
    zip.replaceSubrange((central + 24)..<(central + 28), with: [100, 0, 0, 0])
    try zip.write(to: URL(fileURLWithPath: path))
    let scale = Scale(min: 1, max: 5)
    let survey = SurveyDefinition(id: "s", title: "S", frameworks: [.init(id: "f")], file: "s.yaml")
    do {
      _ = try ExportReader(path: path, items: [importItem(id: "q", text: "q", scale: scale)], survey: survey)
      Issue.record("the lying archive was read")
    } catch let error as InputError {
      #expect(error.message.contains("larger than") || error.message.contains("damaged"), Comment(rawValue: error.description))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func aTeamCellWithNULIsARowErrorNotAMerge() throws {
    let path = NSTemporaryDirectory() + "cultivar-nul-\(UUID().uuidString).csv"
    FileManager.default.createFile(atPath: path, contents: Data("respondent_id,team,q\nr1,A,4\nr2,A\u{0}junk,4\nr3,\u{0},4\n".utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let survey = SurveyDefinition(id: "s", title: "S", frameworks: [.init(id: "f")], file: "s.yaml")
    let reader = try ExportReader(path: path, format: .csv, items: [importItem(id: "q", text: "q", scale: Scale(min: 1, max: 5))], survey: survey)
    var teams: [String] = []
    var rejected: [String] = []
    while let outcome = try reader.next() {
      switch outcome {
      case .row(let row): teams.append(row.team)
      case .rejected(_, let problems, _): rejected += problems.map(\.reason)
      }
    }
    #expect(teams == ["A"])
    #expect(rejected.count == 2)
    #expect(rejected.allSatisfy { $0.contains("control character (U+0000)") })
  }
}
