import Foundation
import GRDB
import SurveyModel

extension ResponseStore {
  /// Everything of a wave that moves with it (``ResponseStoring/exportWave(_:)``), read from
  /// one snapshot; responses come a page at a time, by id.
  public func exportWave(_ wave: WaveRef) throws -> WaveExport {
    try checkIntegrityOnce()
    let snapshot = try makeSnapshot()
    let (createdOn, plugins, batches, invitations) = try snapshot.read { db in
      let createdOn = try String.fetchOne(db, sql: "SELECT created_on FROM wave WHERE id = ?", arguments: [wave.id]) ?? Day.today()
      let plugins = try Row.fetchAll(
        db, sql: "SELECT plugin_id, version, first_used_on FROM wave_plugin WHERE wave_id = ? ORDER BY plugin_id, version", arguments: [wave.id]
      )
      .map { (PluginVersion(id: $0[0], version: $0[1]), firstUsedOn: $0[2] as String) }
      let batches = try Row.fetchAll(
        db,
        sql:
          "SELECT id, source, format, imported_on, rows_read, imported, rejected, duplicates FROM import_batch WHERE wave_id = ? AND state = 'done' ORDER BY id",
        arguments: [wave.id])
      let invitations = try Row.fetchAll(
        db, sql: "SELECT token_hash, team, created_on, expires_on, uses_left, shared FROM invitation WHERE wave_id = ? ORDER BY token_hash",
        arguments: [wave.id]
      )
      .map { ExportedInvitation(tokenHash: $0[0], team: $0[1], createdOn: $0[2], expiresOn: $0[3], usesLeft: $0[4], shared: $0[5]) }
      .map { invitation in
        var invitation = invitation
        invitation.attributes = try Self.invitationAttributes(db, hash: invitation.tokenHash)
        return invitation
      }
      return (createdOn, plugins, batches, invitations)
    }
    var indexOfImport: [Int64: Int] = [:]
    let imports = batches.enumerated().map { index, row -> ExportedImport in
      indexOfImport[row[0]] = index
      var counts = ImportCounts()
      (counts.rowsRead, counts.imported, counts.rejected, counts.duplicates) = (row[4], row[5], row[6], row[7])
      return ExportedImport(source: row[1], format: row[2], importedOn: row[3], counts: counts)
    }
    var afterID = Data()
    let mapping = indexOfImport
    return WaveExport(name: wave.name, createdOn: createdOn, plugins: plugins, imports: imports, invitations: invitations) {
      let after = afterID
      let page = try snapshot.read { db -> [ExportedResponse] in
        let heads = try Row.fetchAll(
          db,
          sql:
            "SELECT id, team, channel, import_id, source_key, received_on, language FROM visible_response WHERE wave_id = ? AND id > ? ORDER BY id LIMIT 2000",
          arguments: [wave.id, after])
        guard let first = heads.first, let last = heads.last else { return [] }
        var answers: [Data: [(String, Double)]] = [:]
        let rows = try Row.fetchCursor(
          db, sql: "SELECT response_id, item_id, value FROM answer WHERE response_id BETWEEN ? AND ? ORDER BY response_id, item_id",
          arguments: [first[0] as Data, last[0] as Data])
        while let row = try rows.next() { answers[row[0], default: []].append((row[1], row[2])) }
        var comments: [Data: [(String, String)]] = [:]
        let written = try Row.fetchCursor(
          db, sql: "SELECT response_id, item_id, text FROM comment WHERE response_id BETWEEN ? AND ? ORDER BY response_id, item_id",
          arguments: [first[0] as Data, last[0] as Data])
        while let row = try written.next() { comments[row[0], default: []].append((row[1], row[2])) }
        var attributes: [Data: [(String, String)]] = [:]
        let given = try Row.fetchCursor(
          db, sql: "SELECT response_id, name, value FROM response_attribute WHERE response_id BETWEEN ? AND ? ORDER BY response_id, name",
          arguments: [first[0] as Data, last[0] as Data])
        while let row = try given.next() { attributes[row[0], default: []].append((row[1], row[2])) }
        return heads.map { head in
          let id: Data = head[0]
          let importID: Int64? = head[3]
          return ExportedResponse(
            id: id, team: head[1], channel: head[2], importIndex: importID.flatMap { mapping[$0] }, sourceKey: head[4], receivedOn: head[5],
            answers: answers[id] ?? [], comments: comments[id] ?? [], attributes: attributes[id] ?? [], language: head[6])
        }
      }
      if let last = page.last { afterID = last.id }
      return page
    }
  }

