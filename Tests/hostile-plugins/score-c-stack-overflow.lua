-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: stack.
-- run: score
-- expect: stack overflow|time limit exceeded
-- line: 12
local M = {
  api = 1, id = 'score-c-stack-overflow', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(respondent)
    local t = setmetatable({}, { __index = function(t, k) return t[k] end }) --@
    return { d = t.x }
  end,
}
return M
