-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: bad-result.
-- run: comments
-- expect: returned unknown theme 'money'
-- line: 12
return {
  api = 1, id = 'classify-unknown-theme', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "c1", type = "text", text = "Comment?" } },
  themes = { { id = "time", name = "Time" } },
  classify = function(comment)
    return { 'money' } --@
  end,
}
