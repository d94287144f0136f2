import Foundation
import Statistics
import SurveyModel
import Testing

@testable import SurveyIO

func chunks(_ text: String, size: Int) throws -> [CSVChunk] {
  let path = writeTemporary(text)
  defer { try? FileManager.default.removeItem(atPath: path) }
  let chunker = try CSVChunker(path: path, chunkSize: size)
  var out: [CSVChunk] = []
  while let chunk = try chunker.next() { out.append(chunk) }
  return out
}

@Suite struct ChunkTests {
  @Test func chunksHoldWholeRecordsAndKnowTheirLines() throws {
    let body = (1...50).map { "r\($0),\"Team, \($0 % 3)\",\"multi\nline\",\($0 % 5)" }.joined(separator: "\n") + "\n"
    let all = try chunks("\u{FEFF}id,team,note,q\n" + body, size: 64)
    #expect(all.count > 5)
    #expect(all.map { String(decoding: $0.bytes, as: UTF8.self) }.joined() == body)
    #expect(all[0].firstLine == 2)
    for (a, b) in zip(all, all.dropFirst()) {
      let breaks = a.bytes.filter { $0 == 0x0A }.count
      #expect(b.firstLine == a.firstLine + breaks)
      #expect(a.bytes.last == 0x0A)
    }
  }

