-- Leader habits of a learning culture (Stephen J. Gill, 2014), as a Cultivar framework.
--
-- Gill names eight leader habits. Only the first three are published in the text Cultivar
-- could read: send the message, build trust, encourage risk-taking. Those three are measured
-- here; habits 4 to 8 are NOT guessed. The item wording is Cultivar's own.
--
-- Holding Gill's full list (his blog post, or Gill & Grebow, "Minds at Work", ATD Press
-- 2018)? Add each further habit as one more entry in `dimensions` and three to six items of
-- your own in `items` (see the template at the end of each list). The index is the mean over
-- all dimensions, so it covers the new habits without further changes.

local agreement = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
}

return {
  api = 1,
  id = "gill-leader-habits",
  name = "Leader habits of a learning culture",
  version = "1.0.0",
  description = "How consistently leaders practise the habits Stephen J. Gill calls essential to a "
    .. "learning culture. Gill lists eight habits; only the first three (send the message, build "
    .. "trust, encourage risk-taking) are published in the sources Cultivar could read, so only "
    .. "those three are measured. Habits 4 to 8 are not guessed: an L&D team holding Gill's full "
    .. "list can add them as further dimensions (see README.md). Items are Cultivar's own wording.",
  source = "Gill, S. J. (2014, July 31). Eight leader habits of a learning culture. The Performance "
    .. "Improvement Blog / Learning to be Great, learningtobegreat.com/blog/2014/07/31/"
    .. "eight-leader-habits-of-a-learning-culture. Habits 1-3 only; 4-8 not published in the text read.",

  scale = { min = 1, max = 5, labels = agreement },

  dimensions = {
    { id = "send_the_message", name = "1. Send the message",
      description = "Leaders say, from hiring onward and in the organisation's guiding principles, "
        .. "that learning matters, and how it will be supported and rewarded.",
      advice = "Put learning into what leaders already say and write: the hiring conversation, "
        .. "onboarding, the guiding principles, town halls. Say what support people can count on "
        .. "(time, budget, coaching) and how learning will be recognised, and hold managers "
        .. "accountable for their people learning and applying what they learn." },

    { id = "build_trust", name = "2. Build trust",
      description = "Employees believe their learning is valued, that their manager will create "
        .. "chances to apply it, and that nobody will block their growth.",
      advice = "Keep the promises made about development: each manager agrees a learning plan "
        .. "with each person, pre-briefs before a course and debriefs after it, and gives a real "
        .. "chance to use the new skill within weeks. Never hold someone back to keep them in a role." },

    { id = "encourage_risk_taking", name = "3. Encourage risk-taking",
      description = "Mistakes, and successes, are followed by a review without blame: what "
        .. "happened, what was learned, what to do next.",
      advice = "After every significant mistake and every notable success, hold a short "
        .. "after-action review: what did we expect, what happened, why, what will we do next. "
        .. "Keep it blameless and thank people for mistakes that produced learning." },

    -- Habits 4-8: add here, e.g.
    -- { id = "habit_four", name = "4. <Gill's name of the habit>",
    --   description = "<Gill's meaning, in your words>", advice = "<what a team can do>" },
  },

  items = {
    { id = "lh_msg1", dimension = "send_the_message", text = "Senior leaders here talk about learning as part of how we do our work, not as an extra." },
    { id = "lh_msg2", dimension = "send_the_message", text = "When I joined, it was made clear to me that I was expected to keep learning." },
    { id = "lh_msg3", dimension = "send_the_message", text = "I know how this organisation will support my learning and how it will recognise it." },
    { id = "lh_msg4", dimension = "send_the_message", text = "Leaders here only mention learning when a mandatory course is overdue.", reverse = true },

    { id = "lh_trust1", dimension = "build_trust", text = "I believe my manager genuinely values what I learn." },
    { id = "lh_trust2", dimension = "build_trust", text = "When I learn something new, my manager helps me find a real chance to use it." },
    { id = "lh_trust3", dimension = "build_trust", text = "I suspect my manager would hold me back rather than lose me to a bigger role.", reverse = true },
    { id = "lh_trust4", dimension = "build_trust", text = "Leaders here keep the promises they make about development." },

    { id = "lh_risk1", dimension = "encourage_risk_taking", text = "After a mistake we look at what happened, what we learned and what to do next, without hunting for someone to blame." },
    { id = "lh_risk2", dimension = "encourage_risk_taking", text = "We also review our successes to understand why they worked." },
    { id = "lh_risk3", dimension = "encourage_risk_taking", text = "People here avoid new approaches because a failure would count against them.", reverse = true },
    { id = "lh_risk4", dimension = "encourage_risk_taking", text = "My manager encourages me to try things that might not work." },

    -- Items of habits 4-8: three to six each, at least one reverse-keyed where it reads naturally, e.g.
    -- { id = "lh_four1", dimension = "habit_four", text = "<an observable behaviour of leaders>" },
  },

  -- Interpretation of the index (0-100). The cut-offs are Cultivar's convention, not research norms.
  bands = {
    { min = 0, label = "Not yet habits",
      advice = "Leaders do not yet practise these habits routinely. Start with the message: the most senior leader says in person why learning matters and what support people can count on; then make one blameless review routine." },
    { min = 50, label = "Practised unevenly",
      advice = "Some habits are practised, not all, and not by every leader. Pick the lowest habit and agree one visible leader action for it this quarter, for example managers' KPIs that include the development of their team." },
    { min = 75, label = "Habitual",
      advice = "The habits are part of how leaders work. Keep them that way for new leaders: build them into leadership onboarding and into how managers are reviewed." },
  },
}
