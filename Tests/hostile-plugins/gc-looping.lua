-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: finalizer.
-- run: check
-- expect: plugins cannot use __gc finalizers
-- line: 5
setmetatable({}, { __gc = function() while true do end end }) --@
local M = {
  api = 1, id = 'gc-looping', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
