-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: score
-- expect: rep gave 0 bytes
-- line: 13
local M = {
  api = 1, id = 'score-rep-empty', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
  score = function(respondent)
    local s = ("").rep("", math.maxinteger)
    error("rep gave " .. #s .. " bytes") --@
  end,
}
return M
