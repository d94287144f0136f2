-- A plugin in four languages (English, German, French, Spanish) for the walkthrough of
-- reports in the reader's language (surveys/examples/multilingual): every text a reader sees
-- is a table of languages, the `band` hook returns its label and advice as tables of
-- languages too, and a multi-select item's number of options chosen is a per-respondent
-- measure (`count_of`) that teams get the mean of and the share of people with three or more.
return {
  api = 1,
  id = "learning-habits",
  languages = { "en", "de", "fr", "es" },
  name = { en = "Learning habits", de = "Lerngewohnheiten", fr = "Habitudes d'apprentissage", es = "Hábitos de aprendizaje" },
  version = "0.1.0",
  description = {
    en = "Whether people make time to learn, and how many ways of learning they use.",
    de = "Ob sich Menschen Zeit zum Lernen nehmen und wie viele Lernwege sie nutzen.",
    fr = "Si les personnes prennent le temps d'apprendre, et combien de façons d'apprendre elles utilisent.",
    es = "Si las personas se toman tiempo para aprender y cuántas formas de aprender usan.",
  },
  source = "Written for the multilingual walkthrough (surveys/examples/multilingual).",
  scale = {
    min = 1, max = 5,
    labels = {
      { en = "Strongly disagree", de = "Stimme überhaupt nicht zu", fr = "Pas du tout d'accord", es = "Totalmente en desacuerdo" },
      { en = "Disagree", de = "Stimme nicht zu", fr = "Pas d'accord", es = "En desacuerdo" },
      { en = "Neutral", de = "Teils, teils", fr = "Neutre", es = "Neutral" },
      { en = "Agree", de = "Stimme zu", fr = "D'accord", es = "De acuerdo" },
      { en = "Strongly agree", de = "Stimme voll und ganz zu", fr = "Tout à fait d'accord", es = "Totalmente de acuerdo" },
    },
  },
  dimensions = {
    { id = "time", name = { en = "Time to learn", de = "Zeit zum Lernen", fr = "Temps pour apprendre", es = "Tiempo para aprender" },
      advice = {
        en = "Protect one hour a week for learning in the team calendar.",
        de = "Reservieren Sie im Teamkalender eine Stunde pro Woche zum Lernen.",
        fr = "Réservez une heure par semaine à l'apprentissage dans l'agenda de l'équipe.",
        es = "Reserve una hora a la semana para aprender en el calendario del equipo.",
      } },
    { id = "sharing", name = { en = "Sharing what we learn", de = "Gelerntes teilen", fr = "Partager ce que l'on apprend", es = "Compartir lo aprendido" } },
  },
  items = {
    { id = "lh1", dimension = "time",
      text = { en = "I have time at work to learn new things.", de = "Ich habe bei der Arbeit Zeit, Neues zu lernen.",
               fr = "J'ai du temps au travail pour apprendre de nouvelles choses.", es = "Tengo tiempo en el trabajo para aprender cosas nuevas." } },
    { id = "lh2", dimension = "time", reverse = true,
      text = { en = "Deadlines leave no room for learning.", de = "Termine lassen keinen Raum zum Lernen.",
               fr = "Les échéances ne laissent aucune place à l'apprentissage.", es = "Los plazos no dejan espacio para aprender." } },
    { id = "lh3", dimension = "sharing",
      text = { en = "We tell each other what we have learned.", de = "Wir erzählen einander, was wir gelernt haben.",
               fr = "Nous nous racontons ce que nous avons appris.", es = "Nos contamos lo que hemos aprendido." } },
    { id = "lh4", dimension = "sharing",
      text = { en = "Lessons from one project reach the next.", de = "Erkenntnisse aus einem Projekt erreichen das nächste.",
               fr = "Les leçons d'un projet profitent au suivant.", es = "Las lecciones de un proyecto llegan al siguiente." } },
    { id = "activities", type = "multi",
      text = { en = "Which of these did you do to learn this quarter?", de = "Was davon haben Sie in diesem Quartal zum Lernen getan?",
               fr = "Qu'avez-vous fait pour apprendre ce trimestre ?", es = "¿Qué hizo para aprender este trimestre?" },
      options = {
        { id = "course", label = { en = "A course", de = "Ein Kurs", fr = "Une formation", es = "Un curso" } },
        { id = "book", label = { en = "A book", de = "Ein Buch", fr = "Un livre", es = "Un libro" } },
        { id = "mentor", label = { en = "Mentoring", de = "Mentoring", fr = "Du mentorat", es = "Mentoría" } },
        { id = "conference", label = { en = "A conference", de = "Eine Konferenz", fr = "Une conférence", es = "Una conferencia" } },
        { id = "side_project", label = { en = "A side project", de = "Ein Nebenprojekt", fr = "Un projet personnel", es = "Un proyecto personal" } },
      } },
  },
  measures = {
    { id = "activities_count", count_of = "activities", at_least = 3,
      name = { en = "Ways of learning used", de = "Genutzte Lernwege", fr = "Façons d'apprendre utilisées", es = "Formas de aprender usadas" } },
  },
  -- The band and its advice in every language of the plugin: Cultivar shows the report's.
  band = function(index, team_name, team)
    if index >= 60 then
      return { label = { en = "Learning team", de = "Lernendes Team", fr = "Équipe apprenante", es = "Equipo que aprende" } }
    end
    return {
      label = { en = "Room to grow", de = "Luft nach oben", fr = "Marge de progression", es = "Margen de mejora" },
      advice = {
        en = "Start each retrospective with one thing someone learned.",
        de = "Beginnen Sie jede Retrospektive mit einer Sache, die jemand gelernt hat.",
        fr = "Commencez chaque rétrospective par une chose que quelqu'un a apprise.",
        es = "Empiece cada retrospectiva con algo que alguien haya aprendido.",
      },
    }
  end,
}
