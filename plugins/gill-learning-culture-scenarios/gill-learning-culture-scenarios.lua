-- "Do you have a learning culture?" (Stephen J. Gill, 2013 and 2014), as a Cultivar framework.
--
-- Gill, taking a cue from Dharmesh Shah, tests a culture by its instinctive reactions rather
-- than by its stated values: for an espoused value ("we value creativity and innovation") he
-- describes a situation and two plausible first reactions, both reasonable, one typical of a
-- learning culture and one not. Here each espoused value is a dimension and each situation a
-- CHOICE item (plugin API 1, `options`): the respondent picks the reaction most likely to come
-- first in their team. The learning-culture reaction scores 1, the other 0, on a 0-1 scale, so
-- a dimension mean is a share of learning-culture reactions and its POMP a percentage.
--
-- What is Gill's and what is not:
--   * Gill's: the format (espoused value, situation, two instinctive reactions), the three
--     espoused values, and three situations: the assistant who asks to attend finance
--     workshops (part one), the abandoned app project and the strategic plan left unused (part
--     two). Items sc_dev1, sc_inno1 and sc_fb1; their wording and reactions are Cultivar's.
--   * Cultivar's own: the other nine situations (the rest of Gill's scenarios could not be
--     read and are NOT reproduced), all reactions, the bands and the advice.
-- The espoused value is not repeated in each item, so as not to cue the answer. The
-- learning-culture reaction is option "a" in some items and "b" in others.

