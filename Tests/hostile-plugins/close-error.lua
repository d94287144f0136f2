-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: hang.
-- run: score
-- expect: time limit exceeded
-- line: 11
local M = {
  api = 1, id = 'close-error', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local x <close> = setmetatable({}, {__close = function() while true do end end}) end,
}
return M
