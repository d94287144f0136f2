-- A small framework with a comment item and a multi-select item: the walkthrough of
-- `cultivar comments` and `cultivar selections` (README, "Comments and multi-select items").
return {
  api = 1,
  id = "learning-voice",
  name = "Learning voice",
  version = "0.1.0",
  description = "Whether people get time and support to learn, what they would change, and which formats they use.",
  source = "Written for the Cultivar documentation.",
  scale = { min = 1, max = 5,
            labels = { "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" } },
  dimensions = {
    { id = "support", name = "Support to learn" },
  },
  items = {
    { id = "s1", text = "I have time to learn during work.", dimension = "support" },
    { id = "s2", text = "My manager helps me learn.", dimension = "support" },
    { id = "wish", type = "text", text = "What one thing would help you learn more?" },
    { id = "formats", type = "multi", text = "Which learning formats have you used this year?",
      options = {
        { id = "workshops", label = "Workshops" },
        { id = "mentoring", label = "Mentoring" },
        { id = "elearning", label = "E-learning" },
        { id = "communities", label = "Communities of practice" },
      } },
  },
  themes = {
    { id = "time", name = "Time to learn", keywords = { "time", "busy", "hours", "workload" } },
    { id = "manager", name = "Manager support", keywords = { "manager", "lead", "boss" } },
    { id = "tools", name = "Tools and courses", keywords = { "course", "courses", "platform", "licence", "books" } },
  },
}
