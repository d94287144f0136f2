import GRDB

/// Version 2 of the schema: responses that reveal no order and no link to an invitation,
/// single-use invitation tokens with expiry, expiring form tickets, staged imports.
enum SchemaV2 {
  /// Applied inside the migration's transaction (GRDB checks foreign keys at its end).
  static func migrate(_ db: Database) throws {
    // Responses get random 128-bit ids; the new tables are WITHOUT ROWID, so rows are stored
    // in the order of those random ids. Old rows are copied in the order of their new ids.
    try db.execute(
      sql: """
        CREATE TABLE response_v2 (
          id BLOB PRIMARY KEY CHECK (typeof(id) = 'blob' AND length(id) = 16),
          wave_id INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
          team TEXT NOT NULL CHECK (team <> ''),
          channel TEXT NOT NULL CHECK (channel IN ('import', 'terminal', 'web')),
          import_id INTEGER REFERENCES import_batch(id) ON DELETE CASCADE,
          source_key TEXT,
          received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          UNIQUE (wave_id, source_key)
        ) WITHOUT ROWID;
        CREATE TABLE answer_v2 (
          response_id BLOB NOT NULL REFERENCES response_v2(id) ON DELETE CASCADE,
          item_id TEXT NOT NULL,
          value REAL NOT NULL,
          PRIMARY KEY (response_id, item_id)
        ) WITHOUT ROWID;
        CREATE TEMP TABLE response_id_map (old INTEGER PRIMARY KEY, new BLOB NOT NULL UNIQUE);
        INSERT INTO response_id_map (old, new) SELECT id, randomblob(16) FROM response;
        INSERT INTO response_v2 (id, wave_id, team, channel, import_id, source_key, received_on)
          SELECT m.new, r.wave_id, r.team, r.channel, r.import_id, r.source_key, r.received_on
          FROM response r JOIN response_id_map m ON m.old = r.id ORDER BY m.new;
        INSERT INTO answer_v2 (response_id, item_id, value)
          SELECT m.new, a.item_id, a.value FROM answer a JOIN response_id_map m ON m.old = a.response_id
          ORDER BY m.new, a.item_id;
        DROP TABLE response_id_map;
        DROP TABLE answer;
        DROP TABLE response;
        ALTER TABLE response_v2 RENAME TO response;
        ALTER TABLE answer_v2 RENAME TO answer;
        CREATE INDEX response_by_wave ON response (wave_id, id);
        CREATE INDEX response_by_import ON response (import_id) WHERE import_id IS NOT NULL;
        """)
    // Imports are written in short transactions and made visible at the end in one.
    try db.execute(
      sql: """
        ALTER TABLE import_batch ADD COLUMN state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('staging', 'done'));
        ALTER TABLE import_batch ADD COLUMN owner TEXT;
        ALTER TABLE wave ADD COLUMN staged_by INTEGER;
        CREATE VIEW visible_response AS
          SELECT response.* FROM response
          WHERE import_id IS NULL OR EXISTS (SELECT 1 FROM import_batch b WHERE b.id = response.import_id AND b.state = 'done');
        """)
    // Invitations: one token per invitee (or a shared link capped at a headcount), kept by
    // hash, in the order of the hashes. Version 1's team-wide links had no limit: they are
    // kept only as expired, so they can no longer be answered.
    try db.execute(
      sql: """
        CREATE TABLE invitation_v2 (
          token_hash TEXT PRIMARY KEY,
          wave_id INTEGER NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
          team TEXT NOT NULL CHECK (team <> ''),
          created_on TEXT NOT NULL,
          expires_on TEXT NOT NULL,
          uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
          shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1))
        ) WITHOUT ROWID;
        INSERT INTO invitation_v2 (token_hash, wave_id, team, created_on, expires_on, uses_left, shared)
          SELECT token_hash, wave_id, team, created_on, created_on, 0, 1 FROM invitation ORDER BY token_hash;
        DROP TABLE form_ticket;
        DROP TABLE invitation;
        ALTER TABLE invitation_v2 RENAME TO invitation;
        CREATE INDEX invitation_by_wave ON invitation (wave_id, team);
        CREATE TABLE form_ticket (
          hash TEXT PRIMARY KEY,
          token_hash TEXT NOT NULL REFERENCES invitation(token_hash) ON DELETE CASCADE,
          expires_hour INTEGER NOT NULL,
          used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
        ) WITHOUT ROWID;
        CREATE INDEX form_ticket_by_token ON form_ticket (token_hash);
        CREATE INDEX form_ticket_by_expiry ON form_ticket (expires_hour);
        """)
  }
}
