-- Senge's five disciplines of a learning organisation, as a Cultivar framework.
--
-- The five disciplines come from Peter Senge's "The Fifth Discipline" (1990). The item
-- wording below is Cultivar's own: it restates each discipline as behaviour a team member can
-- observe. No published questionnaire is copied.

local agreement = {
  "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
}

return {
  api = 1,
  id = "senge-five-disciplines",
  name = "Senge's five disciplines",
  version = "1.0.0",
  description = "How far a team practises the five disciplines of a learning organisation: "
    .. "shared vision, personal mastery, mental models, team learning and systems thinking. "
    .. "The Roundtable's variant replaces team learning with 'shared learning' (cross-functional "
    .. "peer learning); this plugin keeps Senge's original team learning, and its items on "
    .. "learning across team borders also cover that variant.",
  source = "Senge, P. M. (1990). The Fifth Discipline: The Art and Practice of the Learning "
    .. "Organization. New York: Doubleday/Currency.",

  scale = { min = 1, max = 5, labels = agreement },

  dimensions = {
    { id = "shared_vision", name = "Shared vision",
      description = "A common picture of the future that people are committed to, not just told.",
      advice = "Build the picture of the future together: ask each team to say, in its own words, "
        .. "what the vision means for its work, then agree the learning targets needed to close the gap." },
    { id = "personal_mastery", name = "Personal mastery",
      description = "People keep clarifying what they want to achieve and keep growing their capability.",
      advice = "Give every person an individual learning plan tied to the team's goals, reviewed "
        .. "with their manager, with time set aside to work on it." },
    { id = "mental_models", name = "Mental models",
      description = "Assumptions are brought into the open and tested rather than defended.",
      advice = "Make assumptions discussable: run pre-briefs that state what the team expects to "
        .. "happen and debriefs (after-action reviews) that compare it with what did happen." },
    { id = "team_learning", name = "Team learning",
      description = "Dialogue and collective thinking that produce more than any one member could.",
      advice = "Hold regular after-action reviews without blame, and join or start communities of "
        .. "practice where people learn from peers in other teams." },
    { id = "systems_thinking", name = "Systems thinking",
      description = "Seeing wholes, interrelationships and patterns of change instead of snapshots.",
      advice = "Map how the team's work affects other units before deciding; use cross-functional "
        .. "peer learning so people see the challenges of the rest of the organisation." },
  },

  items = {
    { id = "sv1", dimension = "shared_vision", text = "I can describe in my own words where our organisation wants to be in a few years." },
    { id = "sv2", dimension = "shared_vision", text = "People on my team helped shape the goals we work towards." },
    { id = "sv3", dimension = "shared_vision", text = "Our long-term direction feels like something imposed on us from above.", reverse = true },
    { id = "sv4", dimension = "shared_vision", text = "I see how my daily work contributes to our common goals." },

    { id = "pm1", dimension = "personal_mastery", text = "I have clear goals for what I want to get better at this year." },
    { id = "pm2", dimension = "personal_mastery", text = "I regularly take on tasks that stretch my abilities." },
    { id = "pm3", dimension = "personal_mastery", text = "Day-to-day pressure leaves me no room to develop my skills.", reverse = true },
    { id = "pm4", dimension = "personal_mastery", text = "I compare my results honestly with what I set out to achieve." },

    { id = "mm1", dimension = "mental_models", text = "When a plan fails, we examine the assumptions behind it." },
    { id = "mm2", dimension = "mental_models", text = "People here are willing to change their minds when the evidence changes." },
    { id = "mm3", dimension = "mental_models", text = "Questioning how things have always been done is unwelcome here.", reverse = true },
    { id = "mm4", dimension = "mental_models", text = "Before big decisions we say out loud what we expect to happen." },

    { id = "tl1", dimension = "team_learning", text = "Our team discussions produce ideas no one of us would have had alone." },
    { id = "tl2", dimension = "team_learning", text = "After a project we talk through what worked and what did not." },
    { id = "tl3", dimension = "team_learning", text = "Team members keep useful knowledge to themselves.", reverse = true },
    { id = "tl4", dimension = "team_learning", text = "I regularly learn from colleagues outside my own team." },

    { id = "st1", dimension = "systems_thinking", text = "We consider how our decisions affect other teams before acting." },
    { id = "st2", dimension = "systems_thinking", text = "We look for the underlying causes of recurring problems rather than quick fixes." },
    { id = "st3", dimension = "systems_thinking", text = "Each team here optimises its own results without regard to the whole.", reverse = true },
    { id = "st4", dimension = "systems_thinking", text = "I understand how work flows through the organisation from start to finish." },
  },

  -- Interpretation of the index (0-100). The cut-offs are Cultivar's convention for reading
  -- the index, not research norms.
  bands = {
    { min = 0, label = "Emerging",
      advice = "Learning depends on individuals. Start with one discipline the team scores lowest on and one visible habit (for example a monthly after-action review)." },
    { min = 50, label = "Developing",
      advice = "The disciplines are present but uneven. Make the strongest practice routine across teams and work on the weakest dimension next." },
    { min = 75, label = "Established",
      advice = "The team practises the disciplines. Share how it does so with other teams and keep testing its own assumptions." },
  },
}
