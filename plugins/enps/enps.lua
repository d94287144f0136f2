-- Employee Net Promoter Score (eNPS), as a Cultivar framework.
--
-- One question on a 0-10 scale: how likely the respondent is to recommend the organisation as
-- a place to work. Promoters answer 9 or 10, detractors 0 to 6; the eNPS is the percentage of
-- promoters minus the percentage of detractors, from -100 to +100 (Reichheld's Net Promoter
-- rule, applied to employees). The whole rule is the one line `index_by` below.

local likelihood = { "0 - Not at all likely", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10 - Extremely likely" }

return {
  api = 1,
  id = "enps",
  name = "Employee Net Promoter Score",
  version = "1.0.0",
  description = "How likely people are to recommend the organisation as a place to work: % promoters (9-10) minus % detractors (0-6).",
  source = "Reichheld, F. F. (2003). The one number you need to grow. Harvard Business Review, 81(12), 46-54; "
    .. "applied to employees as eNPS. Item wording is Cultivar's own.",

  scale = { min = 0, max = 10, labels = likelihood, favorable = { 9, 10 }, unfavorable = { 0, 1, 2, 3, 4, 5, 6 } },
  dimensions = { { id = "recommend", name = "Recommend as a place to work" } },
  items = {
    { id = "enps", dimension = "recommend", text = "How likely are you to recommend this organisation as a place to work to a friend?" },
  },

  -- The rule: % answering 9-10 minus % answering 0-6 (defaults of the nps rule).
  index_by = { rule = "nps", item = "enps" },

  bands = {
    { min = -100, label = "Negative", advice = "More people would warn a friend off than recommend the organisation: ask the detractors what would change their answer." },
    { min = 0, label = "Positive" },
    { min = 30, label = "Strong" },
  },
}
