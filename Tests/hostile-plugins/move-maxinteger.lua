-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: check
-- expect: bad argument #4 to 'move'
-- line: 5
table.move({}, 1, math.maxinteger, 2) --@
local M = {
  api = 1, id = 'move-maxinteger', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
