-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: hang.
-- run: check
-- expect: time limit exceeded|memory limit exceeded
local items = {} for i = 1, 1000000 do items[i] = { id = "q" .. i, text = "Q", dimension = "d" } end
return { api = 1, id = 'contract-million-items', name = "H", version = "1.0.0",
  description = "x", source = "x", scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } }, items = items }
