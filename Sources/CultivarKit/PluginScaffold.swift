import Foundation
import SurveyIO
import SurveyModel

/// `cultivar plugins new NAME`: writes a commented plugin, a test fixture whose numbers are
/// right, a survey that uses the plugin and sample responses. Never overwrites a file.
public struct PluginScaffold {
  /// The plugin's name, which is also its id and file name.
  public var name: String
  /// The plugins folder (default `plugins`).
  public var pluginsDirectory: String
  /// The surveys folder (default `surveys`).
  public var surveysDirectory: String
  public var workspace: Workspace

  public init(name: String, pluginsDirectory: String = "plugins", surveysDirectory: String = "surveys", workspace: Workspace = Workspace()) {
    self.name = name
    self.pluginsDirectory = pluginsDirectory
    self.surveysDirectory = surveysDirectory
    self.workspace = workspace
  }

  /// One file to write: its path (as given) and its role.
  public struct File {
    /// The path as given (relative to the working directory unless absolute).
    public let path: String
    /// What the file is for, shown after "created".
    public let role: String
    let text: String
  }

  /// Checks the name and that no file would be overwritten, then writes every file.
  /// - Returns: what was created and the commands to run next.
  /// - Throws: ``AuthoringError`` (bad name, existing files, unwritable folder); nothing is
  ///   written then.
  public func run() throws -> String {
    try Self.validate(name: name)
    let files = plannedFiles
    let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: absolute($0)) }
    if !existing.isEmpty {
      throw AuthoringError("not overwriting \(existing.joined(separator: ", "))", hint: "choose another name, or move the existing files away first")
    }
    let folder = (pluginsDirectory as NSString).appendingPathComponent(name)
    if FileManager.default.fileExists(atPath: absolute(folder)) {
      throw AuthoringError("\(folder) already exists", hint: "choose another name, or move the folder away first")
    }
    if let taken = workspace.catalog().plugin(id: name) {
      throw AuthoringError("a plugin with id '\(name)' already exists: \(taken.file)", hint: "choose another name")
    }
    for file in files {
      do {
        try FileManager.default.createDirectory(
          atPath: (absolute(file.path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try AtomicFile.write(file.text, to: absolute(file.path))
      } catch {
        throw AuthoringError("cannot write \(file.path): \(error)", status: .cannotCreate)
      }
    }
    let width = files.map(\.path.count).max() ?? 0
    var lines = files.map { "created \($0.path.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.role)" }
    let pluginsFlag = pluginsDirectory == "plugins" ? "" : " --plugins \(pluginsDirectory)"
    lines += [
      "", "Next:",
      "  cultivar plugins check \(files[0].path)",
      "  cultivar plugins test \(name)\(pluginsFlag)",
      "  cultivar score \(files[3].path) --responses \(files[4].path)\(pluginsFlag)",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The files `run()` writes, in order: plugin, fixture responses, fixture expectations,
  /// survey, sample responses.
  public var plannedFiles: [File] {
    let folder = (pluginsDirectory as NSString).appendingPathComponent(name)
    let plugin = (folder as NSString).appendingPathComponent("\(name).lua")
    let survey = (surveysDirectory as NSString).appendingPathComponent("\(name).yaml")
    let responses = (surveysDirectory as NSString).appendingPathComponent("\(name)-responses.csv")
    let title = Self.title(for: name)
    return [
      File(
        path: plugin, role: "the framework: edit its questions, dimensions and bands",
        text: PluginTemplate.plugin(name: name, title: title, pluginFile: plugin, responsesFile: responses)),
      File(path: (folder as NSString).appendingPathComponent("tests/example.csv"), role: "test responses", text: PluginTemplate.fixtureResponses),
      File(
        path: (folder as NSString).appendingPathComponent("tests/example.expected.json"), role: "the scores they must give",
        text: PluginTemplate.fixtureExpected),
      File(path: survey, role: "a survey that uses the framework", text: PluginTemplate.survey(name: name, title: title)),
      File(path: responses, role: "sample responses to score", text: PluginTemplate.sampleResponses),
    ]
  }

  /// A name is 2–40 lowercase letters, digits and '-', starting with a letter.
  /// - Throws: ``AuthoringError`` with a usable name to suggest.
  static func validate(name: String) throws {
    let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    guard !allowed || !(2...40).contains(name.count) || !(name.first?.isLetter ?? false) || name.hasSuffix("-") else { return }
    let suggestion = suggestedName(for: name)
    throw AuthoringError(
      "'\(name)' cannot be a plugin name: use 2 to 40 lowercase letters, digits and '-', starting with a letter",
      hint: suggestion.map { "for example 'cultivar plugins new \($0)'" })
  }

  /// "Team Voice!" → "team-voice".
  static func suggestedName(for name: String) -> String? {
    var out = ""
    for c in name.lowercased() {
      if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.isEmpty && out.last != "-" { out.append("-") }
    }
    while out.last == "-" { out.removeLast() }
    while let first = out.first, !first.isLetter { out.removeFirst() }
    out = String(out.prefix(40))
    while out.last == "-" { out.removeLast() }
    return out.count >= 2 && out != name ? out : nil
  }

  /// "team-voice" → "Team voice".
  static func title(for name: String) -> String {
    let words = name.replacingOccurrences(of: "-", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  private func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : (workspace.workingDirectory as NSString).appendingPathComponent(path)
  }
}
