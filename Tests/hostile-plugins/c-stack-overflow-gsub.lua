-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: stack.
-- run: check
-- expect: stack overflow|time limit exceeded
-- line: 5
local function f(s) return (s:gsub('.', f)) end --@
f('ab')
local M = {
  api = 1, id = 'c-stack-overflow-gsub', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
