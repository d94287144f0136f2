-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: source.
-- run: check
-- expect: not valid UTF-8
-- line: 5
local s = "ÿþ" --@
local M = {
  api = 1, id = 'invalid-utf8', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
