-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: hang.
-- run: check
-- expect: time limit exceeded|memory limit exceeded
local bands = {} for i = 1, 500000 do bands[i] = { min = i / 1e6, label = ("L"):rep(100) .. i, advice = ("a"):rep(1000) } end
return { api = 1, id = 'contract-bands-huge', name = "H", version = "1.0.0",
  description = "x", source = "x", scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } }, bands = bands,
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "q2", text = "Q2", dimension = "d" } } }
