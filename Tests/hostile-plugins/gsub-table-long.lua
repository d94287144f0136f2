-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: score
-- expect: time limit exceeded
-- line: 11
local M = {
  api = 1, id = 'gsub-table-long', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local s = ("ab"):rep(5e6) for i=1,50 do s:gsub(".", {a="b"}) end end,
}
return M
