-- Building blocks of a learning organisation (Garvin, Edmondson & Gino, 2008), as a Cultivar
-- framework.
--
-- The structure follows the authors' Learning Organization Survey: three building blocks,
-- the first two made of subscales, the third (leadership) measured directly:
--   Block 1 Supportive learning environment: psychological safety, appreciation of
--           differences, openness to new ideas, time for reflection;
--   Block 2 Concrete learning processes and practices: experimentation, information
--           collection, analysis, education and training, information transfer;
--   Block 3 Leadership that reinforces learning.
-- The number of items and of reverse-keyed items in block 1's subscales follow the original;
-- the item wording is Cultivar's own and none of the survey's items is reproduced.
--
-- Each block is compared with the median the authors published for it (on 0-100): 71, 74, 76.
-- Because the items are Cultivar's, that comparison is an orientation, not a norm.

-- The original asks how accurately each statement describes the respondent's unit.
local accuracy = {
  "Highly inaccurate", "Moderately inaccurate", "Slightly inaccurate", "Neither accurate nor inaccurate",
  "Slightly accurate", "Moderately accurate", "Highly accurate",
}

-- The subscales that make up blocks 1 and 2, and the published benchmark medians of each block.
local blocks = {
  { id = "environment", name = "Supportive learning environment", benchmark = 71,
    subscales = { "psychological_safety", "appreciation_of_differences", "openness_to_new_ideas", "time_for_reflection" } },
  { id = "processes", name = "Concrete learning processes", benchmark = 74,
    subscales = { "experimentation", "information_collection", "analysis", "education_and_training", "information_transfer" } },
  { id = "leadership", name = "Leadership that reinforces learning", benchmark = 76 },
}

-- Interpretation of the index (the mean of the three blocks, 0-100). The cut-offs are
-- Cultivar's convention; the published medians are shown per block.
local bands = {
  { min = 0, label = "Weak",
    advice = "Learning has little support in this unit's environment, processes or leadership. Start with the block furthest below its benchmark and, in it, the lowest subscale." },
  { min = 50, label = "Developing",
    advice = "The building blocks are in place unevenly. Work on the block furthest below its benchmark; the authors found experimentation and time for reflection to be the weakest areas in most organisations." },
  { min = 75, label = "Strong",
    advice = "The unit scores around or above the published medians. Use it as a diagnostic, not a report card: keep working on the lowest subscale and share practices with other units." },
}

-- A respondent's block score: the mean of their subscale scores (false when they have none).
local function block_score(scores, subscales)
  local sum, count = 0, 0
  for _, id in ipairs(subscales) do
    if scores[id] then sum, count = sum + scores[id], count + 1 end
  end
  return count > 0 and sum / count
end

