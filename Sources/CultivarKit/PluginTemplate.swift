/// The commented plugin that `cultivar plugins new NAME` writes: a small, valid framework
/// (two dimensions, four questions, one reverse-keyed; bands) with the optional hooks left as
/// commented examples. Its test fixture (``PluginTemplate/fixtureResponses``) is worked out
/// by hand for exactly these questions.
enum PluginTemplate {
  /// The plugin file for a framework called `name`.
  static func plugin(name: String, title: String, pluginFile: String, responsesFile: String) -> String {
    """
    -- \(name): a Cultivar framework plugin.
    --
    -- Created by `cultivar plugins new \(name)`. Edit the questions, dimensions and bands
    -- below, then check your work:
    --
    --   cultivar plugins check \(pluginFile)
    --   cultivar plugins test \(name)
    --   cultivar plugins run \(pluginFile) --responses \(responsesFile)
    --
    -- Lines that start with two dashes, like these, are comments: Cultivar ignores them.
    -- Text goes in double quotes; every entry ends with a comma. The guide is
    -- docs/writing-a-framework.md.

    -- The answer labels, from the lowest point of the scale to the highest.
    local agreement = {
      "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
    }

    ---@type cultivar.Plugin
    local framework = {
      -- The plugin API this file is written for. Leave it at 1.
      api = 1,

      -- Surveys name the framework by its id: lowercase letters, digits, '-', '_' and '.'.
      id = "\(name)",
      name = "\(title)",
      version = "0.1.0",
      description = "What this framework measures, in a sentence or two.",
      -- Cite the work the framework is based on, or say that it is your own.
      source = "Your own framework: replace this with the citation of the work it is based on.",

      -- Every question is answered on this scale. Answers of 4 and 5 count as favourable and
      -- 1 and 2 as unfavourable (change that with favorable = { ... }, unfavorable = { ... }).
      scale = { min = 1, max = 5, labels = agreement },

      -- What the framework measures. A respondent's score on a dimension is the mean of its
      -- questions; `advice` is shown to a team that scores below 50 out of 100 there.
      dimensions = {
        { id = "sharing", name = "Knowledge sharing",
          description = "People pass on what they know.",
          advice = "Start a short weekly show-and-tell where one person shares something they learnt." },
        { id = "reflection", name = "Reflection",
          description = "The team looks back on its work to learn from it.",
          advice = "End each project with a blameless review: what did we expect, what happened, what will we change?" },
      },

      -- The questions. A question's id is the name of its column in the response file.
      -- reverse = true marks a question where agreeing is bad: a 5 counts as a 1.
      items = {
        { id = "sh1", dimension = "sharing", text = "People on my team explain how they solved a problem so others can learn from it." },
        { id = "sh2", dimension = "sharing", text = "Useful knowledge stays in the heads of a few people.", reverse = true },
        { id = "re1", dimension = "reflection", text = "After finishing a piece of work we talk about what we would do differently." },
        { id = "re2", dimension = "reflection", text = "We take time to understand why a mistake happened." },
      },

      -- How to read a team's index: 0 to 100, the mean of its dimension scores as percent of
      -- the maximum. A team gets the last band whose min is at or below its index.
      bands = {
        { min = 0, label = "Low", advice = "Pick the lowest dimension and agree one small habit to improve it." },
        { min = 50, label = "Medium", advice = "Make what works in the strongest dimension a routine for the whole team." },
        { min = 75, label = "High", advice = "Share how the team does it with other teams." },
      },

      -- Optional: your own scoring rules, written as Lua functions ("hooks"). Most frameworks
      -- need none. To use one, remove the two dashes in front of each of its lines.
      --
      -- score: changes a respondent's dimension scores. r.answers holds the answers by
      -- question id (nil when unanswered), r.scores the scores worked out as described above.
      --
      -- score = function(r)
      --   if r.answers.sh1 == nil then return nil end  -- nil keeps the usual scores
      --   return { sharing = r.answers.sh1 }           -- sharing from sh1 alone
      -- end,
      --
      -- index: a team's index from its results (t.dimensions.sharing.pomp is 0-100). Say what
      -- the rule is in index_rule: it is printed with every result.
      --
      -- index_rule = "the lower of the two dimension scores (0-100)",
      -- index = function(t)
      --   local a, b = t.dimensions.sharing.pomp, t.dimensions.reflection.pomp
      --   if a == nil or b == nil then return nil end
      --   return math.min(a, b)
      -- end,
      --
      -- band: the label (and advice) for an index, instead of the bands above.
      --
      -- band = function(index, team_name)
      --   if index >= 60 then return "On track" end
      --   return { label = "Needs attention", advice = "Talk about the lowest dimension." }
      -- end,
    }

    -- The file must end by returning the framework table.
    return framework

    """
  }
}
