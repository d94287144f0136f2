-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: crash.
-- run: score
-- expect: invalid order function for sorting
-- line: 11
local M = {
  api = 1, id = 'sort-invalid', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local t = {} for i=1,1000 do t[i]=i end table.sort(t, function(a,b) return true end) end,
}
return M
