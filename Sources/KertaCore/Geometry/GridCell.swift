import Foundation

/// A square of the map about 500 m on a side, numbered so one indexed integer column finds the complaints
/// near a point on SQLite and PostgreSQL alike. A latitude range on an index still reads every complaint
/// of that band across the whole city (tens of thousands at a million complaints); the few cells around a
/// point hold only the complaints there (BENCHMARKS.md).
public enum GridCell {
    /// 0.0045° of latitude ≈ 500 m: a 250 m search box touches at most 3 × 3 cells.
    public static let size = 0.0045
    static let columns = 100_000

    /// The cell holding `point`. The same arithmetic (degrees shifted to positive, divided, rounded down)
    /// fills stored rows in the migration, so both must stay in step.
    public static func of(_ point: GeoPoint) -> Int64 {
        Int64(row(point.latitude)) * Int64(columns) + Int64(column(point.longitude))
    }

    /// Every cell the box touches.
    public static func covering(_ box: BoundingBox) -> [Int64] {
        var cells: [Int64] = []
        for r in row(box.minLatitude)...row(box.maxLatitude) {
            for c in column(box.minLongitude)...column(box.maxLongitude) {
                cells.append(Int64(r) * Int64(columns) + Int64(c))
            }
        }
        return cells
    }

    static func row(_ latitude: Double) -> Int { Int(((latitude + 90) / size).rounded(.down)) }
    static func column(_ longitude: Double) -> Int { Int(((longitude + 180) / size).rounded(.down)) }
}
