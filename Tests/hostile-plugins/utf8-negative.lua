-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: crash.
-- run: check
-- expect: value out of range
-- line: 5
utf8.char(-1) --@
local M = {
  api = 1, id = 'utf8-negative', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
