-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: finalizer.
-- run: check
-- expect: memory limit exceeded|time limit exceeded
-- line: none
pcall(setmetatable, {}, { __gc = function() while true do end end })
local t = {} for i = 1, 1e9 do t[i] = {} end --@
local M = {
  api = 1, id = 'gc-after-memory-error', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
