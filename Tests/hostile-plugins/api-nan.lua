-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: contract-number.
-- run: check
-- expect: 'api' must be the plugin API version
-- line: 6
local M = {
  api = 0/0, id = 'api-nan', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
