-- Found by cultivar-fuzz (plugin-contract, seed 3003): a scale minimum of 1-1e300 with labels
-- made the contract reader convert a Double past Int.max (a trap). Fixed by the sandbox branch's
-- checked contract numbers (maximum scale span).
-- Organisational learning DNA (Stephen J. Gill, "10 Principles of Organizational Learning
-- DNA", 2016), as a Cultivar framework.
--
-- Gill states ten principles. In the text Cultivar could read, five are named and only three
-- of them have their explanation; those five are measured here and the other five are NOT
-- guessed. For the two principles known by title only, the description and the items are
-- Cultivar's reading of the title, and say so. All item wording is Cultivar's own.
--
-- The "organisational DNA" metaphor is Gary Neilson and Jaime Estupiñán's; the principles are
-- Gill's. Holding the full list? Add each principle as a dimension with three to six items.

local agreement = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
}

return {
  api = 1,
  id = "gill-learning-dna",
  name = "Organisational learning DNA",
  version = "1.0.0",
  description = "Whether the organisation has the 'DNA' that predisposes it to learning, after "
    .. "Stephen J. Gill's principles of organisational learning DNA. Gill states ten principles; "
    .. "five are named in the sources Cultivar could read, three of them with their explanation. "
    .. "Those five are measured; the other five are not guessed. For 'learning is aligned with "
    .. "results' and 'organisational structure facilitates learning' only the title is published, "
    .. "so their descriptions and items are Cultivar's reading of the title. Items are Cultivar's own.",
  source = "Gill, S. J. (2016, August 25). 10 principles of organizational learning DNA. The "
    .. "Performance Improvement Blog / Learning to be Great, learningtobegreat.com/blog/2016/08/25/"
    .. "10-principles-of-organizational-learning-dna; 'organizational DNA' metaphor after G. Neilson "
    .. "and J. Estupiñán (Booz & Company). 5 of 10 principles named, 3 with text.",

  scale = { min = 1-1e300, max = 5, labels = agreement },

  dimensions = {
    { id = "leaders_support", name = "Leaders support learning",
      description = "Executives say and show that continuous individual, team and organisational "
        .. "learning is expected, through many ways of learning. (Gill's principle 1.)",
      advice = "Executives should say it and show it: talk about what they are learning, take part "
        .. "in learning sessions themselves, and state that continuous learning by individuals, "
        .. "teams and the whole organisation is expected, through many ways of learning." },

    { id = "managers_responsible", name = "Managers take responsibility for employee learning",
      description = "Managers encourage learning, provide practice and application, and hold their "
        .. "reports and themselves accountable for it. (Gill's principle 2.)",
      advice = "Make employee learning part of the manager's job and of the manager's review: KPIs "
        .. "that include the development of their team, a pre-brief and debrief around every "
        .. "learning event, and a chance to apply what was learned after each." },

    { id = "hires_promotes_learners", name = "The organisation hires and promotes learners",
      description = "Selection and promotion reward people who are self-motivated learners and who "
        .. "learn from both success and failure. (Gill's principle 3.)",
      advice = "Ask about learning in every selection and promotion decision: what has the person "
        .. "learned recently, how, and what did they learn from a failure? Hire for the ability "
        .. "and motivation to learn." },

    { id = "aligned_with_results", name = "Learning is aligned with results",
      description = "Title only in the sources read (Gill's principle 4); description and items "
        .. "are Cultivar's reading: learning is chosen for, and checked against, the results it "
        .. "should improve.",
      advice = "Start every learning initiative from the result and the performance problem it "
        .. "should change, and look at that result again a few months later." },

    { id = "structure_facilitates", name = "Organisational structure facilitates learning",
      description = "Title only in the sources read, position in Gill's list unknown; description "
        .. "and items are Cultivar's reading: the way the organisation is divided up helps, rather "
        .. "than hinders, learning across its parts.",
      advice = "Build learning routes across the structure: cross-functional peer groups and "
        .. "communities of practice, mentoring across departments, and shared after-action "
        .. "reviews for work that crosses team borders." },
  },

  items = {
    { id = "dna_lead1", dimension = "leaders_support", text = "Our executives make it clear that they expect continuous learning from individuals, teams and the organisation as a whole." },
    { id = "dna_lead2", dimension = "leaders_support", text = "Senior leaders show by their own behaviour that they keep learning." },
    { id = "dna_lead3", dimension = "leaders_support", text = "Leaders here back many ways of learning, not only formal courses." },
    { id = "dna_lead4", dimension = "leaders_support", text = "Executives here treat learning mainly as a cost to keep down.", reverse = true },

    { id = "dna_mgr1", dimension = "managers_responsible", text = "My manager encourages me to learn and gives me chances to practise what I learn." },
    { id = "dna_mgr2", dimension = "managers_responsible", text = "My manager holds me accountable for applying what I have learned." },
    { id = "dna_mgr3", dimension = "managers_responsible", text = "My manager takes responsibility for how well our team develops." },
    { id = "dna_mgr4", dimension = "managers_responsible", text = "My manager leaves my learning entirely to me and to HR.", reverse = true },

    { id = "dna_hire1", dimension = "hires_promotes_learners", text = "Willingness to learn is a real criterion when people are hired here." },
    { id = "dna_hire2", dimension = "hires_promotes_learners", text = "The people who get promoted here are those who learn from their successes and their failures." },
    { id = "dna_hire3", dimension = "hires_promotes_learners", text = "Promotions here reward what people already know, not how they learn and grow.", reverse = true },

    { id = "dna_align1", dimension = "aligned_with_results", text = "The learning we do here is chosen for the results it should improve." },
    { id = "dna_align2", dimension = "aligned_with_results", text = "We check afterwards whether learning has changed our results." },
    { id = "dna_align3", dimension = "aligned_with_results", text = "Much of the learning here has no visible connection to our results.", reverse = true },

    { id = "dna_struct1", dimension = "structure_facilitates", text = "The way we are organised makes it easy to learn from people in other teams." },
    { id = "dna_struct2", dimension = "structure_facilitates", text = "What one department learns reaches the other departments quickly." },
    { id = "dna_struct3", dimension = "structure_facilitates", text = "Walls between departments get in the way of learning here.", reverse = true },
  },

  -- Interpretation of the index (0-100). The cut-offs are Cultivar's convention, not research norms.
  bands = {
    { min = 0, label = "Weak learning DNA",
      advice = "The organisation's design works against learning. Begin where leaders have most leverage: executives saying and showing that learning is expected, and managers made responsible for their people's learning." },
    { min = 50, label = "Mixed learning DNA",
      advice = "Some principles are built into how the organisation works, others are not. Work on the lowest principle and make it part of a routine (hiring, promotion, reviews, structure) rather than a campaign." },
    { min = 75, label = "Strong learning DNA",
      advice = "Learning is built into how the organisation is led, staffed and structured. Guard it when the organisation changes: reorganisations and new leaders are when learning DNA is lost." },
  },
}
