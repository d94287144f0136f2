import CultivarCommands
import CultivarKit
import CultivarNet

// `cultivar` with the network parts: the same commands, run when a command line serves the web
// form or names a PostgreSQL store (`cultivar` hands such command lines over; see NetworkParts).
NetworkParts.installed = .linked
await Cultivar.runCommandLine()
