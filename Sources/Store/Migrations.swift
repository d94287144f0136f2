import GRDB

/// The store's one list of schema versions, for both backends. Each step says what it does
/// to SQLite and to PostgreSQL; a step whose SQL is the same on both is written once
/// (``Migration/init(_:_:both:)``). A store is brought up to date when it is opened: the
/// steps it has not had are applied in order, each in its own transaction, and recorded
/// (SQLite: GRDB's `grdb_migrations`; PostgreSQL: `cultivar_migration`). Never edit a shipped
/// step: append one.
///
/// Adding a column is one new entry here, e.g.
/// `Migration(4, "response language", both: ["ALTER TABLE response ADD COLUMN language TEXT"])`,
/// and then the queries that read or write it in each backend.
public struct Migration: Sendable {
  /// What a step does to one backend.
  public enum Step: Sendable {
    /// Statements run one after another.
    case statements([String])
    /// A change that needs code (SQLite's table rebuilds), run inside the step's transaction.
    case sqlite(@Sendable (Database) throws -> Void)
  }

  /// The version this step brings the store to (1, 2, ...).
  public let version: Int
  /// What the step is for.
  public let name: String
  public let sqlite: Step
  /// PostgreSQL's statements.
  public let postgres: [String]

  /// The step's identifier as recorded in SQLite stores (`v2: ...`).
  public var identifier: String { "v\(version): \(name)" }

  /// A step with one dialect each.
  public init(_ version: Int, _ name: String, sqlite: Step, postgres: [String]) {
    self.version = version
    self.name = name
    self.sqlite = sqlite
    self.postgres = postgres
  }

  /// A step whose statements are the same on both backends.
  public init(_ version: Int, _ name: String, both statements: [String]) {
    self.init(version, name, sqlite: .statements(statements), postgres: statements)
  }

  /// Every step, oldest first.
  public static let all: [Migration] = [
    Migration(1, "surveys, waves, responses, answers, invitations", sqlite: .statements([Schema.version1]), postgres: PostgresSchema.version1),
    Migration(2, "random response ids, single-use tokens, staged imports", sqlite: .sqlite(SchemaV2.migrate), postgres: PostgresSchema.version2),
    Migration(3, "comments", sqlite: .statements([Schema.comments]), postgres: PostgresSchema.comments),
    // NULL: not recorded (imports, and surveys that name no languages).
    Migration(
      4, "the language each response was given in",
      both: ["ALTER TABLE response ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 35)"]),
    Migration(5, "respondent attributes as given", sqlite: .statements([AttributeSchema.sqlite]), postgres: AttributeSchema.postgres),
    // PostgreSQL fixes a view's columns when it is made: the view is made again to show the
    // columns added since (the language, for `--by language`). SQLite's view reads them already.
    Migration(6, "readers see the columns added to responses", sqlite: .statements([]), postgres: [PostgresSchema.visibleResponse]),
    // PostgreSQL reads a wave's answers fastest with the response (one row per response, not
    // one index range each); SQLite's answers are already stored by response (WITHOUT ROWID).
    Migration(7, "each response's answers stored with it", sqlite: .statements([]), postgres: PostgresSchema.packedAnswers),
    // PostgreSQL looked up each response's import to hide staged rows; SQLite's view is unchanged.
    Migration(
      8, "readers find the finished imports once per read", sqlite: .statements([]), postgres: [PostgresSchema.visibleResponseByDoneImports]),
    // PostgreSQL ships each response's answers as Cultivar packed them (item numbers and
    // values) instead of converting its arrays for every read; SQLite reads its rows directly.
    Migration(9, "answers kept ready to ship", sqlite: .statements([]), postgres: PostgresSchema.answerPacks),
    // PostgreSQL keeps a wave's scoring pages built, so a read copies pages instead of walking
    // an index entry per response; SQLite reads its rows directly.
    Migration(10, "scoring pages kept ready", sqlite: .statements([]), postgres: PostgresSchema.wavePages),
  ]

  /// The newest version this Cultivar knows.
  public static var latest: Int { all.map(\.version).max() ?? 0 }
}
