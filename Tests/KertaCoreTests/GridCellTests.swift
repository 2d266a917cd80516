import Foundation
import Testing
@testable import KertaCore

/// Nearby searches read only the cells around a point: every place within the radius must lie in one of
/// them, across cell edges too.
@Suite struct GridCellTests {
    @Test func everyPointWithinTheRadiusIsInACoveredCell() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let centre = GeoPoint(latitude: Double.random(in: -8.75 ... -8.57, using: &generator),
                                  longitude: Double.random(in: 115.15...115.28, using: &generator))
            let cells = Set(GridCell.covering(BoundingBox(around: centre, radius: 250)))
            #expect(cells.count <= 9)
            // A point 249 m away in a random direction.
            let bearing = Double.random(in: 0..<(2 * .pi), using: &generator)
            let near = GeoPoint(latitude: centre.latitude + 249 / 111_320 * cos(bearing),
                                longitude: centre.longitude + 249 / (111_320 * cos(centre.latitude * .pi / 180)) * sin(bearing))
            #expect(cells.contains(GridCell.of(near)))
        }
    }

    @Test func cellsAreAboutFiveHundredMetresAndDistinct() {
        let puputan = GeoPoint(latitude: -8.6577, longitude: 115.2166)
        #expect(GridCell.of(puputan) == GridCell.of(GeoPoint(latitude: -8.6577, longitude: 115.2166)))
        #expect(GridCell.of(puputan) != GridCell.of(GeoPoint(latitude: -8.6577 + 0.005, longitude: 115.2166)))
        #expect(GridCell.of(puputan) != GridCell.of(GeoPoint(latitude: -8.6577, longitude: 115.2166 + 0.005)))
    }
}
