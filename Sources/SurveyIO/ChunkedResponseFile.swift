import Foundation
import SurveyModel

/// A response CSV read in chunks for parallel parsing: its checked header, the chunks, and
/// parsers (one per thread) that turn chunks into ``RowBatch``es.
public final class ChunkedResponseFile: @unchecked Sendable {
  public let file: String
  public let header: [String]
  private let chunker: CSVChunker
  private let decoder: RowDecoder

  /// Opens `path` and checks its header against the survey.
  /// - Throws: ``InputError`` (unreadable or empty file) or ``InputProblems`` (header).
  public init(
    path: String, displayName: String? = nil, survey: SurveyDefinition, items: [ResponseFileReader.ItemColumn],
    chunkSize: Int = CSVChunker.defaultChunkSize, keyAttributes: Bool = false
  ) throws {
    file = displayName ?? path
    do {
      chunker = try CSVChunker(path: path, chunkSize: chunkSize)
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message)
    } catch {
      throw Self.unreadable(file, error)
    }
    guard !chunker.header.isEmpty, chunker.header != [""] else {
      throw InputError(
        kind: .responses, file: file, line: 1,
        message: "the file is empty: expected a header row with '\(survey.respondentColumn)', '\(survey.teamColumn)' and item ids")
    }
    header = chunker.header.map { $0.trimmingSpaces }
    let mapping = try HeaderMapping(header: header, survey: survey, itemIDs: items.map(\.id), file: file)
    decoder = RowDecoder(header: header, mapping: mapping, items: items, attributes: survey.attributes, keyAttributes: keyAttributes)
  }

  /// The next chunk of records, or nil at the end. Call from one thread only.
  /// - Throws: ``InputError`` when the file cannot be read.
  public func nextChunk() throws(InputError) -> CSVChunk? {
    do {
      return try chunker.next()
    } catch {
      throw Self.unreadable(file, error)
    }
  }

  private static func unreadable(_ file: String, _ error: any Error) -> InputError {
    InputError.unreadable(file, "response file", hint: "check the path given to --responses", cause: error)
  }

  /// A parser for one thread.
  public func makeParser(keepsIdentity: Bool) -> ChunkParser {
    ChunkParser(decoder: decoder, keepsIdentity: keepsIdentity)
  }

  /// The error to report for a malformed record.
  public func error(_ syntax: CSVReader.SyntaxError) -> InputError {
    InputError(kind: .responses, file: file, line: syntax.line, message: syntax.message, hint: syntax.hint)
  }
}
