-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: comments
-- expect: must return a list of theme ids
-- line: 12
return {
  api = 1, id = 'classify-number', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "c1", type = "text", text = "Comment?" } },
  themes = { { id = "time", name = "Time" } },
  classify = function(comment)
    return 42 --@
  end,
}
