import Foundation
import Testing

@testable import PluginHost

func temporaryFolder() -> String {
  let path = NSTemporaryDirectory() + "cultivar-plugins-\(UUID().uuidString)"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func write(_ text: String, to path: String) {
  try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
  _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

@Suite struct DiscoveryTests {
  @Test func findsFilesAndFoldersInOrder() {
    let dir = temporaryFolder()
    write("", to: dir + "/b.lua")
    write("", to: dir + "/a/a.lua")
    write("", to: dir + "/c/init.lua")
    write("", to: dir + "/d/helper.lua")
    write("", to: dir + "/notes.txt")
    let files = PluginLocator.pluginFiles(in: dir).map { String($0.dropFirst(dir.count + 1)) }
    #expect(files == ["a/a.lua", "b.lua", "c/init.lua"])
  }

  @Test func precedenceAndDeduplication() {
    let root = temporaryFolder()
    let explicit = root + "/mine"
    let env = root + "/env"
    for dir in [explicit, env, root + "/surveys/plugins", root + "/plugins"] { write("", to: dir + "/.keep") }
    let dirs = PluginLocator.directories(
      explicit: [explicit, root + "/missing"], environment: env + ":" + explicit,
      surveyFile: root + "/surveys/s.yaml", workingDirectory: root)
    #expect(dirs.map { String($0.dropFirst(root.count)) } == ["/mine", "/env", "/surveys/plugins", "/plugins"])
  }

  @Test func catalogKeepsGoodPluginsAndReportsBrokenOnes() {
    let dir = temporaryFolder()
    write(pluginSource(), to: dir + "/trust.lua")
    write(pluginSource().replacingOccurrences(of: "'Trust'", with: "'Shadow'"), to: dir + "/zz/zz.lua")
    write("return {", to: dir + "/broken.lua")
    write("while true do end", to: dir + "/loop.lua")
    let catalog = PluginCatalog(directories: [dir], workingDirectory: dir, limits: .init(timePerCall: .milliseconds(100)))
    #expect(catalog.plugins.map(\.file) == ["trust.lua"])
    #expect(catalog.failures.map(\.file) == ["broken.lua", "loop.lua"])
    #expect(catalog.failures.map(\.kind) == [.syntax, .timeLimit])
    #expect(catalog.notes.first?.contains("zz/zz.lua: plugin 'trust' is not used: trust.lua has the same id") == true)
  }
}