return {
  api = 1,
  id = "gill-learning-culture-scenarios",
  name = "Do you have a learning culture? (scenarios)",
  version = "1.0.0",
  description = "Whether a team's instinctive reactions match the learning culture it espouses. "
    .. "After Gill (2013, 2014), following Dharmesh Shah: for three espoused values (we develop "
    .. "all employees' skills; we value creativity and innovation; we want feedback and "
    .. "accountability), respondents pick which of two reasonable first reactions to a situation "
    .. "is more likely in their team; one is typical of a learning culture. Score = share of "
    .. "learning-culture reactions. Three situations follow Gill's published ones (items "
    .. "sc_dev1, sc_inno1, sc_fb1, in Cultivar's wording); the other nine are Cultivar's own, as "
    .. "are all reactions. Gill's remaining scenarios could not be read and are not reproduced.",
  source = "Gill, S. J. (2013, October). Do you have a learning culture? (Part one); (2014, "
    .. "November). Do you have a learning culture? (Part two). The Performance Improvement Blog, "
    .. "stephenjgill.typepad.com; format after Dharmesh Shah. Three situations only; reactions "
    .. "and the other nine scenarios are Cultivar's own.",

  -- Option scores lie on this scale: 1 = the learning-culture reaction, 0 = the other.
  scale = { min = 0, max = 1 },

  dimensions = {
    { id = "develop_skills", name = "Espoused: we develop all employees' skills",
      description = "Whether requests and chances to learn, also beyond the current job, are "
        .. "met with support rather than with the budget rules.",
      advice_below = 60,
      advice = "Show that learning is valued and will be used (Gill's 'build trust'): when "
        .. "someone asks to learn, ask what they hope to learn and where they could use it, now "
        .. "or later; pre-brief and debrief every course and give people a chance to share and "
        .. "try what they learned; pair newcomers and new leads with experienced colleagues." },

    { id = "creativity_innovation", name = "Espoused: we value creativity and innovation",
      description = "Whether new ideas, experiments and failed projects are met with curiosity "
        .. "and learning rather than with blame or caution.",
      advice_below = 60,
      advice = "Make failing safe: after a dropped project or a failed pilot, ask what it taught "
        .. "the team before asking who is to blame, and say so in public. Let people test new "
        .. "ideas on a small scale, and celebrate the failures that taught something." },

    { id = "feedback_accountability", name = "Espoused: we want feedback and accountability",
      description = "Whether feedback, complaints and finished work lead to reflection and "
        .. "change rather than to reminders, apologies or moving on.",
      advice_below = 60,
      advice = "Build reflection into the work: short after-action reviews at the end of every "
        .. "project, the successful ones too (what did we expect, what happened, why, what "
        .. "next); a lessons-learned look after complaints; leaders who thank people for "
        .. "pointing out their mistakes and show what they changed." },
  },

  items = {
    -- We develop all employees' skills. sc_dev1: Gill's situation (part one); the rest Cultivar's.
    { id = "sc_dev1", dimension = "develop_skills", text = "An administrative assistant asks to attend a series of finance workshops that have little to do with their current job. What would most likely happen first here?",
      options = {
        { id = "a", label = "They are told the training budget is kept for skills people need in their current role.", score = 0 },
        { id = "b", label = "Their manager asks what they hope to learn and where it could be used here, now or later.", score = 1 },
      } },
    { id = "sc_dev2", dimension = "develop_skills", text = "A colleague comes back from a two-day course with ideas that would change how the team works. What would most likely happen first here?",
      options = {
        { id = "a", label = "Time is set aside at the next team meeting for them to share what they learned and to try one idea.", score = 1 },
        { id = "b", label = "They are helped to catch up on the work that piled up while they were away.", score = 0 },
      } },
    { id = "sc_dev3", dimension = "develop_skills", text = "Someone newly promoted to lead a team finds it hard to give feedback. What would most likely happen first here?",
      options = {
        { id = "a", label = "They are given time to grow into the role, as most people do within a few months.", score = 0 },
        { id = "b", label = "They get an experienced lead to practise with and regular check-ins on how it is going.", score = 1 },
      } },
    { id = "sc_dev4", dimension = "develop_skills", text = "A junior colleague asks to spend a day shadowing the team's most experienced specialist. What would most likely happen first here?",
      options = {
        { id = "a", label = "The specialist takes them along and explains their reasoning as they work.", score = 1 },
        { id = "b", label = "The request is put off: the specialist's time is too valuable at the moment.", score = 0 },
      } },

    -- We value creativity and innovation. sc_inno1: Gill's situation (part two); the rest Cultivar's.
    { id = "sc_inno1", dimension = "creativity_innovation", text = "After months of work, a project to build a new app is abandoned. What would most likely happen first here?",
      options = {
        { id = "a", label = "People ask where the project went wrong and who should have stopped it sooner.", score = 0 },
        { id = "b", label = "People ask what building it taught them about developing products, working together and themselves.", score = 1 },
      } },
    { id = "sc_inno2", dimension = "creativity_innovation", text = "Someone suggests a different way of running a routine process that has worked for years. What would most likely happen first here?",
      options = {
        { id = "a", label = "They are asked to try it on a small scale and compare the results with the usual way.", score = 1 },
        { id = "b", label = "They are reminded that the current process works and that changing it carries risk.", score = 0 },
      } },
    { id = "sc_inno3", dimension = "creativity_innovation", text = "A new tool the team is piloting causes problems in its first week. What would most likely happen first here?",
      options = {
        { id = "a", label = "The pilot is stopped and the team goes back to the tool it knows.", score = 0 },
        { id = "b", label = "The people using it are asked what went wrong before anyone decides to adjust or stop.", score = 1 },
      } },
    { id = "sc_inno4", dimension = "creativity_innovation", text = "In a meeting, a junior colleague questions an assumption behind a senior leader's plan. What would most likely happen first here?",
      options = {
        { id = "a", label = "The leader asks them to say more and has the assumption checked.", score = 1 },
        { id = "b", label = "The meeting moves on, since the plan has already been agreed.", score = 0 },
      } },

    -- We want feedback and accountability. sc_fb1: Gill's situation (part two); the rest Cultivar's.
    { id = "sc_fb1", dimension = "feedback_accountability", text = "A year after the team worked hard on a strategic plan, the plan sits unused. What would most likely happen first here?",
      options = {
        { id = "a", label = "Those who were meant to use it are asked what got in the way, and the plan and its follow-up are changed with them.", score = 1 },
        { id = "b", label = "The plan is sent round again with a reminder that everyone is expected to follow it.", score = 0 },
      } },
    { id = "sc_fb2", dimension = "feedback_accountability", text = "A customer complains about a piece of work the team delivered. What would most likely happen first here?",
      options = {
        { id = "a", label = "The customer gets an apology, the problem is fixed and everyone moves on.", score = 0 },
        { id = "b", label = "The problem is fixed, then the team looks at what led to it and what to change.", score = 1 },
      } },
    { id = "sc_fb3", dimension = "feedback_accountability", text = "In a meeting, a team member points out that a decision by the manager caused rework. What would most likely happen first here?",
      options = {
        { id = "a", label = "The manager thanks them, asks what they would have done, and agrees what to change.", score = 1 },
        { id = "b", label = "The manager explains why the decision made sense at the time.", score = 0 },
      } },
    { id = "sc_fb4", dimension = "feedback_accountability", text = "A project finishes on time and on budget. What would most likely happen first here?",
      options = {
        { id = "a", label = "The team celebrates and moves straight on to the next project.", score = 0 },
        { id = "b", label = "The team celebrates, then takes half an hour to review what made it work and what to repeat.", score = 1 },
      } },
  },

  -- Interpretation of the index: the percentage of learning-culture reactions. The cut-offs are
  -- Cultivar's convention, not research norms.
  bands = {
    { min = 0, label = "Espoused, not practised",
      advice = "Most first reactions here are not those of a learning culture, whatever the stated values say: what people say they believe and what drives their behaviour differ (Argyris's espoused theory and theory-in-use). Take the situation with the fewest learning reactions, discuss with the team what would make the other reaction come first, and have leaders model it the next time it happens." },
    { min = 40, label = "Mixed reactions",
      advice = "Learning-culture reactions and others are about as likely. Look at which espoused value is furthest from practice and agree one routine that makes the learning reaction the default, such as a blameless review after every dropped project or a debrief after every course." },
    { min = 70, label = "Learning reactions prevail",
      advice = "The team's instinctive reactions mostly match a learning culture. Keep them under pressure: check the situations that still draw the other reaction, and make sure new leaders learn the routines." },
  },
}
