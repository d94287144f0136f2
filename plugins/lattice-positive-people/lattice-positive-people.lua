-- Lattice-style engagement: the share of people who are positive overall.
--
-- Six statements on a 1-5 agreement scale in two dimensions. A person counts as positive when
-- the mean of all the statements they answered is 3.5 or more; the index is the percentage of
-- positive people (0-100). This is a person-level rule: a team where everyone is lukewarm
-- (3.4) scores 0, however close its mean is to the cut-off.

local agreement = { "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree" }

return {
  api = 1,
  id = "lattice-positive-people",
  name = "Engagement: % positive people",
  version = "1.0.0",
  description = "Engagement as the percentage of people whose own mean over the statements they answered is at least 3.5 (of 5).",
  source = "The person-level '% positive' rule used by Lattice engagement surveys (a person is positive "
    .. "when their average answer is 3.5 or more). Statements are Cultivar's own.",

  scale = { min = 1, max = 5, labels = agreement },
  dimensions = {
    { id = "growth", name = "Growth" },
    { id = "voice", name = "Voice" },
  },
  items = {
    { id = "lp_grow1", dimension = "growth", text = "I am learning things at work that help me grow." },
    { id = "lp_grow2", dimension = "growth", text = "I have had a real conversation about my development in the last six months." },
    { id = "lp_grow3", dimension = "growth", text = "There is no room for me to develop here.", reverse = true },
    { id = "lp_voice1", dimension = "voice", text = "My ideas are listened to." },
    { id = "lp_voice2", dimension = "voice", text = "I can raise a concern without fear." },
    { id = "lp_voice3", dimension = "voice", text = "Suggestions from people like me are usually ignored.", reverse = true },
  },

  -- The rule: % of people whose mean over their answered statements is at least 3.5.
  index_by = { rule = "share_positive", at_least = 3.5 },
}
