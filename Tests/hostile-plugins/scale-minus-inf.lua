-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: contract-number.
-- run: check
-- expect: 'scale.min' and 'scale.max' must be numbers between
-- line: 8
local M = {
  api = 1, id = 'scale-minus-inf', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = -math.huge, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
