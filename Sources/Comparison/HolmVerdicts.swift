import Statistics
import SurveyModel

/// Adjusts every p-value of a comparison as one Holm family and sets the verdicts.
enum HolmVerdicts {
  /// - Returns: the method with its family size.
  static func apply(to frameworks: inout [FrameworkComparison], settings: ComparisonMethod) -> ComparisonMethod {
    var positions: [(f: Int, t: Int, d: Int)] = []
    var pValues: [Double] = []
    for f in frameworks.indices {
      for t in frameworks[f].teams.indices {
        for (d, dimension) in frameworks[f].teams[t].dimensions.enumerated() {
          guard let p = dimension.difference?.p else { continue }
          positions.append((f, t, d))
          pValues.append(p)
        }
      }
    }
    let adjusted = Holm.adjust(pValues)
    var method = settings
    method.familySize = pValues.count
    let adjustedAt = Dictionary(uniqueKeysWithValues: zip(positions.map { "\($0.f).\($0.t).\($0.d)" }, adjusted))
    for f in frameworks.indices {
      for t in frameworks[f].teams.indices {
        for d in frameworks[f].teams[t].dimensions.indices {
          guard let difference = frameworks[f].teams[t].dimensions[d].difference else { continue }
          let n = frameworks[f].teams[t].dimensions[d].n
          frameworks[f].teams[t].dimensions[d].difference = DifferenceTest.decide(
            difference, n: n, adjustedP: adjustedAt["\(f).\(t).\(d)"], method: method)
        }
      }
    }
    return method
  }
}
