-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: score
-- expect: 'index' returned 1e+308
-- line: 11
local M = {
  api = 1, id = 'index-1e308', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  index = function(team)
    return 1e308
  end,
}
return M
