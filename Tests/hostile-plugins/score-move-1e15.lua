-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: score
-- expect: time limit exceeded
-- line: 12
local M = {
  api = 1, id = 'score-move-1e15', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(respondent)
    table.move({}, 1, 1e15, 2, {}) --@
  end,
}
return M
