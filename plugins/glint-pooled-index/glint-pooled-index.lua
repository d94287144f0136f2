-- Glint-style pooled index: every answer counts once, on 0-100.
--
-- Five statements on a 1-5 agreement scale. The index is the mean of every answer the team
-- gave, each answer counted once (so a person who answered five statements weighs five times
-- as much as one who answered one), expressed as POMP: (mean - 1) / 4 x 100. Glint reports
-- item scores this way on 0-100.

local agreement = { "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree" }

return {
  api = 1,
  id = "glint-pooled-index",
  name = "Engagement: pooled index (0-100)",
  version = "1.0.0",
  description = "Engagement as the POMP of the mean of all answers in the team, every answer counted once.",
  source = "The pooled 0-100 scoring of Glint (LinkedIn / Microsoft Viva Glint) engagement surveys. "
    .. "Statements are Cultivar's own.",

  scale = { min = 1, max = 5, labels = agreement },
  dimensions = {
    { id = "learning", name = "Learning" },
    { id = "belonging", name = "Belonging" },
  },
  items = {
    { id = "gp_learn1", dimension = "learning", text = "I have enough time to learn at work." },
    { id = "gp_learn2", dimension = "learning", text = "What I learn here is put to use." },
    { id = "gp_learn3", dimension = "learning", text = "My manager helps me grow." },
    { id = "gp_belong1", dimension = "belonging", text = "I feel I belong in my team." },
    { id = "gp_belong2", dimension = "belonging", text = "I would be missed if I left.", },
  },

  -- The rule: POMP of the mean of all the team's answers, pooled over people and items.
  index_by = { rule = "pooled" },
}
