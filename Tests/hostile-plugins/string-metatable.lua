-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: crash.
-- run: check
-- expect: attempt to index a boolean value
-- line: 5
getmetatable("").__index = {} --@
local M = {
  api = 1, id = 'string-metatable', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
