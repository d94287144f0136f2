-- Signs of a learning culture (Stephen J. Gill, "16 Signs of a Learning Culture", 2015), as a
-- Cultivar framework.
--
-- Gill lists sixteen signs. Eight of them are published in the text Cultivar could read (the
-- eighth only in part); those eight are measured here, in Gill's order. Signs 9 to 16 are NOT
-- guessed. The item wording is Cultivar's own.
--
-- Holding Gill's full list? Add each further sign as one more entry in `dimensions` and three
-- to six items of your own in `items` (template at the end of each list). The index is the
-- mean over all dimensions, so it covers the new signs without further changes.

local agreement = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
}

return {
  api = 1,
  id = "gill-learning-culture-signs",
  name = "Signs of a learning culture",
  version = "1.0.0",
  description = "How many of the signs of a learning culture named by Stephen J. Gill a team "
    .. "sees around it. Gill lists sixteen signs; the eight measured here are those published in "
    .. "the sources Cultivar could read (the eighth only in part). Signs 9 to 16 are not measured "
    .. "and not guessed; an L&D team holding the full list can add them as dimensions (see "
    .. "README.md). Items are Cultivar's own wording.",
  source = "Gill, S. J. (2015, January 31). 16 signs of a learning culture. The Performance "
    .. "Improvement Blog / Learning to be Great, learningtobegreat.com/blog/2015/01/31/"
    .. "16-signs-of-a-learning-culture; also ATD (td.org), 'Signs of a learning culture', "
    .. "10 March 2015. Signs 1-8 only (sign 8 in part).",

  scale = { min = 1, max = 5, labels = agreement },

  dimensions = {
    { id = "leaders_accountable", name = "1. Leaders make learning matter",
      description = "Leaders communicate the importance of learning and hold managers accountable "
        .. "for learning and for applying it to make a difference for the organisation.",
      advice = "Make learning part of managers' objectives: give managers KPIs that include the "
        .. "development of their team, collectively and individually, and review them as "
        .. "seriously as the output targets." },

    { id = "learning_plans", name = "2. Individual learning plans",
      description = "Managers help each report build a learning plan tied to strategy, monitor "
        .. "it, give feedback, create chances to apply the learning and hold people to results.",
      advice = "Each manager agrees a short learning plan with each report, linked to the team's "
        .. "goals, checks it in one-to-ones, and creates a chance to apply each new skill." },

    { id = "managers_coach", name = "3. Managers coach",
      description = "Managers coach their reports: they partner with them to grow their capacity.",
      advice = "Develop managers as coaches, with L&D coaching the managers, and make regular "
        .. "coaching conversations part of the manager's job, not only the annual review." },

    { id = "leaders_mentor", name = "4. Leaders mentor",
      description = "Leaders mentor less experienced staff.",
      advice = "Set up mentoring across levels and functions, with a few hours a month protected "
        .. "for it; mentoring also breaks down silos and passes on what the organisation knows." },

    { id = "learning_in_hiring", name = "5. Learning in hiring and onboarding",
      description = "Learning is part of the conversation from recruiting and hiring through onboarding.",
      advice = "Ask about learning in every interview (what did you last learn, and how?), hire "
        .. "for the ability and motivation to learn, and give every new starter a learning plan." },

    { id = "strategic_link", name = "6. Learning linked to strategy",
      description = "Employees see how their learning is linked to the organisation's strategic goals.",
      advice = "For every learning activity, name the goal it serves and the result it should "
        .. "change; share the strategy with teams so that people can choose learning that serves it." },

    { id = "mix_of_methods", name = "7. A wide mix of methods",
      description = "A wide mix of formal and informal, high-tech and high-touch methods, chosen "
        .. "for the intended outcome.",
      advice = "Widen the mix: add lunch-and-learns, communities of practice, job aids and peer "
        .. "coaching next to formal courses, and choose the method by what people must be able to do." },

    { id = "clear_expectations", name = "8. Clear learning expectations",
      description = "Learning expectations (what is to be learned, why, and how success will be "
        .. "judged) are discussed with employees. The published text of this sign is cut off; "
        .. "the items cover only this part.",
      advice = "Pre-brief every learning activity: manager and employee agree what is to be "
        .. "learned, why, and what success will look like, and debrief afterwards against that." },

    -- Signs 9-16: add here, e.g.
    -- { id = "sign_nine", name = "9. <Gill's sign>", description = "<its meaning>", advice = "<what to do>" },
  },

  items = {
    { id = "sign1a", dimension = "leaders_accountable", text = "Our leaders explain why learning new knowledge and skills matters to what we are trying to achieve." },
    { id = "sign1b", dimension = "leaders_accountable", text = "Managers here are held to account for whether their people learn and apply what they learn." },
    { id = "sign1c", dimension = "leaders_accountable", text = "Whether a manager's team develops makes no difference to how that manager is judged.", reverse = true },

    { id = "sign2a", dimension = "learning_plans", text = "I have a learning plan that I agreed with my manager." },
    { id = "sign2b", dimension = "learning_plans", text = "My manager checks my progress on my learning plan and gives me feedback on it." },
    { id = "sign2c", dimension = "learning_plans", text = "Nobody follows up on whether I use what I have learned.", reverse = true },

    { id = "sign3a", dimension = "managers_coach", text = "My manager works with me as a coach to grow what I am able to do." },
    { id = "sign3b", dimension = "managers_coach", text = "My manager asks questions that help me work things out for myself." },
    { id = "sign3c", dimension = "managers_coach", text = "My manager tells me what to do but rarely helps me get better at it.", reverse = true },

    { id = "sign4a", dimension = "leaders_mentor", text = "Experienced leaders here spend time mentoring less experienced colleagues." },
    { id = "sign4b", dimension = "leaders_mentor", text = "If I asked for a mentor here, I would get one." },
    { id = "sign4c", dimension = "leaders_mentor", text = "Senior people here are too busy to pass on what they know.", reverse = true },

    { id = "sign5a", dimension = "learning_in_hiring", text = "When I was recruited, we talked about how I learn and how I would develop here." },
    { id = "sign5b", dimension = "learning_in_hiring", text = "Onboarding here includes a plan for what new people will learn in their first months." },
    { id = "sign5c", dimension = "learning_in_hiring", text = "This organisation looks for people who are eager to learn when it hires." },
    { id = "sign5d", dimension = "learning_in_hiring", text = "Learning did not come up at any point while I was being hired.", reverse = true },

    { id = "sign6a", dimension = "strategic_link", text = "I can see how what I am learning helps the organisation reach its goals." },
    { id = "sign6b", dimension = "strategic_link", text = "The learning on offer here is chosen with our strategic goals in mind." },
    { id = "sign6c", dimension = "strategic_link", text = "Much of the learning I am asked to do seems unrelated to what the organisation is trying to achieve.", reverse = true },

    { id = "sign7a", dimension = "mix_of_methods", text = "We learn in many ways here: courses, practice on the job, peers, online resources and communities of practice." },
    { id = "sign7b", dimension = "mix_of_methods", text = "The way we learn something is chosen to fit what we need to be able to do." },
    { id = "sign7c", dimension = "mix_of_methods", text = "Here, learning means a classroom course or an e-learning module, and little else.", reverse = true },

    { id = "sign8a", dimension = "clear_expectations", text = "Before I start a learning activity, I know what I am expected to learn and why." },
    { id = "sign8b", dimension = "clear_expectations", text = "I know how we will judge whether a learning activity has succeeded." },
    { id = "sign8c", dimension = "clear_expectations", text = "I am often sent to training without being told what it is for.", reverse = true },

    -- Items of signs 9-16: three to six each, e.g.
    -- { id = "sign9a", dimension = "sign_nine", text = "<an observable behaviour>" },
  },

  -- Interpretation of the index (0-100). The cut-offs are Cultivar's convention, not research norms.
  bands = {
    { min = 0, label = "Few signs",
      advice = "Few of the signs are visible. Start with the two that cost least: learning plans agreed between each manager and report, and pre-briefs that say what is to be learned and why." },
    { min = 50, label = "Some signs",
      advice = "Several signs are visible, unevenly. Work on the lowest two and make managers accountable for them, for example through KPIs that include the development of their team." },
    { min = 75, label = "Many signs",
      advice = "Most of the published signs are visible. Keep them in routines (hiring, onboarding, reviews) so that they survive changes of leader." },
  },
}
