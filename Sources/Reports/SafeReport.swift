import SurveyModel

/// Reports with every piece of text that came from an input (survey, responses, plugins,
/// file names) passed through one function, e.g. ``SafeText/terminal(_:keepingLineBreaks:)``
/// before a terminal. Numbers are untouched.
extension ScoreReport {
  public func mapText(_ f: @escaping @Sendable (String) -> String) -> ScoreReport {
    var r = self
    r.survey = survey.mapText(f)
    r.input = input.mapText(f)
    r.frameworks = frameworks.map { framework in
      var x = framework
      (x.id, x.name, x.version, x.source) = (f(x.id), f(x.name), f(x.version), f(x.source))
      x.rules = x.rules.mapText(f)
      x.measures = x.measures.map { MeasureInfo(id: f($0.id), name: f($0.name)) }
      x.dimensions = x.dimensions.map { $0.mapText(f) }
      x.reliability = x.reliability.map { $0.mapText(f) }
      let teams = framework.teams
      x.teams = TeamResultList(count: teams.count, name: { f(teams.name(at: $0)) }, make: { teams[$0].mapText(f) })
      x.organisation = x.organisation.mapText(f)
      return x
    }
    r.privacy = privacy.mapText(f)
    r.participation = participation.map {
      var p = $0
      p.unit = f(p.unit)
      return p
    }
    return r
  }
}

extension ComparisonReport {
  public func mapText(_ f: @escaping @Sendable (String) -> String) -> ComparisonReport {
    var r = self
    r.survey = survey.mapText(f)
    r.input = input.mapText(f)
    if case .team(let name) = baseline { r.baseline = .team(f(name)) }
    r.selectedTeams = selectedTeams?.map(f)
    r.frameworks = frameworks.map { framework in
      var x = framework
      (x.id, x.name, x.version) = (f(x.id), f(x.name), f(x.version))
      x.rules = x.rules.mapText(f)
      x.dimensions = x.dimensions.map { $0.mapText(f) }
      x.reliability = x.reliability.map { $0.mapText(f) }
      x.teams = x.teams.map { $0.mapText(f) }
      x.organisation = x.organisation.mapText(f)
      return x
    }
    r.privacy = privacy.mapText(f)
    return r
  }
}

extension TrendReport {
  public func mapText(_ f: @escaping @Sendable (String) -> String) -> TrendReport {
    var r = self
    r.survey = survey.mapText(f)
    r.waves = waves.map {
      var w = $0
      w.name = f(w.name)
      return w
    }
    r.mappingApplied = mappingApplied.map { applied in
      var a = applied
      a.rule.sources = a.rule.sources.map(f)
      a.rule.target = f(a.rule.target)
      a.waves = a.waves.map(f)
      return a
    }
    r.frameworks = frameworks.map { framework in
      var x = framework
      (x.id, x.name, x.version) = (f(x.id), f(x.name), f(x.version))
      x.dimensions = x.dimensions.map { $0.mapText(f) }
      x.teams = x.teams.map { $0.mapText(f) }
      x.organisation = x.organisation.mapText(f)
      return x
    }
    r.privacyRule = f(privacyRule)
    r.privacy = privacy.map { $0.mapText(f) }
    return r
  }
}

extension SurveyInfo {
  func mapText(_ f: (String) -> String) -> SurveyInfo { SurveyInfo(id: f(id), title: f(title), language: language) }
}

extension InputSummary {
  func mapText(_ f: (String) -> String) -> InputSummary {
    var x = self
    x.file = f(file)
    x.rejectsFile = rejectsFile.map(f)
    x.wave = wave.map(f)
    return x
  }
}

extension DimensionInfo {
  func mapText(_ f: (String) -> String) -> DimensionInfo {
    var x = self
    (x.id, x.name) = (f(id), f(name))
    return x
  }
}

extension TeamResult {
  func mapText(_ f: (String) -> String) -> TeamResult {
    var x = self
    x.team = f(team)
    x.band = band.map {
      var b = $0
      b.label = f(b.label)
      b.advice = b.advice.map(f)
      return b
    }
    x.dimensions = dimensions.map { d in
      var y = d
      y.id = f(d.id)
      y.advice = d.advice.map(f)
      return y
    }
    return x
  }
}

extension TeamLine {
  func mapText(_ f: (String) -> String) -> TeamLine {
    TeamLine(team: f(team), points: points.map { $0?.mapText(f) })
  }
}

extension TeamComparison {
  func mapText(_ f: (String) -> String) -> TeamComparison {
    var x = self
    x.team = f(team)
    x.band = band.map(f)
    x.dimensions = dimensions.map {
      var d = $0
      d.id = f(d.id)
      d.noDifference = d.noDifference.map(f)
      return d
    }
    x.reliability = reliability.map { $0.mapText(f) }
    return x
  }
}

extension ScaleReliability {
  func mapText(_ f: (String) -> String) -> ScaleReliability {
    var x = self
    x.dimension = f(dimension)
    x.items = items.map(f)
    x.itemStatistics = itemStatistics.map {
      var i = $0
      i.item = f(i.item)
      i.warning = i.warning.map(f)
      return i
    }
    return x
  }
}

extension PrivacySummary {
  func mapText(_ f: (String) -> String) -> PrivacySummary {
    var x = self
    x.rule = f(rule)
    x.suppressed = suppressed.map {
      var s = $0
      s.team = f(s.team)
      return s
    }
    x.audit = audit.map { entry in
      var e = entry
      (e.cut, e.group, e.wouldShow) = (f(e.cut), f(e.group), e.wouldShow?.mappingNames(f))
      e.dataPoint = e.dataPoint.map(f)
      return e
    }
    return x
  }
}
