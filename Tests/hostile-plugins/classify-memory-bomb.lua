-- Hostile plugin for the sandbox suite (Tests/hostile-plugins), class: memory.
-- run: comments
-- expect: memory|time limit exceeded
-- line: none (a memory-limit error has no line, like the other memory fixtures; the time limit, when it comes first, names line 13)
return {
  api = 1, id = 'classify-memory-bomb', name = "Hostile", version = "1.0.0",
  description = "hostile test plugin", source = "Cultivar tests",
  scale = { min = 1, max = 5 },
  dimensions = { { id = "d", name = "D" } },
  items = { { id = "q1", text = "Q1", dimension = "d" }, { id = "c1", type = "text", text = "Comment?" } },
  themes = { { id = "time", name = "Time" } },
  classify = function(comment)
    local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end --@
  end,
}
