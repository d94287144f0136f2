-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: contract-number.
-- run: check
-- expect: needs a finite number 'min'
-- line: 11
local M = {
  api = 1, id = 'band-min-nan', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  bands = { { min = 0/0, label = 'x' } },
}
return M
