-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: score
-- expect: 'index' must return a number or nil (returned a table)
-- line: 11
local M = {
  api = 1, id = 'index-table', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  index = function(team)
    return {}
  end,
}
return M
