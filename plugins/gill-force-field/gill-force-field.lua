-- Force-field analysis of organisational learning (Stephen J. Gill, 2016), as a Cultivar
-- framework.
--
-- Gill applies Kurt Lewin's force-field analysis to learning: a table of nine forces that
-- commonly drive learning in organisations and nine that block it. All eighteen are here, with
-- Gill's labels. Each force is rated through three statements written by Cultivar; agreeing
-- means the force is present and strong. (Statements marked `reverse = true` say the force is
-- absent.) So for every force, a HIGH score means a STRONG force: good for a driver, bad for a
-- blocker.
--
-- The plugin reports:
--   * each force's strength (0-100), one dimension per force,
--   * driver strength and blocker strength: two per-respondent measures, the mean of the
--     respondent's driver (blocker) scores, aggregated per team,
--   * the net force, as the index: POMP of driver strength - POMP of blocker strength, from
--     -100 to +100,
--   * in the band's advice, the team's strongest blockers and strongest drivers.
-- Gill's use of the analysis: add or strengthen drivers, remove or reduce blockers.

local agreement = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
}

-- The forces in Gill's order, with the short names used in the band's advice.
local drivers = {
  { id = "strategic_goals", name = "Strategic goals" },
  { id = "technology", name = "Technology" },
  { id = "competition", name = "Competition" },
  { id = "compliance", name = "Compliance" },
  { id = "agility", name = "Need for agility" },
  { id = "hiring", name = "Hiring" },
  { id = "retention", name = "Retention" },
  { id = "creativity", name = "Creativity" },
  { id = "innovation", name = "Innovation" },
}
local blockers = {
  { id = "limited_resources", name = "Limited resources" },
  { id = "no_leadership_support", name = "Lack of leadership support" },
  { id = "work_vs_learning", name = "Work vs. learning" },
  { id = "fear_of_failure", name = "Fear of failure" },
  { id = "no_alignment", name = "Lack of alignment" },
  { id = "unclear_expectations", name = "Low or unclear expectations" },
  { id = "not_managers_role", name = "Not the role of managers" },
  { id = "no_opportunity", name = "No opportunity to apply" },
  { id = "no_accountability", name = "No accountability" },
}

-- Interpretation of the net force (-100 to +100). The cut-offs are Cultivar's convention.
local bands = {
  { min = -100, label = "Blockers prevail",
    advice = "The forces holding learning back are stronger than those pushing it. Work on the blockers first: removing or reducing a blocker frees the drivers that are already there." },
  { min = -10, label = "In balance",
    advice = "Drivers and blockers roughly cancel out: learning happens, but does not grow. Remove or reduce the strongest blocker and strengthen one driver." },
  { min = 10, label = "Drivers prevail",
    advice = "The forces pushing learning outweigh those holding it back. Keep reducing the strongest blockers, which still slow learning down." },
}

-- The ids of a group of forces.
local function ids(forces)
  local list = {}
  for i, force in ipairs(forces) do list[i] = force.id end
  return list
end

-- A team's strength of a group of forces (a measure) on 0-100.
local function strength(team, measure)
  local m = team.measures[measure]
  return m and m.mean and cultivar.pomp(m.mean, 1, 5)
end

