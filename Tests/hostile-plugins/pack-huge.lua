-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: memory.
-- run: score
-- expect: memory limit exceeded
local M = {
  api = 1, id = 'pack-huge', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) return { d = #string.pack(">s4", ("x"):rep(1e8)) } end,
}
return M
