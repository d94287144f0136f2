-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: contract-number.
-- run: check
-- expect: 'min_answered' must be a whole number
-- line: 11
local M = {
  api = 1, id = 'min-answered-2p63', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  min_answered = 2^63,
}
return M
