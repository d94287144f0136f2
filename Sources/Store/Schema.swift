import GRDB

/// The store's schema, as a list of migrations applied in order. A store written by an older
/// Cultivar is brought up to date when it is opened; never edit a shipped migration, add one.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: surveys, waves, responses, answers, invitations") { db in
      try db.execute(sql: version1)
    }
    migrator.registerMigration("v2: random response ids, single-use tokens, staged imports") { db in
      try SchemaV2.migrate(db)
    }
    migrator.registerMigration("v3: comments") { db in
      try db.execute(sql: comments)
    }
    migrator.registerMigration("v4: the language each response was given in") { db in
      // NULL: not recorded (imports, and surveys that name no languages).
      try db.execute(sql: "ALTER TABLE response ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 35)")
    }
    return migrator
  }

  /// Comments (answers to `type = "text"` items), kept apart from the numeric answers so that
  /// nothing that reads answers can reach them. Deleted with their response.
  static let comments = """
    CREATE TABLE comment (
      response_id BLOB NOT NULL REFERENCES response(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL,
      text TEXT NOT NULL CHECK (text <> ''),
      PRIMARY KEY (response_id, item_id)
    ) WITHOUT ROWID;
    """

  /// Version 1. Days are `YYYY-MM-DD` (UTC); nothing finer is stored.
  static let version1 = """
    CREATE TABLE survey (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      created_on TEXT NOT NULL
    );
    CREATE TABLE wave (
      id INTEGER PRIMARY KEY,
      survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      created_on TEXT NOT NULL,
      UNIQUE (survey_id, name)
    );
    CREATE TABLE wave_plugin (
      wave_id INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
      plugin_id TEXT NOT NULL,
      version TEXT NOT NULL,
      first_used_on TEXT NOT NULL,
      PRIMARY KEY (wave_id, plugin_id, version)
    ) WITHOUT ROWID;
    CREATE TABLE import_batch (
      id INTEGER PRIMARY KEY,
      wave_id INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
      source TEXT NOT NULL,
      format TEXT NOT NULL,
      imported_on TEXT NOT NULL,
      rows_read INTEGER NOT NULL DEFAULT 0,
      imported INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      duplicates INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE response (
      id INTEGER PRIMARY KEY,
      wave_id INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
      team TEXT NOT NULL CHECK (team <> ''),
      channel TEXT NOT NULL CHECK (channel IN ('import', 'terminal', 'web')),
      import_id INTEGER REFERENCES import_batch(id) ON DELETE CASCADE,
      source_key TEXT,
      received_on TEXT NOT NULL,
      UNIQUE (wave_id, source_key)
    );
    CREATE INDEX response_by_wave ON response (wave_id, id);
    CREATE TABLE answer (
      response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL,
      value REAL NOT NULL,
      PRIMARY KEY (response_id, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE invitation (
      id INTEGER PRIMARY KEY,
      wave_id INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
      team TEXT NOT NULL CHECK (team <> ''),
      token_hash TEXT NOT NULL UNIQUE,
      created_on TEXT NOT NULL
    );
    CREATE TABLE form_ticket (
      hash TEXT PRIMARY KEY,
      invitation_id INTEGER NOT NULL REFERENCES invitation(id) ON DELETE CASCADE,
      issued_on TEXT NOT NULL,
      used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
    ) WITHOUT ROWID;
    """
}
