-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: score
-- expect: could backtrack for too long
-- line: 13
local M = {
  api = 1, id = 'score-find-backtracking', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(respondent)
    local s = string.rep('a', 300)
    return { d = s:find('.-.-.-b') } --@
  end,
}
return M