  /// Writes a wave exported from another store in one transaction (all of it or nothing).
  /// - Throws: ``StoreError`` of kind `.writeFailed` when the wave already holds responses here.
  public func receiveWave(_ export: WaveExport, survey: SurveyStamp) throws -> Int {
    try write { db in
      let wave = try Self.openWave(db, name: export.name, survey: SurveyStamp(key: survey.key, title: survey.title, plugins: []))
      let present = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response WHERE wave_id = ?", arguments: [wave.id]) ?? 0
      guard present == 0 else {
        throw StoreError(
          kind: .writeFailed, store: name,
          message: "wave '\(export.name)' of survey '\(survey.key)' already holds \(Counted.phrase(present, "response")) here",
          hint: "nothing was copied; copy into a store (or database) that does not have this wave yet")
      }
      try db.execute(sql: "UPDATE wave SET created_on = ? WHERE id = ?", arguments: [export.createdOn, wave.id])
      for (plugin, firstUsedOn) in export.plugins {
        try db.execute(
          sql: "INSERT INTO wave_plugin (wave_id, plugin_id, version, first_used_on) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
          arguments: [wave.id, plugin.id, plugin.version, firstUsedOn])
      }
      var importIDs: [Int64] = []
      for batch in export.imports {
        let c = batch.counts
        try db.execute(
          sql:
            "INSERT INTO import_batch (wave_id, source, format, imported_on, rows_read, imported, rejected, duplicates) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          arguments: [wave.id, batch.source, batch.format, batch.importedOn, c.rowsRead, c.imported, c.rejected, c.duplicates])
        importIDs.append(db.lastInsertedRowID)
      }
      for invitation in export.invitations {
        try db.execute(
          sql:
            "INSERT INTO invitation (token_hash, wave_id, team, created_on, expires_on, uses_left, shared) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          arguments: [
            invitation.tokenHash, wave.id, invitation.team, invitation.createdOn, invitation.expiresOn, invitation.usesLeft, invitation.shared,
          ])
        for (name, value) in invitation.attributes.sorted(by: { $0.key < $1.key }) {
          try db.execute(
            sql: "INSERT INTO invitation_attribute (token_hash, name, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [invitation.tokenHash, name, value])
        }
      }
      let insertResponse = try db.makeStatement(
        sql: "INSERT INTO response (id, wave_id, team, channel, import_id, source_key, received_on, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      let insertAnswer = try db.makeStatement(sql: "INSERT INTO answer (response_id, item_id, value) VALUES (?, ?, ?)")
      let insertComment = try db.makeStatement(sql: "INSERT INTO comment (response_id, item_id, text) VALUES (?, ?, ?)")
      var count = 0
      while case let page = try export.nextResponses(), !page.isEmpty {
        for response in page {
          let importID = response.importIndex.map { importIDs[$0] }
          try insertResponse.execute(arguments: [
            response.id, wave.id, response.team, response.channel, importID, response.sourceKey, response.receivedOn, response.language,
          ])
          for (item, value) in response.answers { try insertAnswer.execute(arguments: [response.id, item, value]) }
          for (item, text) in response.comments { try insertComment.execute(arguments: [response.id, item, text]) }
          try Self.insertAttributes(db, response: response.id, attributes: response.attributes.map { (key: $0.0, value: $0.1) })
        }
        count += page.count
      }
      return count
    }
  }
}
