/// How the rows of a navigation's target are found from a source row, so one description serves path
/// resolution, `$expand` and filters alike.
public enum STAJoin: Sendable, Hashable {
    /// The source row holds the target's id in this column (every to-one navigation).
    case sourceColumn(String)
    /// The target rows hold the source's id in this column.
    case targetColumn(String)
    /// A link table with a column for each side.
    case linkTable(String, sourceColumn: String, targetColumn: String)
}
