-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: memory.
-- run: score
-- expect: memory limit exceeded|time limit exceeded
local M = {
  api = 1, id = 'concat-many', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local t = {} for i=1,2e7 do t[i] = "a" end return table.concat(t) end,
}
return M
