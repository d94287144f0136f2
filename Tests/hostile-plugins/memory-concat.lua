-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: memory.
-- run: check
-- expect: memory limit exceeded|time limit exceeded
-- line: none
local t = {} for i = 1, 1e8 do t[i] = 'xxxxxxxx' end local s = table.concat(t) --@
local M = {
  api = 1, id = 'memory-concat', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
