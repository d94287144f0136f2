import Foundation
import Store
import StorePostgres
import TestSupport

/// A new empty store of `backend`, and a way to open it again (another connection, as
/// another process would).
func temporaryStore(_ backend: Backend) throws -> (any ResponseStoring, reopen: () throws -> any ResponseStoring) {
  switch backend {
  case .sqlite:
    let (store, path) = try temporaryStore()
    return (store, { try ResponseStore(path: path, displayName: "test.sqlite") })
  case .postgres:
    let address = try PostgresAddress(try temporaryDatabase())
    return (try PostgresStore(address: address), { try PostgresStore(address: address, create: false) })
  }
}
