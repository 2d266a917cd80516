/// Where a property path's column is read: the row itself, or a row reached through to-one navigations by
/// one correlated scalar subquery (`(SELECT o_2.name FROM sta_datastreams o_1 JOIN sta_things o_2 ON …
/// WHERE o_1.id = o.datastream_id)`). The inner aliases extend the outer one (`o_1`, `o_2`), so they never
/// shadow it.
struct STASQLReference {
    let alias: String
    let navigations: [STANavigation]

    /// The alias the column is read from inside ``wrap(_:)``.
    var innerAlias: String { navigations.isEmpty ? alias : "\(alias)_\(navigations.count)" }

    func column(_ name: String) -> STASQL { STASQL("\(innerAlias).\(name)") }

    /// `expression`, written over ``innerAlias``, as a value of the outer row.
    func wrap(_ expression: STASQL) -> STASQL {
        guard let first = navigations.first, case .sourceColumn(let firstColumn) = first.join else { return expression }
        var sql: STASQL = "(SELECT "
        sql += expression
        sql += STASQL(" FROM \(first.target.table) \(alias)_1")
        for (offset, navigation) in navigations.enumerated().dropFirst() {
            guard case .sourceColumn(let column) = navigation.join else { continue }
            let this = "\(alias)_\(offset + 1)", previous = "\(alias)_\(offset)"
            sql += STASQL(" JOIN \(navigation.target.table) \(this) ON \(this).id = \(previous).\(column)")
        }
        sql += STASQL(" WHERE \(alias)_1.id = \(alias).\(firstColumn))")
        return sql
    }
}
