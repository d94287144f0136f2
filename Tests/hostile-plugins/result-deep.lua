-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: score
-- expect: returned a table for dimension 'd'
-- line: 11
local M = {
  api = 1, id = 'result-deep', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local t = {} local c = t for i=1,200000 do c.d = {} c = c.d end return t end,
}
return M