return {
  api = 1,
  id = "learning-building-blocks",
  name = "Building blocks of a learning organisation",
  version = "1.0.0",
  description = "The three building blocks of a learning organisation described by Garvin, "
    .. "Edmondson and Gino: a supportive learning environment, concrete learning processes and "
    .. "practices, and leadership that reinforces learning, with their ten subscales. Structure "
    .. "after their Learning Organization Survey; the item wording is Cultivar's own. Each block "
    .. "is compared with the median the authors published (71, 74 and 76 out of 100); since the "
    .. "items differ from the original, read the comparison as an orientation, not a norm.",
  source = "Garvin, D. A., Edmondson, A. C., & Gino, F. (2008). Is yours a learning "
    .. "organization? Harvard Business Review, 86(3), 109-116. Structure and benchmark medians "
    .. "only; items are Cultivar's own.",

  scale = { min = 1, max = 7, labels = accuracy, favorable = { 5, 6, 7 }, unfavorable = { 1, 2, 3 } },

  dimensions = {
    { id = "environment", name = "Block 1: Supportive learning environment", benchmark = 71, advice_below = 71,
      description = "People feel safe, differences and new ideas are valued, and there is time to reflect. Per respondent, the mean of the four subscales that follow.",
      advice = "Below the published median (71). Work on the lowest of its four subscales "
        .. "(psychological safety, appreciation of differences, openness to new ideas, time for "
        .. "reflection); across organisations, time for reflection is most often the weakest." },
    { id = "psychological_safety", name = "Psychological safety", advice_below = 60,
      description = "People can speak up, disagree, admit mistakes and share what does not work.",
      advice = "Make failing safe: review mistakes without blame, thank people who raise problems "
        .. "early, and have leaders admit their own mistakes first." },
    { id = "appreciation_of_differences", name = "Appreciation of differences", advice_below = 60,
      description = "Opposing and unusual views are welcomed as a way to learn.",
      advice = "Before deciding, ask explicitly for the strongest opposing view, and invite people "
        .. "from other functions or backgrounds into the discussion." },
    { id = "openness_to_new_ideas", name = "Openness to new ideas", advice_below = 60,
      description = "People are encouraged to take risks and explore the untested and unknown.",
      advice = "Give new ideas a fair hearing: a standing slot in team meetings for proposals, and "
        .. "a small trial rather than a debate for the promising ones." },
    { id = "time_for_reflection", name = "Time for reflection", advice_below = 60,
      description = "People have time to pause, think and review how the work is done.",
      advice = "Make reflection routine: a short after-action review at the end of each project or "
        .. "incident (what did we expect, what happened, why, what next), and protected time each "
        .. "week for thinking rather than doing." },

    { id = "processes", name = "Block 2: Concrete learning processes", benchmark = 74, advice_below = 74,
      description = "Systematic practices for experimenting, collecting and analysing information, training and passing knowledge on. Per respondent, the mean of the five subscales that follow.",
      advice = "Below the published median (74). Work on the lowest of its five subscales "
        .. "(experimentation, information collection, analysis, education and training, "
        .. "information transfer); across organisations, experimentation is most often the weakest." },
    { id = "experimentation", name = "Experimentation", advice_below = 60,
      description = "New ways of working and new offerings are tried out and evaluated.",
      advice = "Run small, cheap experiments: one change a quarter, trialled with a few users, "
        .. "judged by criteria agreed beforehand, and reviewed openly whether it worked or not." },
    { id = "information_collection", name = "Information collection", advice_below = 60,
      description = "Information about customers, competitors, technology and best practice is gathered systematically.",
      advice = "Make looking outward a habit: a short monthly review of customer feedback, "
        .. "competitors and trends, and visits to teams elsewhere that do similar work well." },
    { id = "analysis", name = "Analysis", advice_below = 60,
      description = "Information is discussed critically, assumptions are challenged and root causes sought.",
      advice = "Before big decisions, lay out the evidence and at least two readings of it; for "
        .. "recurring problems, look for the root cause instead of a quick fix." },
    { id = "education_and_training", name = "Education and training", advice_below = 60,
      description = "New and established staff are trained and developed.",
      advice = "Give training a plan: an onboarding learning plan for new members and an individual "
        .. "learning plan for everyone else, with a pre-brief and a debrief by the manager." },
    { id = "information_transfer", name = "Information transfer", advice_below = 60,
      description = "Knowledge moves quickly to the people who need it, within and across units.",
      advice = "Pass lessons on: share the notes of after-action reviews, start communities of "
        .. "practice across teams, and invite experts from other departments to talk to the unit." },

    { id = "leadership", name = "Block 3: Leadership that reinforces learning", benchmark = 76, advice_below = 76,
      description = "Managers invite input, listen, question, admit what they do not know and make time for learning.",
      advice = "Below the published median (76). Managers reinforce learning by what they do: ask "
        .. "for the team's view before deciding, admit what they do not know, ask probing "
        .. "questions, listen fully, and make time to review past work. Give managers KPIs that "
        .. "include the development of their team." },
  },

  items = {
    -- Block 1: supportive learning environment
    { id = "lb_safe1", dimension = "psychological_safety", text = "I can voice a concern in this unit without worrying about the consequences." },
    { id = "lb_safe2", dimension = "psychological_safety", text = "In this unit, an error tends to follow the person who made it for a long time.", reverse = true },
    { id = "lb_safe3", dimension = "psychological_safety", text = "When we see things differently, we say so in the meeting rather than afterwards in the corridor." },
    { id = "lb_safe4", dimension = "psychological_safety", text = "Colleagues pass on their own lessons, including from things that went badly." },
    { id = "lb_safe5", dimension = "psychological_safety", text = "The safest course in this unit is to keep your doubts to yourself.", reverse = true },

    { id = "lb_diff1", dimension = "appreciation_of_differences", text = "Views that run against the majority are taken seriously in this unit." },
    { id = "lb_diff2", dimension = "appreciation_of_differences", text = "People with an unusual point of view are seen here as difficult.", reverse = true },
    { id = "lb_diff3", dimension = "appreciation_of_differences", text = "We look for colleagues who will challenge our thinking." },
    { id = "lb_diff4", dimension = "appreciation_of_differences", text = "In this unit, disagreeing with the group is quietly discouraged.", reverse = true },

    { id = "lb_open1", dimension = "openness_to_new_ideas", text = "People here are curious about ideas from outside the unit." },
    { id = "lb_open2", dimension = "openness_to_new_ideas", text = "A new idea here runs into 'that is not how we do it'.", reverse = true },
    { id = "lb_open3", dimension = "openness_to_new_ideas", text = "We welcome proposals to do our work differently, even untested ones." },
    { id = "lb_open4", dimension = "openness_to_new_ideas", text = "Suggestions from newcomers are usually brushed aside here.", reverse = true },

    { id = "lb_refl1", dimension = "time_for_reflection", text = "We set aside time to step back and think about how our work is going." },
    { id = "lb_refl2", dimension = "time_for_reflection", text = "Deadlines here leave no room to think about how we could work better.", reverse = true },
    { id = "lb_refl3", dimension = "time_for_reflection", text = "We move from one task to the next without looking back at what happened.", reverse = true },
    { id = "lb_refl4", dimension = "time_for_reflection", text = "People in this unit are too stretched to think clearly about their work.", reverse = true },
    { id = "lb_refl5", dimension = "time_for_reflection", text = "Stopping to reflect is seen here as time wasted.", reverse = true },

    -- Block 2: concrete learning processes and practices
    { id = "lb_exp1", dimension = "experimentation", text = "Before rolling out a change, we test it on a small scale." },
    { id = "lb_exp2", dimension = "experimentation", text = "We pilot new services or products with a few users first." },
    { id = "lb_exp3", dimension = "experimentation", text = "We agree beforehand how we will judge whether a trial worked." },
    { id = "lb_exp4", dimension = "experimentation", text = "Changes here are introduced everywhere at once, without a trial.", reverse = true },

    { id = "lb_info1", dimension = "information_collection", text = "We regularly gather information on what customers, competitors and the wider field are doing." },
    { id = "lb_info2", dimension = "information_collection", text = "We compare our results and methods with those of other units or organisations." },
    { id = "lb_info3", dimension = "information_collection", text = "We seldom look outside our unit for information.", reverse = true },

    { id = "lb_anal1", dimension = "analysis", text = "When a problem keeps coming back, we dig for its underlying cause." },
    { id = "lb_anal2", dimension = "analysis", text = "We weigh the evidence and different readings of it before deciding." },
    { id = "lb_anal3", dimension = "analysis", text = "Decisions here rest on opinion, with little look at the data.", reverse = true },

    { id = "lb_edu1", dimension = "education_and_training", text = "New members of this unit get solid preparation for their role." },
    { id = "lb_edu2", dimension = "education_and_training", text = "Experienced staff here keep being developed to stay current." },
    { id = "lb_edu3", dimension = "education_and_training", text = "Training in this unit happens only after something has gone wrong.", reverse = true },

    { id = "lb_xfer1", dimension = "information_transfer", text = "Lessons from one project reach the teams that need them." },
    { id = "lb_xfer2", dimension = "information_transfer", text = "At the end of a piece of work, we write down what we learned and share it." },
    { id = "lb_xfer3", dimension = "information_transfer", text = "Knowledge often stays with the person who found it.", reverse = true },

    -- Block 3: leadership that reinforces learning
    { id = "lb_lead1", dimension = "leadership", text = "Before making up their mind, my manager wants to hear what the team thinks." },
    { id = "lb_lead2", dimension = "leadership", text = "My manager is open about the limits of what they know." },
    { id = "lb_lead3", dimension = "leadership", text = "My manager asks questions that make us think harder about a problem." },
    { id = "lb_lead4", dimension = "leadership", text = "When someone speaks, my manager gives them full attention." },
    { id = "lb_lead5", dimension = "leadership", text = "My manager makes time for the team to look back at past work and improve it." },
    { id = "lb_lead6", dimension = "leadership", text = "My manager dismisses opinions that differ from their own.", reverse = true },
  },

  bands = bands,

  -- Blocks 1 and 2 of each respondent: the mean of their subscale scores.
  score = function(respondent)
    return {
      environment = block_score(respondent.scores, blocks[1].subscales),
      processes = block_score(respondent.scores, blocks[2].subscales),
    }
  end,

  score_rule = "blocks 1 (environment) and 2 (processes) are, per respondent, the mean of their "
    .. "scores on the block's subscales (no score when no subscale has one)",

  index_rule = "index = mean of the POMP (0-100) of the three building blocks; blocks 1 and 2 "
    .. "are, per respondent, the mean of their subscale scores",

  index = function(team)
    local sum = 0
    for _, block in ipairs(blocks) do
      local pomp = team.dimensions[block.id].pomp
      if pomp == nil then return nil end
      sum = sum + pomp
    end
    return sum / #blocks
  end,

  -- The band of the index; its advice compares each block with its published median.
  band = function(index, team_name, team)
    local chosen = bands[1]
    for _, b in ipairs(bands) do
      if index >= b.min then chosen = b end
    end
    local below, above = {}, {}
    for _, block in ipairs(blocks) do
      local pomp = team.dimensions[block.id].pomp
      local line = string.format("%s %.1f (median %d)", block.name, pomp, block.benchmark)
      if pomp < block.benchmark then below[#below + 1] = line else above[#above + 1] = line end
    end
    local comparison = #below == 0 and "At or above the published median on all three blocks."
      or string.format("Below the published median: %s.", table.concat(below, "; "))
    return { label = chosen.label, advice = comparison .. " " .. chosen.advice }
  end,
}
