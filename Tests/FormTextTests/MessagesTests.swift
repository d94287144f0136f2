import Foundation
import Testing

@testable import FormText

/// The message files: complete and consistent in every language.
@Suite struct MessagesTests {
  /// The `{name}` placeholders of a text.
  static func placeholders(_ text: String) -> Set<String> {
    var found = Set<String>()
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      found.insert(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return found
  }

  @Test func everyKeyExistsInEveryLanguage() {
    let english = Messages.keys(of: "en")
    #expect(english.count > 40, "the English file is read")
    for language in Messages.languages {
      let keys = Messages.keys(of: language)
      #expect(english.subtracting(keys).isEmpty, "\(language) lacks \(english.subtracting(keys).sorted())")
      #expect(keys.subtracting(english).isEmpty, "\(language) has keys English lacks: \(keys.subtracting(english).sorted())")
    }
  }

  @Test func everyTranslationKeepsThePlaceholdersAndSaysSomething() throws {
    for key in Messages.keys(of: "en") {
      let english = try #require(Messages.raw(key, in: "en"))
      for language in Messages.languages {
        let text = try #require(Messages.raw(key, in: language))
        #expect(text.contains { !$0.isWhitespace }, "\(language) \(key) is empty")
        #expect(Self.placeholders(text) == Self.placeholders(english), "\(language) \(key): \(text)")
      }
    }
  }

  @Test func theFilesInTheRepositoryAreTheOnesEmbedded() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/FormText/Messages").standardized
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    #expect(files == Messages.languages.map { "\($0).json" }.sorted(), "a new message file must be added to Messages.files and Messages.languages")
    for file in files {
      let data = try Data(contentsOf: folder.appendingPathComponent(file))
      let table = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String], "\(file) is a flat JSON object of texts")
      let language = String(file.dropLast(5))
      #expect(Set(table.keys) == Messages.keys(of: language))
    }
  }

  @Test func languagesAreMatchedByTheirFirstPartAndFallBackToEnglish() {
    #expect(Messages("de")("form.submit") == "Meine Antworten senden")
    #expect(Messages("de-CH").language == "de")
    #expect(Messages("FR").language == "fr")
    #expect(Messages("es-419")("form.submit") == "Enviar mis respuestas")
    #expect(Messages("it").language == "en")
    #expect(Messages(nil)("thanks.body", ["n": "2", "total": "3"]) == "Your answers to 2 of 3 questions were received.")
    #expect(Messages("en")("no.such.key") == "no.such.key", "an unknown key shows itself, never crashes")
  }
}
