import CultivarKit
import StorePostgres
import WebForm

extension NetworkParts {
  /// The PostgreSQL client (postgres-nio) and the web form's HTTP server (Hummingbird): what
  /// `cultivar-net` installs before running a command.
  public static let linked = NetworkParts(
    openPostgres: { address, create, poolSize, note in
      try PostgresStore(address: address, create: create, poolSize: poolSize, note: note)
    },
    serveForm: { serving in
      let server = FormServer(store: serving.store, wave: serving.wave, survey: serving.survey, limits: serving.limits, publicURL: serving.publicURL)
      try await server.run(host: serving.host, port: serving.port, onReady: serving.onReady)
    })
}
