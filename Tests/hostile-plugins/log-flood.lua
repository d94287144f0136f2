-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: check
-- expect: [log cut:
-- expect: logged
-- line: 7
cultivar.log(string.rep('x', 3 * 1024 * 1024))
error("logged") --@
local M = {
  api = 1, id = 'log-flood', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } },
}
return M
