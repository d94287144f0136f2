-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: crash.
-- run: check
-- expect: number has no integer representation
-- line: 5
table.move({}, 1, math.huge, 1) --@
local M = {
  api = 1, id = 'move-huge-end', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
