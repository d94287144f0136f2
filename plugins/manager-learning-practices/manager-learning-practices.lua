-- Manager practices for a learning culture, as a Cultivar framework.
--
-- Team members rate what their own manager does, so each team's result describes its manager's
-- practice and teams can be compared manager by manager. The practices come from practitioners'
-- answers, not from a validated instrument:
--   * TrainingZone, "Promoting a Learning Culture" (forum thread): Andrew Sercombe (Powerchange)
--     names two practices, make failing safe and raise personal worth; a second answer,
--     "Forget top-down", adds a review process that rewards learning, pre-briefing and
--     debriefing formal learning, managers' KPIs that include developing their team, and
--     ownership of learning by the individual rather than imposed from above.
--   * Fiveable's study guide on learning organisations, "Leadership in learning cultures":
--     model continuous learning and a growth mindset, recognise and reward learning, open
--     feedback, psychological safety, empower people to own their development.
--   * Stephen J. Gill's three manager beliefs behind learning (2015): people can learn and
--     change; the manager cares about their own learning; the manager values developing others.
-- Seven practices, one dimension each; the grouping and every statement are Cultivar's own.

local agreement = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
}

return {
  api = 1,
  id = "manager-learning-practices",
  name = "Manager practices for a learning culture",
  version = "1.0.0",
  description = "How far a team's manager practises what practitioners name as the manager's part "
    .. "in a learning culture: make failing safe, raise personal worth, reviews that reward "
    .. "learning, pre-briefs and debriefs of formal learning, KPIs that include developing the "
    .. "team, ownership of learning by each person, and modelling learning. Team members rate "
    .. "their own manager. The practices are taken from the TrainingZone answers and Fiveable's "
    .. "leadership list (with Gill's manager beliefs); they are practitioners' advice, not a "
    .. "validated scale. Grouping, statements and bands are Cultivar's own.",
  source = "TrainingZone forum, 'Promoting a Learning Culture': answers by A. Sercombe "
    .. "(Powerchange) and a second respondent ('Forget top-down'); Fiveable (2024), study guide on "
    .. "creating a learning organization, 'Leadership in learning cultures' and 'Strategies for "
    .. "continuous learning'; Gill, S. J. (2015, January 23). Learning culture: a workplace "
    .. "environment for success, part two (manager beliefs), learningtobegreat.com. Practices only; "
    .. "statements are Cultivar's own.",

  scale = { min = 1, max = 5, labels = agreement },

  dimensions = {
    { id = "failing_safe", name = "Makes failing safe",
      description = "Mistakes are met with learning, not blame; mistakes that produce knowledge "
        .. "are praised (Sercombe: 'Make Failing Safe').",
      advice = "Make failing safe: when something goes wrong, ask what was learned before anyone "
        .. "asks who was responsible, and praise the mistakes that taught the team something. "
        .. "Hold a short blameless after-action review or lessons-learned session after setbacks "
        .. "and celebrate failures that were worth the try." },

    { id = "personal_worth", name = "Raises personal worth",
      description = "People are valued for who they are, independently of their output "
        .. "(Sercombe: 'Raise Personal Worth').",
      advice = "Raise personal worth: separate the person from the result. A poor week is "
        .. "behaviour, not worth; say so, and show each person they are valued whatever this "
        .. "month's numbers. Treat yourself the same way, so the team sees how it is done." },

    { id = "reviews_reward_learning", name = "Reviews reward learning",
      description = "Performance reviews ask how people developed themselves, count informal and "
        .. "online learning, and recognise learning beyond money.",
      advice = "Make reviews reward learning: ask each person to account for how they developed "
        .. "themselves during the period, not only for results; count informal, online and "
        .. "peer learning as development, not only courses; recognise learning in evaluations, "
        .. "promotions and public appreciation, not only in pay." },

    { id = "prebrief_debrief", name = "Pre-briefs and debriefs learning",
      description = "Before a course or workshop the manager agrees what the person wants from "
        .. "it; afterwards they discuss what was learned and how it will be used.",
      advice = "Pre-brief and debrief every formal learning event: before it, agree what the "
        .. "person wants to get out of it; after it, what they learned and where they will "
        .. "apply it in the next few weeks. It is the plainest sign of a manager's buy-in to "
        .. "their people's development." },

    { id = "development_kpis", name = "Is measured on developing the team",
      description = "The manager's KPIs include developing the team, collectively and "
        .. "individually, and leave the manager time to manage.",
      advice = "Give managers KPIs that reflect the development of their team, collectively and "
        .. "individually, and personal targets light enough to leave time to manage: coaching "
        .. "and developing people is the job, not an extra squeezed between targets." },

    { id = "ownership", name = "Leaves ownership of learning to each person",
      description = "People choose and steer their own learning with the manager's support; "
        .. "learning is not imposed from above.",
      advice = "Do not impose learning from above: let each person decide, with you, what to "
        .. "learn next and how, and help them find the resources (mentors, communities of "
        .. "practice, online courses, lunch-and-learns). Your part is to make it possible and to "
        .. "recognise it." },

    { id = "models_learning", name = "Models learning",
      description = "The manager learns openly, asks for feedback, and believes people can learn "
        .. "and change (growth mindset).",
      advice = "Model learning: say what you are learning yourself, ask for feedback on your own "
        .. "work and act on it where the team can see, and treat abilities as something people "
        .. "develop rather than something they have or lack." },
  },

  items = {
    { id = "mp_safe1", dimension = "failing_safe", text = "When something goes wrong, my manager first asks what we can learn from it." },
    { id = "mp_safe2", dimension = "failing_safe", text = "When a piece of work fails, my manager looks for someone to hold responsible.", reverse = true },
    { id = "mp_safe3", dimension = "failing_safe", text = "My manager gives credit to people whose mistakes taught the team something useful." },
    { id = "mp_safe4", dimension = "failing_safe", text = "If I can, I keep my mistakes from my manager.", reverse = true },

    { id = "mp_worth1", dimension = "personal_worth", text = "My manager treats me as valuable in my own right, not only for what I deliver." },
    { id = "mp_worth2", dimension = "personal_worth", text = "After a bad week, I feel my manager thinks less of me as a person.", reverse = true },
    { id = "mp_worth3", dimension = "personal_worth", text = "My manager shows the same respect to everyone in the team, whatever their role or results." },

    { id = "mp_review1", dimension = "reviews_reward_learning", text = "In my performance review I am asked how I developed myself, not only what I achieved." },
    { id = "mp_review2", dimension = "reviews_reward_learning", text = "My reviews look at results and nothing else.", reverse = true },
    { id = "mp_review3", dimension = "reviews_reward_learning", text = "Learning I do informally, online or from colleagues counts in my review as well as courses do." },
    { id = "mp_review4", dimension = "reviews_reward_learning", text = "When I learn something and put it to use, my manager recognises it in ways other than pay." },

    { id = "mp_brief1", dimension = "prebrief_debrief", text = "Before I go on a course or workshop, my manager talks with me about what I want to get out of it." },
    { id = "mp_brief2", dimension = "prebrief_debrief", text = "After a course or workshop, my manager and I discuss what I learned and where I will use it." },
    { id = "mp_brief3", dimension = "prebrief_debrief", text = "I go to training without my manager taking any interest in it.", reverse = true },

    { id = "mp_kpi1", dimension = "development_kpis", text = "Developing the people in this team is part of what my manager is measured on." },
    { id = "mp_kpi2", dimension = "development_kpis", text = "My manager's own targets leave them little time to help us develop.", reverse = true },
    { id = "mp_kpi3", dimension = "development_kpis", text = "My manager keeps track of how the team's skills grow as a whole, not only each person's." },
    { id = "mp_kpi4", dimension = "development_kpis", text = "My manager keeps time in the week for coaching and developing us." },

    { id = "mp_own1", dimension = "ownership", text = "I decide what I need to learn next, with my manager's support." },
    { id = "mp_own2", dimension = "ownership", text = "What I learn is decided for me from above.", reverse = true },
    { id = "mp_own3", dimension = "ownership", text = "My manager encourages me to find the ways of learning that suit me." },

    { id = "mp_model1", dimension = "models_learning", text = "My manager is open about what they are learning themselves." },
    { id = "mp_model2", dimension = "models_learning", text = "My manager is convinced that people in this team can learn and change." },
    { id = "mp_model3", dimension = "models_learning", text = "My manager treats people's abilities as fixed: you either have it or you don't.", reverse = true },
    { id = "mp_model4", dimension = "models_learning", text = "My manager asks for feedback on their own work and acts on it." },
  },

  -- Interpretation of the index (0-100). The cut-offs are Cultivar's convention, not research norms.
  bands = {
    { min = 0, label = "Rarely practised",
      advice = "The team sees few of these practices in its manager. Start with two that cost nothing: make failing safe (ask what was learned before who is to blame) and a five-minute pre-brief and debrief around every course. Give the manager KPIs for developing the team, and time to do it." },
    { min = 50, label = "Partly practised",
      advice = "Some practices are in place, others not. Take the lowest one, agree with the manager one visible change for the next quarter, and check it again with the team." },
    { min = 75, label = "Well practised",
      advice = "The manager practises what a learning culture asks of managers. Ask them to coach peers in the practices the organisation scores lowest on, and keep developing the team in their KPIs." },
  },
}
