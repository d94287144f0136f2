import Foundation
import Importers
import LuaBridge
import PluginHost
import SurveyIO
import SurveyModel
import ZIPFoundation

/// An invariant a target found broken (a finding, like a crash or a hang).
struct Mismatch: Error, CustomStringConvertible {
  let description: String
}

/// One fuzz target: seed inputs, tokens worth inserting, and a run that must end without a
/// crash or hang, and throw ``Mismatch`` only when an invariant breaks. Clear input errors
/// (``InputError`` and the like) are the expected outcome for bad input.
protocol FuzzTarget: Sendable {
  var name: String { get }
  var dictionary: [[UInt8]] { get }
  var maxLength: Int { get }
  func seeds(root: String) -> [[UInt8]]
  func run(_ input: [UInt8]) throws
}

func files(_ root: String, _ folder: String, suffix: String, limit: Int = 40) -> [[UInt8]] {
  let dir = root + "/" + folder
  let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
  return names.prefix(limit).compactMap { FileManager.default.contents(atPath: dir + "/" + $0).map { Array($0) } }
}

let scratch = NSTemporaryDirectory() + "cultivar-fuzz-\(getpid())"

/// The CSV tokenizer: sequential and chunked reading (any chunk size) give the same records,
/// lines and errors; records written back by the one writer read back the same.
struct CSVTarget: FuzzTarget {
  let name = "csv"
  let dictionary = [",", "\"", "\"\"", "\n", "\r", "\r\n", "\u{FEFF}", "\0", "\t", "\"a,\nb\"", "é"].map { Array($0.utf8) }
  let maxLength = 4096

  func seeds(root: String) -> [[UInt8]] {
    let sample = (FileManager.default.contents(atPath: root + "/surveys/sample-responses.csv").map { Array($0.prefix(1500)) }) ?? []
    return [sample, Array("id,team,q1\n1,\"A, B\",4\n2,B,\"3\"\r\n3,C\"x,2\r4,\"multi\nline\",5".utf8)]
      + files(root, "Tests/fuzz-regressions/csv", suffix: ".csv")
  }

  func run(_ input: [UInt8]) throws {
    let sequential = Self.read(CSVReader(bytes: input))
    let path = scratch + ".csv"
    FileManager.default.createFile(atPath: path, contents: Data(input))
    for chunkSize in [5, 64, 1024] {
      let chunked = Self.chunked(path: path, chunkSize: chunkSize)
      // The same error (the chunked path stops at the chunk), or the same records and lines.
      let same =
        sequential.error != nil
        ? chunked.error == sequential.error
        : chunked.error == nil && chunked.records.map(\.fields) == sequential.records.map(\.fields)
          && chunked.records.dropFirst().map(\.line) == sequential.records.dropFirst().map(\.line)
      guard same else {
        throw Mismatch(
          description:
            "chunked reading (chunks of \(chunkSize) bytes) differs from sequential reading:\n  chunked:    \(chunked)\n  sequential: \(sequential)")
      }
    }
    guard sequential.error == nil, !sequential.records.isEmpty, sequential.records[0].fields[0].utf8.starts(with: [0xEF, 0xBB, 0xBF]) == false else {
      return
    }
    let written = sequential.records.map { CSVText.line($0.fields) }.joined(separator: "\n") + "\n"
    let reread = Self.read(CSVReader(bytes: Array(written.utf8)))
    // Invalid UTF-8 becomes U+FFFD when read as text; compare what the text says.
    guard reread.records.map(\.fields) == sequential.records.map(\.fields) else {
      throw Mismatch(description: "records written by CSVText do not read back the same")
    }
  }

  struct Reading {
    var records: [(line: Int, fields: [String])] = []
    var error: CSVReader.SyntaxError?
  }

  static func read(_ reader: CSVReader) -> Reading {
    var out = Reading()
    do {
      while try reader.next() { out.records.append((reader.line, reader.strings)) }
    } catch {
      out.error = error as? CSVReader.SyntaxError
    }
    return out
  }

  static func chunked(path: String, chunkSize: Int) -> Reading {
    var out = Reading()
    do {
      let chunker = try CSVChunker(path: path, chunkSize: chunkSize)
      guard !chunker.header.isEmpty else { return out }
      out.records.append((0, chunker.header))
      while let chunk = try chunker.next() { out.records += try CSVTokenizer.records(in: chunk) }
    } catch {
      out.error = error as? CSVReader.SyntaxError
    }
    return out
  }
}

/// The survey YAML loader: any text ends in a survey or a clear error, quickly.
struct SurveyYAMLTarget: FuzzTarget {
  let name = "survey-yaml"
  let dictionary = [
    "&a ", "*a", "[*a, *a, *a, *a]", "<<: *a", "\n  ", "- ", ": ", "{", "}", "[", "]", "!!binary ", "'", "\"", "#", "\t", "min_group_size: ",
    "team_mapping:\n  ",
  ].map { Array($0.utf8) }
  let maxLength = 8192

