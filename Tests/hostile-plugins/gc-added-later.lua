-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: finalizer.
-- run: check
-- expect: finalizer added later
-- line: 9
local mt = {}
local t = setmetatable({}, mt)
mt.__gc = function() while true do end end
t = nil
error("finalizer added later") --@
local M = {
  api = 1, id = 'gc-added-later', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
