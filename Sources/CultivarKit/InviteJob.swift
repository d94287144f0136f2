import Foundation
import Store
import SurveyIO
import SurveyModel

/// `cultivar invite`: single-use invitation links, one per invitee, for a wave. The group and
/// its size come from `--team T --count N` or from a people file (read for each person's team
/// and declared attribute values only, see ``PeopleFile``). A shared link per team, usable as
/// many times as the team has people, is made only when asked for, with a warning.
public struct InviteJob {
  public var surveyPath: String
  public var wave: String
  /// The team of `count` invitees (or nil with a people file).
  public var team: String?
  public var count: Int?
  /// A CSV file with one row per invitee and a team column.
  public var peoplePath: String?
  public var teamColumn = "team"
  /// One shared link per team instead of one link per person.
  public var shared = false
  /// How many days the links stay valid.
  public var validDays = 30
  /// The resolved store path (see ``StoreLocation``).
  public var storePath: String
  /// The address respondents reach `cultivar serve` at.
  public var baseURL = "http://127.0.0.1:8080"
  /// `NAME=VALUE` respondent attributes every link sets (`--attribute`).
  public var attributes: [String] = []
  public var workspace = Workspace()
  /// Receives warnings (for standard error).
  public var note: (String) -> Void = { _ in }
  /// The most links one run makes.
  public static let maxLinks = 100_000

  public init(surveyPath: String, wave: String, storePath: String) {
    self.surveyPath = surveyPath
    self.wave = wave
    self.storePath = storePath
  }

  /// Creates the invitations (and the wave, if new).
  /// - Returns: one line per link: the team and the link.
  public func run() throws -> String {
    try WaveName.check(wave)
    guard (1...3650).contains(validDays) else { throw UsageError(message: "--expires-in must be between 1 and 3650 days") }
    guard let base = URL(string: baseURL), base.scheme == "http" || base.scheme == "https", base.host != nil else {
      throw UsageError(
        message: "'\(baseURL)' is not an http(s) address",
        hint: "give the address respondents reach 'cultivar serve' at, e.g. --base-url https://survey.example.org")
    }
    let context = try SurveyScoring.load(path: surveyPath, workspace: workspace, note: note)
    // Checked before the store is touched, so a bad attribute or people file creates no wave.
    let attributes = try Self.attributes(self.attributes, survey: context.survey)
    let groups = try self.groups(context.survey)
    if let both = groups.lazy.flatMap({ $0.attributes.keys }).first(where: { attributes[$0] != nil }) {
      throw UsageError(
        message: "--attribute \(both) is given, and the people file has a '\(both)' column too",
        hint: "give each person's \(both) in the file, or drop the column and set it for everyone with --attribute")
    }
    let store = try StoreAccess.open(storePath, workspace: workspace, note: note)
    let waveRef = try store.openWave(wave, survey: context.stamp)
    let root = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    // A group with values from the people file is listed with them, so each link reaches a
    // person it describes.
    let names = groups.map { group in
      group.team
        + (group.attributes.isEmpty
          ? "" : " (" + group.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")")
    }
    let width = names.map(\.count).max() ?? 0
    var lines: [String] = []
    var total = 0
    for (group, name) in zip(groups, names) {
      let terms = InvitationTerms(validDays: validDays, shared: shared, attributes: attributes.merging(group.attributes) { a, _ in a })
      let tokens = try store.invite(to: waveRef, team: group.team, count: group.count, terms: terms)
      total += tokens.count
      for token in tokens { lines.append(name + String(repeating: " ", count: width - name.count) + "  \(root)/t/\(token)") }
      if !terms.attributes.isEmpty, group.count < context.survey.minGroupSize {
        let set = terms.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        note(
          "warning: \(group.count) link\(group.count == 1 ? "" : "s") of team '\(group.team)' set \(set), fewer than the survey's minimum group size (\(context.survey.minGroupSize)): whoever knows who got them can find their responses in the store; set attributes on groups of at least \(context.survey.minGroupSize) people, or let respondents answer them"
        )
      }
      if shared {
        note(
          "warning: team '\(group.team)' gets one shared link that accepts up to \(group.count) responses: anyone holding it can answer more than once, up to that number, so one person can outweigh the others; send single-use links (leave out --shared) where you can"
        )
      }
    }
    let expires = Day.today(Date().addingTimeInterval(Double(validDays) * 86_400))
    let what = shared ? "\(total) shared link\(total == 1 ? "" : "s")" : "\(total) single-use link\(total == 1 ? "" : "s"), one per person"
    let heading =
      "Invitation links for wave '\(wave)' of '\(context.survey.id)': \(what), valid until \(expires) (shown once: the store keeps only a hash of each token)"
    return ([heading] + lines).joined(separator: "\n") + "\n"
  }

