return {
  api = 1,
  id = "team-voice",
  name = "Team voice",
  version = "0.1.0",
  description = "Whether people feel heard and speak up in their team.",
  source = "Written for this walkthrough.",
  scale = { min = 1, max = 5,
            labels = { "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" } },
  dimensions = {
    { id = "heard", name = "Feeling heard",
      advice = "Close each meeting by asking the quietest person what they think." },
    { id = "speak", name = "Speaking up" },
  },
  items = {
    { id = "v1", text = "My ideas are taken seriously.", dimension = "heard" },
    { id = "v2", text = "My manager asks for my view.", dimension = "heard" },
    { id = "v3", text = "I keep concerns to myself.", dimension = "speak", reverse = true },
  },
}
