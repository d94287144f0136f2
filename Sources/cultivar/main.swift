import CultivarCommands
import CultivarKit

// `cultivar`: every command, without the web form's server and the PostgreSQL client, which it
// leaves to `cultivar-net` (see NetworkParts).
NetworkParts.handOffIfNeeded()
await Cultivar.runCommandLine()
