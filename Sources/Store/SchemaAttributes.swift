/// Version 5 of the schema: respondent attributes (location, tenure band ...) as they were
/// when each response was given, and the attributes an invitation sets on its response.
/// Only a declared value's label is stored (a band's label, never the number it came from);
/// an attribute not given has no row.
enum AttributeSchema {
  /// SQLite's tables.
  static let sqlite = """
    CREATE TABLE response_attribute (
      response_id BLOB NOT NULL REFERENCES response(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
      value TEXT NOT NULL CHECK (value <> '' AND length(value) <= 200),
      PRIMARY KEY (response_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE invitation_attribute (
      token_hash TEXT NOT NULL REFERENCES invitation(token_hash) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
      value TEXT NOT NULL CHECK (value <> '' AND length(value) <= 200),
      PRIMARY KEY (token_hash, name)
    ) WITHOUT ROWID;
    """

  /// PostgreSQL's tables (the same keys and checks).
  static let postgres = [
    """
    CREATE TABLE response_attribute (
      response_id BYTEA NOT NULL REFERENCES response(id) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
      value TEXT NOT NULL CHECK (value <> '' AND length(value) <= 200),
      PRIMARY KEY (response_id, name)
    )
    """,
    """
    CREATE TABLE invitation_attribute (
      token_hash TEXT NOT NULL REFERENCES invitation(token_hash) ON DELETE CASCADE,
      name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 200),
      value TEXT NOT NULL CHECK (value <> '' AND length(value) <= 200),
      PRIMARY KEY (token_hash, name)
    )
    """,
  ]
}
