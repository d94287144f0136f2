-- Training culture vs learning culture, as a Cultivar framework.
--
-- Each item is a pair of statements: A and B. The respondent marks where their team sits
-- between the two. Scores run from 0 (a training culture) to 100 (a learning culture).
-- Usually A is the training-culture statement; on items marked `reverse = true` the poles are
-- swapped (A is the learning-culture statement), so that respondents cannot answer on autopilot.
--
-- Only the first row, who owns learning, is Stephen J. Gill's contrast. His chart's other rows
-- could not be read in the original; the three further rows are Cultivar's own, each tied to an
-- idea Gill writes about elsewhere (named in each row's description). Item wording is Cultivar's.

return {
  api = 1,
  id = "training-vs-learning-culture",
  name = "Training culture vs learning culture",
  version = "1.0.0",
  description = "Where a team sits on the continuum from a training culture (0) to a learning "
    .. "culture (100). The core contrast is Stephen J. Gill's: in a training culture "
    .. "responsibility for learning sits with instructors and training managers, in a learning "
    .. "culture with each employee and each team. Gill's chart has further rows that could not be "
    .. "read in the original, so the other three rows (event or ongoing, instructor- or "
    .. "learner-centred, delivery or results) are Cultivar's own. Items are pairs of statements "
    .. "(A or B), written by Cultivar.",
  source = "Gill, S. J. Training culture vs. learning culture. The Performance Improvement Blog "
    .. "(learningtobegreat.com); see also 'From a training culture to a learning culture', ATD "
    .. "(td.org), 10 January 2017. Row 1 (who owns learning) only; rows 2-4 are Cultivar's own.",

  scale = { min = 1, max = 5,
            labels = { "A describes us fully", "Mostly A", "Halfway between A and B", "Mostly B", "B describes us fully" } },

  dimensions = {
    { id = "ownership", name = "Who owns learning (Gill)",
      description = "Training culture: instructors and training managers, directed by a chief "
        .. "learning officer, are responsible for employee learning. Learning culture: each "
        .. "employee and each team is. This is Gill's core contrast.",
      advice = "Move ownership to people and teams: each person agrees an individual learning plan "
        .. "with their manager, teams set their own learning goals, and L&D acts as a learning coach "
        .. "to managers rather than as the supplier of courses." },

    { id = "continuity", name = "Event or ongoing (Cultivar)",
      description = "Training culture: learning happens at scheduled events. Learning culture: "
        .. "learning is continuous and part of daily work, and formal events are followed by "
        .. "informal reinforcement. Cultivar's row, after David Grebow's 'pivot point', which Gill "
        .. "cites: formal training not followed by informal learning is not applied and is forgotten.",
      advice = "Put learning into the flow of work: pre-brief before every course and debrief after "
        .. "it, follow formal training with practice and coaching on the job, and close each "
        .. "project with an after-action review." },

    { id = "centre", name = "Instructor- or learner-centred (Cultivar)",
      description = "Training culture: the instructor and the curriculum set content, pace and "
        .. "method. Learning culture: learners pull what they need when they need it, from "
        .. "colleagues, communities and resources. Cultivar's row, after Gill's 'the days of "
        .. "instructor-centered employee learning are over'.",
      advice = "Let people pull learning: start communities of practice, make resources easy to "
        .. "find at the moment of need, and have L&D coach managers to facilitate learning "
        .. "instead of only running classes." },

    { id = "purpose", name = "Delivery or results (Cultivar)",
      description = "Training culture: success is courses delivered, attendance and completion. "
        .. "Learning culture: success is what people apply and what improves. Cultivar's row, "
        .. "after Gill's 'training is not learning'.",
      advice = "Count what people apply, not what they attend: start each learning activity from "
        .. "the result it should improve, and make every performance review ask what the person "
        .. "learned and used." },
  },

  items = {
    { id = "tvl_own1", dimension = "ownership", text = "A: The training department decides what people here need to learn. B: Each employee and each team decides what they need to learn." },
    { id = "tvl_own2", dimension = "ownership", text = "A: When I need a new skill, I find a way to learn it, alone or with colleagues. B: When I need a new skill, I wait to be sent on a course.", reverse = true },
    { id = "tvl_own3", dimension = "ownership", text = "A: Learning is the job of instructors and training managers. B: Learning is part of everyone's job, managers included." },

    { id = "tvl_cont1", dimension = "continuity", text = "A: We learn mainly when we attend a course or workshop. B: We learn continuously, as part of our daily work." },
    { id = "tvl_cont2", dimension = "continuity", text = "A: After a course, we practise and discuss what we learned until it sticks. B: After a course, we go back to work as before.", reverse = true },
    { id = "tvl_cont3", dimension = "continuity", text = "A: Learning is something you book time away from the job for. B: Reflecting on our work and improving it is part of the job." },

    { id = "tvl_centre1", dimension = "centre", text = "A: The trainer or the course sets what we learn and at what pace. B: We choose what, when and how we learn, to fit what we need." },
    { id = "tvl_centre2", dimension = "centre", text = "A: People here find what they need from colleagues, communities and resources when they need it. B: People here mostly receive knowledge in prepared courses.", reverse = true },
    { id = "tvl_centre3", dimension = "centre", text = "A: L&D's main role here is to design and deliver courses. B: L&D's main role here is to help managers and teams learn." },

    { id = "tvl_purp1", dimension = "purpose", text = "A: Learning here is judged by courses completed and hours logged. B: Learning here is judged by what people apply and what improves." },
    { id = "tvl_purp2", dimension = "purpose", text = "A: Before any learning activity we agree which result it should improve. B: Learning activities are picked from a catalogue, with no link to a result.", reverse = true },
    { id = "tvl_purp3", dimension = "purpose", text = "A: Performance reviews here look at results only. B: Performance reviews here also ask what I learned and how I developed." },
  },

  -- Interpretation of the index: 0 = training culture, 100 = learning culture. The cut-offs
  -- are Cultivar's convention (thirds of the continuum, rounded), not research norms.
  bands = {
    { min = 0, label = "Training culture",
      advice = "Learning is something the training function does to people. Start with ownership: individual learning plans agreed with managers, and pre-briefs and debriefs around every course." },
    { min = 35, label = "In transition",
      advice = "Some learning is owned by people and teams, some still waits for courses. Work on the lowest row first, and measure what people apply rather than what they attend." },
    { min = 65, label = "Learning culture",
      advice = "People and teams own their learning and keep it going between events. Keep L&D in the role of learning coach to managers, and share how this team does it." },
  },
}