  func seeds(root: String) -> [[UInt8]] {
    files(root, "surveys", suffix: ".yaml") + files(root, "Tests/fuzz-regressions/survey-yaml", suffix: ".yaml")
  }

  func run(_ input: [UInt8]) throws {
    do {
      _ = try SurveyLoader.parse(String(decoding: input, as: UTF8.self), file: "fuzz.yaml")
    } catch let problems as InputProblems {
      guard problems.description.utf8.count < 1 << 20 else { throw Mismatch(description: "the error text is over 1 MiB") }
    } catch let error as InputError {
      guard error.description.utf8.count < 1 << 20 else { throw Mismatch(description: "the error text is over 1 MiB") }
    }
  }
}

/// The plugin contract reader (PluginHost's public API): any source ends in a plugin or a
/// ``PluginError``, within the limits.
struct PluginContractTarget: FuzzTarget {
  let name = "plugin-contract"
  let dictionary = [
    "scale", "items", "dimensions", "= {", "}", "\"", "math.huge", "2^63", "-1e300", "nil", "function() end", "{1, 2, 3}", "--", "\n", "options",
    "score", "min_answered",
    "measures", "index_by", "rule = \"nps\"", "all_items = true", "at_least", "index_range", "weights",
  ].map { Array($0.utf8) }
  let maxLength = 16384

  func seeds(root: String) -> [[UInt8]] {
    let dirs = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/plugins")) ?? []).sorted()
    let plugins = dirs.prefix(16).flatMap { files(root, "plugins/" + $0, suffix: ".lua", limit: 2) }
    return plugins + files(root, "Tests/fuzz-regressions/plugin-contract", suffix: ".lua")
  }

  func run(_ input: [UInt8]) throws {
    do {
      _ = try Plugin(
        source: String(decoding: input, as: UTF8.self), file: "fuzz.lua", limits: LuaLimits(memoryBytes: 32 << 20, timePerCall: .milliseconds(500)))
    } catch {
      // A PluginError is the expected outcome for a broken contract.
    }
  }
}

/// The .xlsx reader: mutated worksheet, shared-strings and workbook XML zipped into a
/// workbook (and now and then a mutated archive); any file ends in rows or an InputError.
struct WorkbookTarget: FuzzTarget {
  let name = "xlsx"
  let dictionary = [
    "<row r=\"2\">", "</row>", "<c r=\"ZZZZZZ2\" t=\"s\"><v>0</v></c>", "<c r=\"ZZZZZZZZZZZZZZZZ2\">", "<c t=\"inlineStr\"><is><t>x</t></is></c>",
    "&amp;", "&#0;", "&#x110000;", "<![CDATA[", "]]>", "<!DOCTYPE x>", "<!--", "-->", "\"", "<v>", "</v>", "<c r=\"XFD1\">",
  ].map { Array($0.utf8) }
  let maxLength = 16384

  /// Inputs are the sheet XML; the other parts are fixed and valid.
  func seeds(root: String) -> [[UInt8]] {
    let sheet = """
      <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>sv1</t></is></c></row>\
      <row r="2"><c r="A2" t="inlineStr"><is><t>r1</t></is></c><c r="B2" t="inlineStr"><is><t>Ops &amp; IT</t></is></c><c r="C2"><v>4</v></c></row>\
      <row r="3"><c r="A3" t="inlineStr"><is><t>r2</t></is></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c></row>\
      </sheetData></worksheet>
      """
    return [Array(sheet.utf8)] + files(root, "Tests/fuzz-regressions/xlsx", suffix: ".xml")
  }

  func run(_ input: [UInt8]) throws {
    let path = scratch + ".xlsx"
    try? FileManager.default.removeItem(atPath: path)
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    let workbook =
      #"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    let rels = #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#
    let strings = "<sst><si><t>respondent_id</t></si><si><t>team</t></si><si><t>Sales</t></si><si><t>Agree</t></si></sst>"
    for (part, bytes) in [
      ("xl/workbook.xml", Array(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8)), ("xl/sharedStrings.xml", Array(strings.utf8)),
      ("xl/worksheets/sheet1.xml", input),
    ] {
      try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
        Data(bytes[Int(position)..<Int(position) + size])
      }
    }
    let scale = Scale(min: 1, max: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])
    let survey = SurveyDefinition(id: "s", title: "S", frameworks: [.init(id: "f")], file: "s.yaml")
    do {
      let reader = try ExportReader(path: path, items: [ResponseFileReader.ItemColumn(id: "sv1", scale: scale)], survey: survey)
      while try reader.next() != nil {}
    } catch is InputError {
    } catch is InputProblems {
    }
  }
}

let targets: [FuzzTarget] = [CSVTarget(), SurveyYAMLTarget(), PluginContractTarget(), WorkbookTarget()]
