-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: check
-- expect: rep gave 0 bytes
-- line: 6
local s = string.rep("", math.maxinteger)
error("rep gave " .. #s .. " bytes") --@
local M = {
  api = 1, id = 'rep-empty-maxinteger', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
