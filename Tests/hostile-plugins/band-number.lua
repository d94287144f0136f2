-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: score
-- expect: 'band' must return a label
-- line: 11
local M = {
  api = 1, id = 'band-number', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  band = function(index, name, team)
    return 42
  end,
}
return M
