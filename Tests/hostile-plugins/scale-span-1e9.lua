-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: contract-number.
-- run: check
-- expect: spans more than 1000 points
-- line: 8
local M = {
  api = 1, id = 'scale-span-1e9', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5000 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
