-- Learning breadth: whether people make time to learn, how many ways of learning they used
-- this quarter (a multi-select), and the share of people who used at least two. The `score`
-- hook reads `respondent.counts.ways`: the number of options the respondent ticked in the
-- multi-select `ways` (nil when they left it unanswered), which Cultivar gives hooks for every
-- multi-select item, whether a measure counts it (`count_of`) or not.
return {
  api = 1,
  id = "learning-breadth",
  name = "Learning breadth",
  version = "0.1.0",
  description = "Time to learn, the number of ways of learning used, and the share of people using two or more.",
  source = "Written for Cultivar's plugin contract (respondent.counts); item wording is Cultivar's own.",
  scale = { min = 1, max = 5, labels = { "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" } },
  dimensions = { { id = "time", name = "Time to learn" } },
  items = {
    { id = "lb1", dimension = "time", text = "I have time at work to learn new things." },
    { id = "lb2", dimension = "time", text = "I can try a new way of working without asking first." },
    { id = "ways", type = "multi", text = "Which of these did you do to learn this quarter?",
      options = {
        { id = "course", label = "A course" },
        { id = "book", label = "A book" },
        { id = "mentor", label = "Mentoring" },
        { id = "peer", label = "Learning from a peer" },
      } },
  },
  measures = {
    { id = "ways_count", count_of = "ways", name = "Ways of learning used" },
    { id = "broad", name = "Used two or more ways", min = 0, max = 1, at_least = 1 },
  },
  -- 1 for someone who ticked two or more ways, 0 for fewer, no value when unanswered.
  score = function(respondent)
    local ways = respondent.counts.ways
    if ways == nil then return { broad = false } end
    return { broad = ways >= 2 and 1 or 0 }
  end,
}
