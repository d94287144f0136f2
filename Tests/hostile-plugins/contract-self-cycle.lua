-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: check
-- expect: nested too deeply or cyclic
-- line: 6
local M = { api = 1, id = 'contract-self-cycle', version = "1.0.0", description = "x", source = "x", scale = { min = 1, max = 5 } }
M.name = M; M.dimensions = { { id = "d", name = M } }; M.items = { { id = "q1", text = M, dimension = "d" } }
return M
