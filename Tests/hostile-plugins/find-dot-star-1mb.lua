-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: long-c-call.
-- run: check
-- expect: could backtrack for too long
-- line: 5
string.find(string.rep('a', 1000000), 'a.*b') --@
local M = {
  api = 1, id = 'find-dot-star-1mb', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
