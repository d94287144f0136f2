import Foundation
import PostgresNIO
import Store
import SurveyModel

extension PostgresStore {
  public func exportWave(_ wave: WaveRef) throws -> WaveExport {
    let (createdOn, plugins, batches, invitations) = try exclusive(.cannotOpen) { db in
      try db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
        let createdOn = try db.rows("SELECT created_on FROM wave WHERE id = \(wave.id)").first?.decode(String.self) ?? Day.today()
        let plugins = try db.rows(
          "SELECT plugin_id, version, first_used_on FROM wave_plugin WHERE wave_id = \(wave.id) ORDER BY plugin_id COLLATE \"C\", version COLLATE \"C\""
        ).map { row in
          let (id, version, first) = try row.decode((String, String, String).self)
          return (PluginVersion(id: id, version: version), firstUsedOn: first)
        }
        let batches = try db.rows(
          "SELECT id, source, format, imported_on, rows_read, imported, rejected, duplicates FROM import_batch WHERE wave_id = \(wave.id) AND state = 'done' ORDER BY id"
        ).map { row in
          let (id, source, format, on, read, imported, rejected, duplicates) = try row.decode(
            (Int64, String, String, String, Int, Int, Int, Int).self)
          var counts = ImportCounts()
          (counts.rowsRead, counts.imported, counts.rejected, counts.duplicates) = (read, imported, rejected, duplicates)
          return (id, ExportedImport(source: source, format: format, importedOn: on, counts: counts))
        }
        let plain = try db.rows(
          "SELECT token_hash, team, created_on, expires_on, uses_left, shared FROM invitation WHERE wave_id = \(wave.id) ORDER BY token_hash COLLATE \"C\""
        ).map { row in
          let (hash, team, created, expires, left, shared) = try row.decode((String, String, String, String, Int, Int).self)
          return ExportedInvitation(tokenHash: hash, team: team, createdOn: created, expiresOn: expires, usesLeft: left, shared: shared != 0)
        }
        var invitationAttributes: [String: [String: String]] = [:]
        for row in try db.rows(
          "SELECT i.token_hash, i.name, i.value FROM invitation_attribute i JOIN invitation ON invitation.token_hash = i.token_hash WHERE invitation.wave_id = \(wave.id)"
        ) {
          let (hash, name, value) = try row.decode((String, String, String).self)
          invitationAttributes[hash, default: [:]][name] = value
        }
        let invitations = plain.map { invitation in
          var invitation = invitation
          invitation.attributes = invitationAttributes[invitation.tokenHash] ?? [:]
          return invitation
        }
        return (createdOn, plugins, batches, invitations)
      }
    }
    let indexOfImport = Dictionary(uniqueKeysWithValues: batches.enumerated().map { ($1.0, $0) })
    let cursor = try PostgresCursor(
      link: link,
      query: """
        SELECT r.id, r.team, r.channel, r.import_id, r.source_key, r.received_on, r.language, r.answer_items, r.answer_values, c.items, c.texts, g.names, g.vals FROM visible_response r
        LEFT JOIN LATERAL (SELECT array_agg(item_id ORDER BY item_id COLLATE \"C\") AS items, array_agg(text ORDER BY item_id COLLATE \"C\") AS texts FROM comment WHERE comment.response_id = r.id) c ON true
        LEFT JOIN LATERAL (SELECT array_agg(name ORDER BY name COLLATE \"C\") AS names, array_agg(value ORDER BY name COLLATE \"C\") AS vals FROM response_attribute WHERE response_attribute.response_id = r.id) g ON true
        WHERE r.wave_id = \(wave.id) ORDER BY r.id
        """)
    return WaveExport(name: wave.name, createdOn: createdOn, plugins: plugins, imports: batches.map(\.1), invitations: invitations) {
      try cursor.nextPage().map { row in
        let (id, team, channel, importID, key, received, language, items, values, commented, texts, names, given) = try row.decode(
          (Data, String, String, Int64?, String?, String, String?, [String], [Double], [String]?, [String]?, [String]?, [String]?).self)
        return ExportedResponse(
          id: id, team: team, channel: channel, importIndex: importID.flatMap { indexOfImport[$0] }, sourceKey: key, receivedOn: received,
          answers: Array(zip(items, values)), comments: Array(zip(commented ?? [], texts ?? [])),
          attributes: Array(zip(names ?? [], given ?? [])), language: language)
      }
    }
  }

  public func receiveWave(_ export: WaveExport, survey: SurveyStamp) throws -> Int {
    let (copied, waveID) = try exclusive(.writeFailed) { db in
      try db.transaction { () -> (Int, Int64) in
        let wave = try Self.openWave(db, name: export.name, survey: SurveyStamp(key: survey.key, title: survey.title, plugins: []))
        try db.run("SELECT id FROM wave WHERE id = \(wave.id) FOR UPDATE")
        let present = try db.rows("SELECT COUNT(*) FROM response WHERE wave_id = \(wave.id)")[0].decode(Int.self)
        guard present == 0 else {
          throw StoreError(
            kind: .writeFailed, store: name,
            message: "wave '\(export.name)' of survey '\(survey.key)' already holds \(Counted.phrase(present, "response")) here",
            hint: "nothing was copied; copy into a store (or database) that does not have this wave yet")
        }
        try db.run("UPDATE wave SET created_on = \(export.createdOn) WHERE id = \(wave.id)")
        for (plugin, firstUsedOn) in export.plugins {
          try db.run(
            "INSERT INTO wave_plugin (wave_id, plugin_id, version, first_used_on) VALUES (\(wave.id), \(plugin.id), \(plugin.version), \(firstUsedOn)) ON CONFLICT DO NOTHING"
          )
        }
        var importIDs: [Int64] = []
        for batch in export.imports {
          let c = batch.counts
          importIDs.append(
            try db.rows(
              "INSERT INTO import_batch (wave_id, source, format, imported_on, rows_read, imported, rejected, duplicates) VALUES (\(wave.id), \(batch.source), \(batch.format), \(batch.importedOn), \(c.rowsRead), \(c.imported), \(c.rejected), \(c.duplicates)) RETURNING id"
            )[0].decode(Int64.self))
        }
        for invitation in export.invitations {
          try db.run(
            "INSERT INTO invitation (token_hash, wave_id, team, created_on, expires_on, uses_left, shared) VALUES (\(invitation.tokenHash), \(wave.id), \(invitation.team), \(invitation.createdOn), \(invitation.expiresOn), \(invitation.usesLeft), \(invitation.shared ? 1 : 0)) ON CONFLICT DO NOTHING"
          )
          let given = invitation.attributes.sorted { $0.key < $1.key }
          try db.run(
            "INSERT INTO invitation_attribute (token_hash, name, value) SELECT \(invitation.tokenHash), * FROM unnest(\(given.map(\.key))::text[], \(given.map(\.value))::text[]) ON CONFLICT DO NOTHING"
          )
        }
        var count = 0
        var numbers: [String: Int32] = [:]
        while case let page = try export.nextResponses(), !page.isEmpty {
          // The page's new items numbered in this transaction (the wave is new here, or empty
          // and locked), then each response's pack.
          try WaveItems.complete(&numbers, with: page.lazy.flatMap { $0.answers.map(\.0) }, db, wave: wave.id, store: name)
          // A pack too long to write is sent empty and stored as NULL.
          let packs = page.map { response in
            ByteBuffer(bytes: AnswerPack.encode(team: response.team, response.answers.map { (numbers[$0.0]!, $0.1) }) ?? [])
          }
          var answerIDs: [ByteBuffer] = []
          var items: [String] = []
          var values: [Double] = []
          var ordinals: [Int64] = []
          var commentIDs: [ByteBuffer] = []
          var commentItems: [String] = []
          var texts: [String] = []
          var attributeIDs: [ByteBuffer] = []
          var names: [String] = []
          var given: [String] = []
          for response in page {
            for (name, value) in response.attributes {
              attributeIDs.append(ByteBuffer(bytes: response.id))
              names.append(name)
              given.append(value)
            }
            for (item, value) in response.answers {
              answerIDs.append(ByteBuffer(bytes: response.id))
              items.append(item)
              values.append(value)
              ordinals.append(Int64(items.count))
            }
            for (item, text) in response.comments {
              commentIDs.append(ByteBuffer(bytes: response.id))
              commentItems.append(item)
              texts.append(text)
            }
          }
          try db.run(
            """
            INSERT INTO response (id, wave_id, team, channel, import_id, source_key, received_on, language, answer_items, answer_values, answer_pack)
            SELECT t.id, \(wave.id), t.team, t.channel, NULLIF(t.import_id, 0), NULLIF(t.key, ''), t.received, NULLIF(t.language, ''),
              COALESCE(a.items, '{}'), COALESCE(a.vals, '{}'), NULLIF(t.pack, ''::bytea)
            FROM unnest(\(page.map { ByteBuffer(bytes: $0.id) })::bytea[], \(page.map(\.team))::text[], \(page.map(\.channel))::text[],
              \(page.map { $0.importIndex.map { importIDs[$0] } ?? 0 })::bigint[], \(page.map { $0.sourceKey ?? "" })::text[], \(page.map(\.receivedOn))::text[],
              \(page.map { $0.language ?? "" })::text[], \(packs)::bytea[])
              AS t(id, team, channel, import_id, key, received, language, pack)
            LEFT JOIN (
              SELECT id, array_agg(item ORDER BY n) AS items, array_agg(value ORDER BY n) AS vals
              FROM unnest(\(answerIDs)::bytea[], \(items)::text[], \(values)::float8[], \(ordinals)::int8[]) AS u(id, item, value, n) GROUP BY id
            ) a ON a.id = t.id
            ORDER BY t.id
            """)
          try db.run(
            "INSERT INTO comment (response_id, item_id, text) SELECT * FROM unnest(\(commentIDs)::bytea[], \(commentItems)::text[], \(texts)::text[])"
          )
          try db.run(
            "INSERT INTO response_attribute (response_id, name, value) SELECT * FROM unnest(\(attributeIDs)::bytea[], \(names)::text[], \(given)::text[])"
          )
          count += page.count
        }
        return (count, wave.id)
      }
    }
    try? exclusive(.writeFailed) { db in PackBackfill.markVisible(db) }
    keepPagesReady(wave: waveID)
    return copied
  }
}
