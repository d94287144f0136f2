/// How a unit crossed with an attribute value is named in every output: `Web × location: Berlin`.
public enum CrossedCell {
  /// What joins the unit's name and the value's label. A unit's name may not hold it, or a
  /// unit could be named like another unit's cell.
  public static let separator = " × "

  /// The cell of `unit` (its name) and an attribute value's label (`location: Berlin`).
  public static func name(unit: String, label: String) -> String { unit + separator + label }
}
