/// Finds which desa and kecamatan hold a point, among the polygons of one city.
///
/// The city has tens of desa, a nation tens of thousands; a bounding-box test first keeps the exact
/// ring test for the few candidates.
public struct AreaIndex: Sendable {
    public struct Entry: Sendable {
        public let code: String
        public let level: AreaLevel
        public let shape: MultiPolygon

        public init(code: String, level: AreaLevel, shape: MultiPolygon) {
            self.code = code
            self.level = level
            self.shape = shape
        }
    }

    private let entries: [AreaLevel: [Entry]]

    public init(_ entries: [Entry]) {
        self.entries = Dictionary(grouping: entries, by: \.level)
    }

    /// The code of the area of `level` containing `point`, if any.
    public func code(at point: GeoPoint, level: AreaLevel) -> String? {
        entries[level]?.first { $0.shape.contains(point) }?.code
    }
}
