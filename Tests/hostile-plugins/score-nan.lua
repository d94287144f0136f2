-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: score
-- expect: returned NaN for dimension 'd'
-- line: none
local M = {
  api = 1, id = 'score-nan', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(respondent)
    return { d = 0/0 }
  end,
}
return M
