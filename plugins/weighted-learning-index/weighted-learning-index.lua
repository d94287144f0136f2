-- A weighted learning-culture index: three dimensions, the first counted twice.
--
-- Eight statements on a 1-5 agreement scale in three dimensions. The index is the weighted mean
-- of the dimensions' POMP (0-100): practice x 2, support x 1, reflection x 1, as an L&D team
-- that cares most about learning being practised might set it. The "reflection" statement that
-- also describes practice counts in both dimensions, and a respondent gets a score on a
-- dimension only when they answered at least two thirds of its statements.

local agreement = { "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree" }

return {
  api = 1,
  id = "weighted-learning-index",
  name = "Weighted learning-culture index",
  version = "1.0.0",
  description = "Learning practice (weighted twice), support for learning and reflection, as one weighted index on 0-100.",
  source = "Cultivar's example of a weighted index; statements are Cultivar's own.",

  scale = { min = 1, max = 5, labels = agreement },
  min_answered = 0.66,
  dimensions = {
    { id = "practice", name = "Learning in practice" },
    { id = "support", name = "Support for learning", min_answered = 1 },
    { id = "reflection", name = "Reflection" },
  },
  items = {
    { id = "wl_prac1", dimension = "practice", text = "I try out new ways of doing my work." },
    { id = "wl_prac2", dimension = "practice", text = "I use what I learn within a week." },
    { id = "wl_prac3", dimension = { "practice", "reflection" }, text = "After a piece of work we talk about what to do differently next time." },
    { id = "wl_supp1", dimension = "support", text = "My manager makes time for my learning." },
    { id = "wl_supp2", dimension = "support", text = "Learning is cut first when we are busy.", reverse = true },
    { id = "wl_supp3", dimension = "support", text = "I can get help from colleagues when I am stuck." },
    { id = "wl_refl1", dimension = "reflection", text = "I regularly think about how I could work better." },
    { id = "wl_refl2", dimension = "reflection", text = "We review mistakes without looking for someone to blame." },
  },

  -- The rule: weighted mean of the dimensions' POMP.
  index_by = { rule = "pomp_mean", weights = { practice = 2, support = 1, reflection = 1 } },
}
