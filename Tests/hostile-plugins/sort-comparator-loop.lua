-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: score
-- expect: time limit exceeded
-- line: 11
local M = {
  api = 1, id = 'sort-comparator-loop', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local t = {} for i=1,100 do t[i]=i end table.sort(t, function(a,b) while true do end end) end,
}
return M
