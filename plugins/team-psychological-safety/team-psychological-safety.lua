-- Team psychological safety, as a Cultivar framework.
--
-- The structure follows Amy Edmondson's (1999) team-level measure: one dimension, seven items,
-- the first, third and fifth reverse-keyed. The item wording is Cultivar's own; Edmondson's
-- items are not reproduced. Each item covers the same aspect as the item in the same position
-- of her scale: mistakes held against you (reversed), raising problems, rejecting people for
-- being different (reversed), taking risks, asking for help (reversed), not undermining each
-- other, having one's skills used.
--
-- The construct is a belief shared by a team, so the score is read at team level. A team mean
-- only describes the team when its members broadly agree: the band therefore warns when they
-- do not (see `band` below).

local agreement = {
  "Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
  "Somewhat agree", "Agree", "Strongly agree",
}

-- Bands of the index (0-100). The cut-offs are Cultivar's convention: there are no published
-- norms for this scale, and vendors' cut-offs are not research benchmarks.
local bands = {
  { min = 0, label = "Low",
    advice = "People do not feel safe to take interpersonal risks in this team, so problems and mistakes stay hidden. Make failing safe: when something goes wrong, ask what we learned, not who is to blame, and thank whoever raised it." },
  { min = 50, label = "Moderate",
    advice = "People take some interpersonal risks, not all. Find out which (mistakes, asking for help, disagreeing, being different) by discussing the lowest items with the team, and have the leader go first in admitting a mistake." },
  { min = 75, label = "High",
    advice = "People feel safe to speak up, ask for help and try things. Use it: hold blameless after-action reviews and set stretching goals, since safety without high standards turns into comfort." },
}

-- Within-team agreement, rwg-style: 1 - (variance of members' scale scores) / (variance
-- expected if everyone answered at random on the 7-point scale, (7^2 - 1) / 12 = 4), and 0
-- when the spread is wider still. Below 0.70 the team mean hides different experiences.
local random_variance = (7 ^ 2 - 1) / 12

local function band_for(index)
  local chosen = bands[1]
  for _, b in ipairs(bands) do
    if index >= b.min then chosen = b end
  end
  return chosen
end

return {
  api = 1,
  id = "team-psychological-safety",
  name = "Team psychological safety",
  version = "1.0.0",
  description = "The belief shared by a team that it is safe to take interpersonal risks in it: "
    .. "to admit a mistake, raise a problem, ask for help, try something new. Structure after "
    .. "Edmondson (1999): one dimension, seven items, items 1, 3 and 5 reverse-keyed, scored at "
    .. "team level. The item wording is Cultivar's own; Edmondson's items are not reproduced. "
    .. "The band warns when members disagree too much for the team mean to describe the team.",
  source = "Edmondson, A. C. (1999). Psychological safety and learning behavior in work teams. "
    .. "Administrative Science Quarterly, 44(2), 350-383. Structure only; items are Cultivar's own.",

  scale = { min = 1, max = 7, labels = agreement, favorable = { 5, 6, 7 }, unfavorable = { 1, 2, 3 } },

  dimensions = {
    { id = "psychological_safety", name = "Psychological safety",
      description = "It is safe in this team to take interpersonal risks.",
      advice_below = 60,
      advice = "Make failing safe and raise personal worth: review mistakes without blame and "
        .. "praise the ones that taught the team something; the leader admits their own mistakes "
        .. "and asks for help in front of the team; invite the quietest voices first; and show "
        .. "each person they are valued for who they are, not only for their output." },
  },

  items = {
    { id = "ps1", dimension = "psychological_safety", text = "If I get something wrong on this team, it is remembered and used against me later.", reverse = true },
    { id = "ps2", dimension = "psychological_safety", text = "On this team we can put difficult problems on the table." },
    { id = "ps3", dimension = "psychological_safety", text = "People who think or work differently from the rest of us get pushed to the edges of this team.", reverse = true },
    { id = "ps4", dimension = "psychological_safety", text = "I can try something new on this team without worrying about how I will look if it fails." },
    { id = "ps5", dimension = "psychological_safety", text = "I hesitate to ask teammates for help because of what they might think of me.", reverse = true },
    { id = "ps6", dimension = "psychological_safety", text = "I trust that nobody on this team would quietly work against what I am trying to do." },
    { id = "ps7", dimension = "psychological_safety", text = "What I am particularly good at gets put to real use on this team." },
  },

  bands = bands,

  -- The band of the index, plus a warning when the team's members disagree widely.
  band = function(index, team_name, team)
    local chosen = band_for(index)
    local safety = team and team.dimensions.psychological_safety
    if safety and safety.sd then
      local agreement_index = math.max(0, 1 - safety.sd ^ 2 / random_variance)
      if agreement_index < 0.70 then
        return {
          label = chosen.label .. ", low agreement",
          advice = string.format("Answers in %s vary widely (SD %.2f on the 1-7 scale, agreement "
            .. "%.2f, below 0.70): the mean hides different experiences. Before acting on it, talk "
            .. "with the people concerned about what makes it feel safe for some and not for "
            .. "others. ", team_name, safety.sd, agreement_index) .. chosen.advice,
        }
      end
    end
    return { label = chosen.label, advice = chosen.advice }
  end,
}
