import Store
import SurveyIO
import SurveyModel

/// Reading a wave of the response store instead of a response file: what `score --wave` and
/// `compare --wave` share.
enum StoreInput {
  /// The responses of wave `name` of the survey, as a ``ResponseSource``.
  /// - Parameters:
  ///   - storePath: the resolved store path (see ``StoreLocation``).
  ///   - itemIDs: the item of each value slot of the scoring plan.
  ///   - byLanguage: group the responses by the language they were given in, not by team.
  ///   - attributes: the survey's attributes, for a run that cuts by them (each response's
  ///     group then carries its stored values); empty otherwise.
  /// - Throws: ``StoreError`` when there is no store or no such wave.
  static func open(
    wave name: String, storePath: String, surveyID: String, itemIDs: [String], workspace: Workspace, byLanguage: Bool = false,
    attributes: [Attribute] = []
  ) throws -> any ResponseSource {
    let (store, wave) = try find(wave: name, storePath: storePath, surveyID: surveyID, workspace: workspace)
    return try store.responses(of: wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: attributes)
  }

  /// The same responses cut into pieces for the scoring pipeline (see
  /// ``ResponseStoring/responseBatches(of:itemIDs:byLanguage:attributes:)``): what `score --wave`
  /// reads, on as many workers as it has (and, on PostgreSQL, as many connections: `readers`).
  static func batches(
    wave name: String, storePath: String, surveyID: String, itemIDs: [String], workspace: Workspace, byLanguage: Bool = false,
    attributes: [Attribute] = [], readers: Int
  ) throws -> any RowBatchSource {
    let (store, wave) = try find(wave: name, storePath: storePath, surveyID: surveyID, workspace: workspace)
    return try store.responseBatches(of: wave, itemIDs: itemIDs, byLanguage: byLanguage, attributes: attributes, readers: readers)
  }

  private static func find(wave name: String, storePath: String, surveyID: String, workspace: Workspace) throws -> (any ResponseStoring, WaveRef) {
    try WaveName.check(name)
    let store = try StoreAccess.open(storePath, workspace: workspace, create: false)
    return (store, try store.wave(name, survey: surveyID))
  }
}
