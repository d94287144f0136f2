import Foundation
import Store
import SurveyModel

/// `cultivar store copy FROM TO`: copies one wave (or every wave) of a survey, or of every
/// survey, from one store to another, SQLite or PostgreSQL either way. Responses keep their
/// random ids (so both stores read them in the same order and score them identically),
/// answers, days, import records and invitations (hashes only). Each wave is written in one
/// transaction: all of it or none of it.
public struct StoreCopyJob {
  public var from: String
  public var to: String
  /// The survey id (nil = every survey).
  public var survey: String?
  /// The wave (nil = every wave).
  public var wave: String?
  public var workspace = Workspace()
  /// Receives the line saying a database was set up as a store, and warnings.
  public var note: (String) -> Void = { _ in }

  public init(from: String, to: String) {
    self.from = from
    self.to = to
  }

  /// Copies the waves.
  /// - Returns: one line per wave copied.
  /// - Throws: ``UsageError``, ``StoreError`` (e.g. the wave is already in the target).
  public func run() throws -> String {
    if wave != nil, survey == nil {
      throw UsageError(
        message: "--wave needs --survey (wave names are per survey)",
        hint: "e.g. cultivar store copy FROM TO --survey learning-culture --wave 2026-q3")
    }
    if let wave { try WaveName.check(wave) }
    let source = try StoreAddress.parse(from)
    let target = try StoreAddress.parse(to)
    if source == target || sameFile(source, target) {
      throw UsageError(message: "the source and the target are the same store (\(source.display))", hint: "name another store to copy into")
    }
    let sourceStore = try StoreAccess.open(from, workspace: workspace, create: false, note: note)
    var plan: [(SurveyStamp, WaveRef)] = []
    let surveys = try sourceStore.surveys().filter { survey == nil || $0.key == survey }
    if let survey, surveys.isEmpty {
      throw StoreError(
        kind: .notFound, store: sourceStore.name, message: "no survey '\(survey)'",
        hint: "surveys in this store: \(try sourceStore.surveys().map(\.key).joined(separator: ", "))")
    }
    for stamp in surveys {
      if let wave {
        plan.append((stamp, try sourceStore.wave(wave, survey: stamp.key)))
      } else {
        for info in try sourceStore.waves(survey: stamp.key) { plan.append((stamp, try sourceStore.wave(info.name, survey: stamp.key))) }
      }
    }
    guard !plan.isEmpty else { return "\(sourceStore.name) holds no waves: nothing was copied\n" }
    let targetStore = try StoreAccess.open(to, workspace: workspace, create: true, note: note)
    var lines: [String] = []
    for (stamp, ref) in plan {
      let count = try targetStore.receiveWave(try sourceStore.exportWave(ref), survey: stamp)
      lines.append(
        "copied wave '\(ref.name)' of survey '\(stamp.key)': \(Counted.phrase(count, "response")) from \(sourceStore.name) to \(targetStore.name)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func sameFile(_ a: StoreAddress, _ b: StoreAddress) -> Bool {
    guard case .file(let x) = a, case .file(let y) = b else { return false }
    let resolve = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
    return resolve(x) == resolve(y)
  }
}
