-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: message-handler.
-- run: check
-- expect: time limit exceeded
-- line: none
local function h(e) return xpcall(error, h) end
xpcall(error, h) --@
error("still here")
local M = {
  api = 1, id = 'xpcall-handler-recursion', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