  /// The attributes `--attribute NAME=VALUE` sets, by name, as declared values' labels (a
  /// number of a banded attribute becomes its band).
  /// - Throws: ``UsageError`` for a malformed, unknown or repeated attribute or a value the
  ///   survey does not declare.
  static func attributes(_ given: [String], survey: SurveyDefinition) throws -> [String: String] {
    var out: [String: String] = [:]
    let place = survey.file.isEmpty ? "the survey file" : survey.file
    for text in given {
      guard let equals = text.firstIndex(of: "=") else {
        throw UsageError(message: "--attribute '\(text)' is not NAME=VALUE", hint: "for example: --attribute location=Berlin")
      }
      let name = text[..<equals].trimmingCharacters(in: .whitespaces)
      let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      guard let attribute = survey.attributes.first(where: { $0.name == name }) else {
        let names = survey.attributes.map(\.name)
        throw UsageError(
          message: "--attribute '\(text)': '\(name)' is not an attribute of the survey\(Suggestion.hint(for: name, in: names))",
          hint: names.isEmpty
            ? "declare it under 'attributes:' in \(place), e.g. attributes: { \(name.isEmpty ? "location" : name): [A, B] }"
            : "the survey's attributes: \(names.joined(separator: ", "))")
      }
      guard out[name] == nil else { throw UsageError(message: "--attribute '\(name)' is given twice", hint: "give each attribute once") }
      guard !value.isEmpty, let label = attribute.label(of: value, number: NumberParser.parse(value)) else {
        throw UsageError(message: "--attribute '\(text)': \(attribute.refusal(value))", hint: "give one of the values declared in \(place)")
      }
      out[name] = label
    }
    return out
  }

  /// The teams (with the attribute values a people file gives) and how many people each has.
  private func groups(_ survey: SurveyDefinition) throws -> [PeopleFile.Group] {
    let groups: [PeopleFile.Group]
    if let peoplePath {
      guard team == nil, count == nil else {
        throw UsageError(message: "give either --people or --team with --count, not both")
      }
      groups = try PeopleFile.groups(
        path: peoplePath, displayName: workspace.display(peoplePath), teamColumn: teamColumn, attributes: survey.attributes)
    } else {
      guard let team, let count else {
        throw UsageError(
          message: "say who is invited",
          hint: "give --team T --count N (N people in team T), or --people FILE (a CSV with a 'team' column, one row per person)")
      }
      let name = team.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
        throw UsageError(message: "the team name is empty or contains a control character")
      }
      guard count >= 1 else { throw UsageError(message: "--count must be at least 1 (the number of people invited)") }
      groups = [PeopleFile.Group(team: name, attributes: [:], count: count)]
    }
    let links = shared ? groups.count : groups.reduce(0) { $0 + $1.count }
    guard links <= Self.maxLinks else {
      throw UsageError(message: "\(links) links at once is more than \(Self.maxLinks)", hint: "invite in several runs")
    }
    return groups
  }
}
