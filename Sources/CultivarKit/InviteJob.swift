import Foundation
import Store

/// `cultivar invite`: one invitation link per team for a wave.
public struct InviteJob {
  public var surveyPath: String
  public var wave: String
  public var teams: [String]
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  /// The address respondents reach `cultivar serve` at.
  public var baseURL = "http://127.0.0.1:8080"
  public var workspace = Workspace()
  public var note: (String) -> Void = { _ in }

  public init(surveyPath: String, wave: String, teams: [String], storePath: String) {
    self.surveyPath = surveyPath
    self.wave = wave
    self.teams = teams
    self.storePath = storePath
  }

  /// Creates the invitations (and the wave, if new).
  /// - Returns: one line per team with its link.
  public func run() throws -> String {
    try WaveName.check(wave)
    let names = teams.map { $0.trimmingCharacters(in: .whitespaces) }
    guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
      throw UsageError(message: "a team name is empty", hint: "list the teams separated by commas, e.g. --teams Engineering,Sales")
    }
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw UsageError(message: "team '\(repeated)' is listed twice")
    }
    guard let base = URL(string: baseURL), base.scheme == "http" || base.scheme == "https", base.host != nil else {
      throw UsageError(message: "'\(baseURL)' is not an http(s) address", hint: "give the address respondents reach 'cultivar serve' at, e.g. --base-url https://survey.example.org")
    }
    let context = try SurveyContext.load(path: surveyPath, workspace: workspace, note: note)
    let store = try ResponseStore(path: storePath, displayName: workspace.display(storePath))
    let waveRef = try store.openWave(wave, survey: context.stamp)
    let links = try store.invite(to: waveRef, teams: names)
    let root = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    let width = names.map(\.count).max() ?? 0
    var lines = ["Invitation links for wave '\(wave)' of '\(context.survey.id)' (shown once: the store keeps only a hash of each token):"]
    for (team, token) in links {
      lines.append(team + String(repeating: " ", count: width - team.count) + "  \(root)/t/\(token)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