-- "Fear of failure (75), Limited resources (67), No accountability (58)": up to `how_many`
-- forces of the team, strongest first (ties in Gill's order).
local function strongest(team, forces, how_many)
  local rated = {}
  for position, force in ipairs(forces) do
    local d = team.dimensions[force.id]
    if d and d.pomp then rated[#rated + 1] = { name = force.name, pomp = d.pomp, position = position } end
  end
  table.sort(rated, function(a, b)
    if a.pomp ~= b.pomp then return a.pomp > b.pomp end
    return a.position < b.position
  end)
  local names = {}
  for i = 1, math.min(how_many, #rated) do
    names[i] = string.format("%s (%.0f)", rated[i].name, rated[i].pomp)
  end
  return #names > 0 and table.concat(names, ", ") or "none rated"
end

return {
  api = 1,
  id = "gill-force-field",
  name = "Force-field analysis of organisational learning",
  version = "1.0.0",
  description = "The forces that drive learning in the organisation and the forces that block "
    .. "it, after Stephen J. Gill's force-field analysis of organisational learning (Lewin's "
    .. "method). All nine drivers and nine blockers of Gill's table are rated, each through three "
    .. "statements written by Cultivar; a high score means a strong force. Reports driver "
    .. "strength, blocker strength, the net force (the index, from -100 to +100) and names each "
    .. "team's strongest blockers and drivers.",
  source = "Gill, S. J. (2016, March 15). Force field analysis of organizational learning. The "
    .. "Performance Improvement Blog / Learning to be Great, learningtobegreat.com/blog/2016/03/15/"
    .. "force-field-analysis-of-organizational-learning. Method: Lewin, K. (1951). Field Theory "
    .. "in Social Science. New York: Harper. All 18 forces; statements are Cultivar's own.",

  scale = { min = 1, max = 5, labels = agreement },

  dimensions = {
    -- Drivers: advice when the driver is clearly weak (below 40).
    { id = "strategic_goals", name = "Driver: Strategic goals", advice_below = 40,
      description = "A shared commitment to the organisation's strategic goals makes people learn.",
      advice = "Tie learning to the strategy out loud: for each strategic goal, name the capabilities "
        .. "it needs and the learning that builds them, and share that with every team." },
    { id = "technology", name = "Driver: Technology", advice_below = 40,
      description = "Rapid change from adopting new technology makes people learn.",
      advice = "Treat each new tool or system as a learning project: plan the learning with the "
        .. "rollout, name colleagues who help their peers, and share tips in a community of practice." },
    { id = "competition", name = "Driver: Competition", advice_below = 40,
      description = "Competitors push the organisation to learn.",
      advice = "Bring the market in: share what competitors and customers are doing, and ask teams "
        .. "what they must learn to stay ahead." },
    { id = "compliance", name = "Driver: Compliance", advice_below = 40,
      description = "Regulation of quality, safety, security and service requires people to learn.",
      advice = "Use compliance as a lever, not a box to tick: explain the purpose behind each "
        .. "requirement and follow compliance training with practice on the job." },
    { id = "agility", name = "Driver: Need for agility", advice_below = 40,
      description = "The need to adapt quickly makes people learn.",
      advice = "Make the need to adapt visible: talk about the changes ahead, and give teams time to "
        .. "learn new ways of working before they are needed." },
    { id = "hiring", name = "Driver: Hiring", advice_below = 40,
      description = "Getting the right people into the right jobs makes the organisation develop people.",
      advice = "Use hiring and internal moves to drive learning: give every new or moved person a "
        .. "learning plan for the role, and hire for the ability and motivation to learn." },
    { id = "retention", name = "Driver: Retention", advice_below = 40,
      description = "Keeping talented people makes the organisation offer them growth.",
      advice = "Make learning part of why people stay: discuss each person's development in "
        .. "one-to-ones and show the growth routes inside the organisation." },
    { id = "creativity", name = "Driver: Creativity", advice_below = 40,
      description = "The demand for fresh ideas makes people learn.",
      advice = "Ask for ideas and give them room: set aside time for exploring, and bring in "
        .. "perspectives from outside the team's own field." },
    { id = "innovation", name = "Driver: Innovation", advice_below = 40,
      description = "Developing new products, services and processes makes people learn.",
      advice = "Link innovation to learning: run small experiments, review them without blame, and "
        .. "share what was learned whether or not they worked." },

    -- Blockers: advice when the blocker is clearly strong (above 60).
    { id = "limited_resources", name = "Blocker: Limited resources", advice_above = 60,
      description = "The belief that there is no time, money or energy for learning.",
      advice = "Protect time for learning (a fixed slot each week, say) and start with methods that "
        .. "cost little: peer learning, after-action reviews, communities of practice, mentoring." },
    { id = "no_leadership_support", name = "Blocker: Lack of leadership support", advice_above = 60,
      description = "Leaders neither communicate the importance of learning nor model it.",
      advice = "Ask leaders to say and show that learning matters: talk about what they are "
        .. "learning, take part in learning sessions, and ask about learning in their reviews." },
    { id = "work_vs_learning", name = "Blocker: Work vs. learning", advice_above = 60,
      description = "Work and learning are seen as separate, and work is valued more.",
      advice = "Bring learning into the work: after-action reviews at the end of projects, "
        .. "pre-briefs and debriefs around courses, and learning goals next to work goals." },
    { id = "fear_of_failure", name = "Blocker: Fear of failure", advice_above = 60,
      description = "People avoid the risk of failing, so they avoid learning.",
      advice = "Make failing safe: review mistakes without blame, praise mistakes that produced "
        .. "learning, and have leaders tell the story of their own failures." },
    { id = "no_alignment", name = "Blocker: Lack of alignment", advice_above = 60,
      description = "It is unclear how a learning intervention serves the organisation's goals.",
      advice = "Name, for each learning activity, the goal it serves and the result it should "
        .. "change; drop the activities that serve none." },
    { id = "unclear_expectations", name = "Blocker: Low or unclear expectations", advice_above = 60,
      description = "People do not know what they are expected to learn, or why.",
      advice = "Agree with each person what they are to learn, why, and how success will be "
        .. "judged, and write it into their learning plan." },
    { id = "not_managers_role", name = "Blocker: Not the role of managers", advice_above = 60,
      description = "Managers are not involved in their employees' learning.",
      advice = "Make learning part of the manager's role: KPIs that include the development of "
        .. "their team, time to manage, and a pre-brief and debrief around every learning event." },
    { id = "no_opportunity", name = "Blocker: No opportunity to apply", advice_above = 60,
      description = "People get no chance to use what they learn.",
      advice = "Plan the application before the learning: before a course, agree with the manager "
        .. "which task the person will use it on in the following weeks." },
    { id = "no_accountability", name = "Blocker: No accountability", advice_above = 60,
      description = "Nobody is held responsible for learning or for applying it.",
      advice = "Follow up on learning: ask in one-to-ones and reviews what each person learned and "
        .. "applied, and hold managers accountable for their team's development." },
  },

  items = {
    -- Drivers
    { id = "ff_goals1", dimension = "strategic_goals", text = "Our strategic goals cannot be reached unless people here learn new things." },
    { id = "ff_goals2", dimension = "strategic_goals", text = "People here share a commitment to the organisation's goals, and that makes them want to learn." },
    { id = "ff_goals3", dimension = "strategic_goals", text = "Our strategy could be carried out with the skills we already have.", reverse = true },

    { id = "ff_tech1", dimension = "technology", text = "New tools and systems keep changing how we work, so we have to keep learning." },
    { id = "ff_tech2", dimension = "technology", text = "Keeping up with technology is a real reason people here learn new skills." },
    { id = "ff_tech3", dimension = "technology", text = "The technology we use hardly changes, so there is little new to learn.", reverse = true },

    { id = "ff_comp1", dimension = "competition", text = "Competitors push us to keep improving what we know and what we do." },
    { id = "ff_comp2", dimension = "competition", text = "The risk of falling behind competitors is a reason for us to learn faster." },
    { id = "ff_comp3", dimension = "competition", text = "We face so little competition that nothing pushes us to learn.", reverse = true },

    { id = "ff_compl1", dimension = "compliance", text = "Regulations and standards for quality, safety, security or service require us to keep our knowledge current." },
    { id = "ff_compl2", dimension = "compliance", text = "Audits and compliance requirements lead people here to learn new practices." },
    { id = "ff_compl3", dimension = "compliance", text = "External rules and standards rarely ask anything new of us.", reverse = true },

    { id = "ff_agile1", dimension = "agility", text = "We have to adapt quickly to change, and that makes us learn." },
    { id = "ff_agile2", dimension = "agility", text = "When conditions change, people here are expected to pick up new ways of working quickly." },
    { id = "ff_agile3", dimension = "agility", text = "Our work is so stable that we rarely need to adapt.", reverse = true },

    { id = "ff_hire1", dimension = "hiring", text = "To get the right people into the right jobs, we develop people for the roles we need." },
    { id = "ff_hire2", dimension = "hiring", text = "Moving into a new role here comes with the learning needed to succeed in it." },
    { id = "ff_hire3", dimension = "hiring", text = "We expect new hires to arrive fully skilled, so we do not plan their development.", reverse = true },

    { id = "ff_retain1", dimension = "retention", text = "Offering people chances to learn is one of the ways we keep good people." },
    { id = "ff_retain2", dimension = "retention", text = "Good people would leave here if they stopped learning." },
    { id = "ff_retain3", dimension = "retention", text = "Whether people can learn and grow here plays no part in whether they stay.", reverse = true },

    { id = "ff_creat1", dimension = "creativity", text = "We are expected to come up with fresh ideas, and that pushes us to learn." },
    { id = "ff_creat2", dimension = "creativity", text = "Creative work here depends on people learning from outside their own field." },
    { id = "ff_creat3", dimension = "creativity", text = "Nobody here expects new ideas from us.", reverse = true },

    { id = "ff_innov1", dimension = "innovation", text = "Developing new products, services or processes keeps us learning." },
    { id = "ff_innov2", dimension = "innovation", text = "Innovation is a stated priority here, and it requires us to learn." },
    { id = "ff_innov3", dimension = "innovation", text = "We seldom change what we offer or how we work.", reverse = true },

    -- Blockers (agreeing = the blocker is present)
    { id = "ff_res1", dimension = "limited_resources", text = "People here say there is no time for learning." },
    { id = "ff_res2", dimension = "limited_resources", text = "Learning is the first thing cut when budgets are tight." },
    { id = "ff_res3", dimension = "limited_resources", text = "Time and money for learning are protected here, even in busy periods.", reverse = true },

    { id = "ff_lead1", dimension = "no_leadership_support", text = "Our leaders seldom talk about why learning matters." },
    { id = "ff_lead2", dimension = "no_leadership_support", text = "Leaders here are not seen learning themselves." },
    { id = "ff_lead3", dimension = "no_leadership_support", text = "Our leaders visibly support learning and take part in it.", reverse = true },

    { id = "ff_work1", dimension = "work_vs_learning", text = "Learning is seen here as time away from the real work." },
    { id = "ff_work2", dimension = "work_vs_learning", text = "Getting the work done counts for far more here than learning to do it better." },
    { id = "ff_work3", dimension = "work_vs_learning", text = "Here, learning is treated as part of doing the work well.", reverse = true },

    { id = "ff_fear1", dimension = "fear_of_failure", text = "People here avoid trying new things in case they fail." },
    { id = "ff_fear2", dimension = "fear_of_failure", text = "Admitting a mistake here can damage your reputation." },
    { id = "ff_fear3", dimension = "fear_of_failure", text = "Failing while trying something new is accepted here, as long as we learn from it.", reverse = true },

    { id = "ff_align1", dimension = "no_alignment", text = "It is often unclear how a learning activity serves our goals." },
    { id = "ff_align2", dimension = "no_alignment", text = "Training here is offered without a clear link to what the business needs." },
    { id = "ff_align3", dimension = "no_alignment", text = "We know which of our goals each learning activity is meant to serve.", reverse = true },

    { id = "ff_expect1", dimension = "unclear_expectations", text = "People here are not told what they are expected to learn." },
    { id = "ff_expect2", dimension = "unclear_expectations", text = "Nobody explains why a particular skill is worth learning." },
    { id = "ff_expect3", dimension = "unclear_expectations", text = "It is clear what each of us is expected to learn.", reverse = true },

    { id = "ff_mgr1", dimension = "not_managers_role", text = "Managers here see employee learning as the job of HR or L&D, not theirs." },
    { id = "ff_mgr2", dimension = "not_managers_role", text = "My manager takes little interest in what I learn." },
    { id = "ff_mgr3", dimension = "not_managers_role", text = "Managers here are actively involved in their people's learning.", reverse = true },

    { id = "ff_apply1", dimension = "no_opportunity", text = "After training, people here rarely get a chance to use what they learned." },
    { id = "ff_apply2", dimension = "no_opportunity", text = "New skills fade here because the work never calls for them." },
    { id = "ff_apply3", dimension = "no_opportunity", text = "We are given real tasks on which to practise what we have just learned.", reverse = true },

    { id = "ff_acct1", dimension = "no_accountability", text = "Nobody checks whether what people learn is applied." },
    { id = "ff_acct2", dimension = "no_accountability", text = "Whether people develop or not makes no difference to anyone here." },
    { id = "ff_acct3", dimension = "no_accountability", text = "People here are held responsible for applying what they learn.", reverse = true },
  },

  bands = bands,

  -- Driver and blocker strength of each respondent: the mean of their force scores.
  measures = {
    { id = "drivers", name = "Driver strength", dimension = ids(drivers) },
    { id = "blockers", name = "Blocker strength", dimension = ids(blockers) },
  },

  index_label = "net force",
  index_range = { -100, 100 },
  index_rule = "net force = driver strength - blocker strength, each as POMP (0-100) of the team "
    .. "mean of respondents' strengths (a respondent's strength = the mean of their driver, or "
    .. "blocker, scores); -100 = only blockers, +100 = only drivers",

  index = function(team)
    local d, b = strength(team, "drivers"), strength(team, "blockers")
    if d == nil or b == nil then return nil end
    return d - b
  end,

  -- The band of the net force; its advice names the team's strongest blockers and drivers.
  band = function(net, team_name, team)
    local chosen = bands[1]
    for _, b in ipairs(bands) do
      if net >= b.min then chosen = b end
    end
    local advice = string.format(
      "Net force %+.0f (driver strength %.0f, blocker strength %.0f). Strongest blockers: %s. "
        .. "Strongest drivers: %s. %s",
      net, strength(team, "drivers"), strength(team, "blockers"),
      strongest(team, blockers, 3), strongest(team, drivers, 3), chosen.advice)
    return { label = chosen.label, advice = advice }
  end,
}
