-- A bilingual plugin (English and German): every text a respondent or a reader sees is a
-- table of languages; `languages` lists them, the default first. Leaving out a translation
-- is a load error that names this file, the line, the field and the language.
return {
  api = 1,
  id = "team-learning",
  languages = { "en", "de" },
  name = { en = "Team learning", de = "Lernen im Team" },
  version = "0.1.0",
  description = {
    en = "Whether a team makes time to learn and learns from its mistakes.",
    de = "Ob ein Team sich Zeit zum Lernen nimmt und aus Fehlern lernt.",
  },
  source = "Written for the bilingual walkthrough (surveys/examples/bilingual).",
  scale = {
    min = 1, max = 5,
    labels = {
      { en = "Strongly disagree", de = "Stimme überhaupt nicht zu" },
      { en = "Disagree", de = "Stimme nicht zu" },
      { en = "Neutral", de = "Teils, teils" },
      { en = "Agree", de = "Stimme zu" },
      { en = "Strongly agree", de = "Stimme voll und ganz zu" },
    },
  },
  dimensions = {
    { id = "time", name = { en = "Time to learn", de = "Zeit zum Lernen" },
      advice = { en = "Protect one hour a week for learning in the team calendar.",
                 de = "Reservieren Sie im Teamkalender eine Stunde pro Woche zum Lernen." } },
    { id = "mistakes", name = { en = "Learning from mistakes", de = "Aus Fehlern lernen" } },
  },
  items = {
    { id = "tl1", dimension = "time",
      text = { en = "I have time at work to learn new things.", de = "Ich habe bei der Arbeit Zeit, Neues zu lernen." } },
    { id = "tl2", dimension = "time",
      text = { en = "My manager encourages me to learn.", de = "Meine Führungskraft ermutigt mich zum Lernen." } },
    { id = "tl3", dimension = "mistakes",
      text = { en = "We talk openly about what went wrong.", de = "Wir sprechen offen darüber, was schiefgelaufen ist." } },
    { id = "tl4", dimension = "mistakes", reverse = true,
      text = { en = "Mistakes are held against people here.", de = "Fehler werden hier Menschen vorgehalten." } },
  },
  bands = {
    { min = 0, label = { en = "Needs attention", de = "Braucht Aufmerksamkeit" } },
    { min = 50, label = { en = "Developing", de = "Im Aufbau" } },
    { min = 75, label = { en = "Strong", de = "Stark" } },
  },
}
