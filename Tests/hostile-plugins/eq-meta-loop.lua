-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: stack.
-- run: score
-- expect: C stack overflow
-- line: 11
local M = {
  api = 1, id = 'eq-meta-loop', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(r) local mt = {} mt.__eq = function(a,b) return a == b end local a,b = setmetatable({},mt), setmetatable({},mt) return a == b end,
}
return M