  /// The byte paths the scoring pipeline takes for hooks (respondent ids kept as bytes, team
  /// names appended as bytes) give the texts of the `String` paths: ids with spaces to trim,
  /// empty ids (`row N`), teams a spreadsheet would run (their `'` removed), non-ASCII text.
  @Test func respondentAndTeamBytesAreTheTextsOfTheStringPaths() throws {
    let ids = ["r1", " r2 ", "", "é3", "\t4", "x\u{301}"]
    let teams = ["Ops", "'=Ops", "' Ops", "''+1", "Ünit", "\"Ops, North\"", "'-"]
    var lines = ["respondent_id,team,q1,q2"]
    for i in 0..<120 { lines.append("\(ids[i % ids.count]),\(teams[i % teams.count]),\(1 + i % 5),") }
    let path = writeTemporary(lines.joined(separator: "\n") + "\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try ChunkedResponseFile(path: path, displayName: "r.csv", survey: testSurvey, items: testItems, chunkSize: 256)
    var reader = file.makeReader(keepsIdentity: true)
    var seen = 0
    while let chunk = try file.nextChunk() {
      let batch = try reader.read(chunk)
      for r in 0..<batch.count {
        let line = Int(batch.lines[r])
        let id = ids[(line - 2) % ids.count].trimmingCharacters(in: .whitespaces)
        #expect(batch.respondents[r] == (id.isEmpty ? "row \(line)" : id))
        seen += 1
      }
    }
    #expect(seen == 120)
    // In any order, repeated, and with none.
    let teamIDs = (0..<reader.teamCount).map(Int32.init)
    for asked in [teamIDs, teamIDs.reversed(), teamIDs + teamIDs.shuffled(), []] {
      var list = TextList()
      list.append("before")
      reader.appendTeamNames(asked, to: &list)
      #expect(list.count == asked.count + 1 && list[0] == "before")
      for (k, id) in asked.enumerated() { #expect(list[k + 1] == reader.teamName(id)) }
    }
    #expect(reader.teamCount == teams.count)
  }

  @Test func parsedBatchesMatchTheRowReader() throws {
    var lines = ["respondent_id,team,q1,q2"]
    for i in 0..<300 {
      let team = i % 7 == 0 ? "\"Ops, North\"" : "T\(i % 5)"
      lines.append("r\(i),\(team),\(1 + i % 5),\(i % 11 == 0 ? "" : String(1 + i % 4))\(i % 13 == 0 ? "\r" : "")")
    }
    lines.insert("bad,T1,9,1", at: 40)
    let text = lines.joined(separator: "\n") + "\n"
    let path = writeTemporary(text)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try ChunkedResponseFile(path: path, displayName: "r.csv", survey: testSurvey, items: testItems, chunkSize: 1024)
    var parser = file.makeParser(keepsIdentity: true)
    var rows: [(String, String, [Double], Int)] = []
    var rejectedLines: [Int] = []
    while let chunk = try file.nextChunk() {
      let batch = try parser.parse(chunk)
      for r in 0..<batch.count {
        rows.append((batch.respondents[r], parser.teams.name(batch.teams[r]), Array(batch.values[(r * 2)..<(r * 2 + 2)]), Int(batch.lines[r])))
      }
      rejectedLines += batch.rejected.map(\.line)
    }
    let expected = try outcomes(text)
    var expectedRows: [(String, String, [Double], Int)] = []
    for outcome in expected {
      if case .row(let row) = outcome { expectedRows.append((row.respondent, row.team, row.values, row.line)) }
    }
    #expect(rows.count == 300)
    #expect(rejectedLines == [41])
    for (a, b) in zip(rows, expectedRows) {
      #expect(a.0 == b.0 && a.1 == b.1 && a.3 == b.3)
      #expect(a.2.elementsEqual(b.2) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
    #expect(Set(rows.map(\.1)) == ["Ops, North", "T0", "T1", "T2", "T3", "T4"])
  }

  @Test func internerGivesStableIds() {
    var interner = TeamInterner()
    let names = (0..<5000).map { "team-\($0 % 1700)" }
    let ids = names.map { name in Array(name.utf8).withUnsafeBufferPointer { interner.id(of: $0) } }
    #expect(interner.count == 1700)
    for (name, id) in zip(names, ids) { #expect(interner.name(id) == name) }
    #expect(Array("  team-3 ".utf8).withUnsafeBufferPointer { interner.id(of: $0) } == ids[3])
  }

  /// Names that differ only in a few bytes anywhere (numbered teams, shared prefixes and
  /// suffixes, long names that differ after their 16th byte, codes that differ in their first
  /// byte) each land near their own slot: a look-up reads few entries. The old hash started
  /// 50,000 `team-NNNNN` names from 500 slots (73 entries a look-up).
  static let nameFamilies: [[String]] = {
    let numbered: [String] = (0..<50_000).map { "team-" + String(100_000 + $0).dropFirst() }
    let plain: [String] = (0..<50_000).map { String($0) }
    let suffixed: [String] = (0..<30_000).map { String(100_000 + $0).dropFirst() + "/Sales/EMEA" }
    let long: [String] = (0..<30_000).map { "Organisation / Division / Department " + String($0) }
    let firstByte: [String] = (0..<20_000).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) + String($0 / 26) + "-x" }
    let keys: [String] = (0..<20_000).map { "region=" + String($0 % 7) + "|level=" + String($0 % 13) + "|site=" + String($0 / 91) }
    return [numbered, plain, suffixed, long, firstByte, keys]
  }()

  @Test(arguments: nameFamilies)
  func internerSpreadsNamesThatDifferInFewBytes(_ names: [String]) {
    var interner = TeamInterner()
    for name in names { _ = Array(name.utf8).withUnsafeBufferPointer { interner.id(of: $0) } }
    #expect(interner.count == Set(names).count)
    #expect(interner.averageProbes() < 2, "\(names[0]) ...: \(interner.averageProbes()) entries a look-up")
  }

  @Test func longNamesSharingTheirFirst16BytesStayApart() {
    var interner = TeamInterner()
    let names = (0..<3000).map { "Customer Success — region \($0 % 900)" } + ["", "Customer Success"]
    let ids = names.map { name in Array(name.utf8).withUnsafeBufferPointer { interner.id(of: $0) } }
    #expect(interner.count == 902)
    for (name, id) in zip(names, ids) { #expect(interner.name(id) == name) }
  }

  /// Generated names that collide in every way the table's entries can (the same first 16
  /// bytes, the same length, lengths around the 255 of an entry's length field, prefixes of one
  /// another), in random order and through several growths: ids agree with a dictionary.
  @Test func internerAgreesWithADictionaryOnCollidingNames() {
    var random = SplitMix64(seed: 17)
    let stems = ["", "a", "team-0001", "Customer Success —", String(repeating: "x", count: 16), String(repeating: "y", count: 250)]
    var names: [[UInt8]] = []
    for _ in 0..<20_000 {
      var name = Array(stems[Int(random.next() % UInt64(stems.count))].utf8)
      let extra = Int(random.next() % 12)
      for _ in 0..<extra { name.append(UInt8(0x61 + random.next() % 3)) }
      if random.next() % 7 == 0 { name += Array(repeating: 0x7A, count: Int(random.next() % 12)) }
      names.append(name)
    }
    var interner = TeamInterner()
    var reference: [[UInt8]: Int32] = [:]
    for name in names {
      let id = name.withUnsafeBufferPointer { interner.id(of: $0) }
      let expected = reference[name] ?? Int32(reference.count)
      reference[name] = expected
      #expect(id == expected)
      #expect(Array(interner.name(id).utf8) == name)
    }
    #expect(interner.count == reference.count)
    #expect(names.contains { $0.count >= 255 } && names.contains { $0.count < 255 && $0.count > 250 })
    // Looked up in batches of random size (as a chunk's rows are), with spaces around some
    // names: the same ids as one by one.
    var batched = TeamInterner()
    var one = TeamInterner()
    var start = 0
    while start < names.count {
      let end = min(names.count, start + 1 + Int(random.next() % 700))
      var bytes: [UInt8] = []
      var (starts, ends): ([Int32], [Int32]) = ([], [])
      for name in names[start..<end] {
        let padded = (random.next() % 5 == 0 ? [0x20, 0x09] : []) + name + (random.next() % 5 == 0 ? [0x20] : [])
        starts.append(Int32(bytes.count))
        bytes += padded
        ends.append(Int32(bytes.count))
      }
      var ids: [Int32] = [7]
      bytes.withUnsafeBufferPointer { batched.appendIDs(starts: starts, ends: ends, in: $0, to: &ids) }
      let expected = names[start..<end].map { name in name.withUnsafeBufferPointer { one.id(of: $0) } }
      #expect(ids == [7] + expected)
      start = end
    }
    #expect(batched.count == one.count)
  }
}
