-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: hang.
-- run: comments
-- expect: time limit exceeded
-- line: 13
return {
  api = 1, id = 'classify-endless-loop', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "c1", type = "text", text = "Comment?" } },
  themes = { { id = "time", name = "Time" } },
  classify = function(comment)
    while true do end --@
  end,
}
