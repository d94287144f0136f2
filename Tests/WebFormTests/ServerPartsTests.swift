import Foundation
import Logging
import Testing

@testable import WebForm

@Suite struct ServerPartsTests {
  @Test func logValuesAreOneLineAndQuotedWhenNeeded() {
    #expect(LineLogHandler.value("store_busy") == "store_busy")
    #expect(LineLogHandler.value("POST /t/:token") == "\"POST /t/:token\"")
    #expect(LineLogHandler.value("a\nb=\"c\"") == "\"a\\x0ab=\\\"c\\\"\"")
    #expect(LineLogHandler.value("") == "\"\"")
  }

  @Test func aLogLineIsOneLineOfKeyValuePairs() {
    final class Lines: @unchecked Sendable { var all: [String] = [] }
    let lines = Lines()
    let log = Logger.formLog { lines.all.append($0) }
    log.error("store_busy", metadata: ["status": "503", "route": "POST /t/:token", "reason": "the store stayed\nbusy"])
    #expect(lines.all == ["cultivar serve: level=error event=store_busy reason=\"the store stayed\\x0abusy\" route=\"POST /t/:token\" status=503\n"])
  }

  @Test func originsAreNormalised() {
    #expect(Origin.of("https://Survey.Example.org") == "https://survey.example.org")
    #expect(Origin.of("https://survey.example.org:443") == "https://survey.example.org")
    #expect(Origin.of("http://127.0.0.1:8080") == "http://127.0.0.1:8080")
    #expect(Origin.of("null") == nil)
    #expect(Origin.of("https://survey.example.org/path") == nil)
    #expect(Origin.of(URL(string: "https://survey.example.org/forms/")!) == "https://survey.example.org")
    #expect(Origin.listening(host: "127.0.0.1", port: 9).contains("http://localhost:9"))
  }

  @Test func aLinkIsRefusedAfterItsOpensThisMinute() async {
    let limiter = OpenLimiter(perMinute: 3)
    var allowed: [Bool] = []
    for _ in 0..<5 { allowed.append(await limiter.allow("h", at: 120)) }
    #expect(allowed == [true, true, true, false, false])
    #expect(await limiter.allow("other", at: 121))
    #expect(await limiter.allow("h", at: 180), "a new minute starts afresh")
  }
}
