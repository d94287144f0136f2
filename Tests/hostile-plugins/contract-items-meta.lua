-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: check
-- expect: 'items' must be a non-empty list
return { api = 1, id = 'contract-items-meta', name = "H", version = "1.0.0",
  description = "x", source = "x", scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = setmetatable({}, { __index = function(t, k) return { id = "q" .. k, text = "Q", dimension = "d" } end, __len = function() return math.maxinteger end }) }
