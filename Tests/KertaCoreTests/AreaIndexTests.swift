import Foundation
import Testing
@testable import KertaCore

@Suite struct AreaIndexTests {
    static let data = try! ReferenceData.load(from: Fixtures.referenceDirectory)
    let index = AreaIndex(data.areas.map { AreaIndex.Entry(code: $0.code, level: $0.level, shape: $0.shape) })
    var data: ReferenceData { Self.data }

    @Test func theCityHasFourKecamatanAndFortyThreeDesa() {
        #expect(data.areas.filter { $0.level == .kecamatan }.count == 4)
        let desa = data.areas.filter { $0.level == .desa }
        #expect(desa.count == 43)
        #expect(desa.filter { $0.kind == "kelurahan" }.count == 16)
        #expect(Set(desa.compactMap(\.parentCode)) == ["517101", "517102", "517103", "517104"])
    }

    @Test func puputanBadungSquareIsInDauhPuriKangin() {
        let point = GeoPoint(latitude: -8.6577, longitude: 115.2166)
        #expect(index.code(at: point, level: .desa) == "5171032006")
        #expect(index.code(at: point, level: .kecamatan) == "517103")
    }

    @Test func kutaIsOutsideTheCity() {
        let kuta = GeoPoint(latitude: -8.7184, longitude: 115.1686)
        #expect(index.code(at: kuta, level: .desa) == nil)
        #expect(index.code(at: kuta, level: .city) == nil)
    }

    @Test func everyDesaContainsItsOwnCentroidOrANeighbourDoes() {
        // Centroids of the source lie inside their polygons except for odd shapes; each must at least be in the city.
        for desa in data.areas where desa.level == .desa {
            #expect(index.code(at: desa.centroid, level: .city) == "5171", "centroid of \(desa.name)")
        }
    }

    @Test func holesAreOutside() {
        let square = [GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 10), GeoPoint(latitude: 10, longitude: 10),
                      GeoPoint(latitude: 10, longitude: 0), GeoPoint(latitude: 0, longitude: 0)]
        let hole = [GeoPoint(latitude: 4, longitude: 4), GeoPoint(latitude: 4, longitude: 6), GeoPoint(latitude: 6, longitude: 6),
                    GeoPoint(latitude: 6, longitude: 4), GeoPoint(latitude: 4, longitude: 4)]
        let shape = MultiPolygon(polygons: [[square, hole]])
        #expect(shape.contains(GeoPoint(latitude: 2, longitude: 2)))
        #expect(!shape.contains(GeoPoint(latitude: 5, longitude: 5)))
        #expect(!shape.contains(GeoPoint(latitude: 11, longitude: 5)))
    }

    @Test func distanceAcrossTheSquareIsAboutRight() {
        // Catur Muka to Museum Bali is roughly 430 m.
        let d = GeoPoint(latitude: -8.655674, longitude: 115.214936).distance(to: GeoPoint(latitude: -8.657447, longitude: 115.218623))
        #expect((400...470).contains(d))
    }

    @Test func bboxParsingRejectsNonsense() {
        #expect(BoundingBox(commaSeparated: "115.2,-8.7,115.3,-8.6") != nil)
        #expect(BoundingBox(commaSeparated: "115.3,-8.7,115.2,-8.6") == nil)
        #expect(BoundingBox(commaSeparated: "a,b,c,d") == nil)
        #expect(BoundingBox(commaSeparated: "1,2,3") == nil)
    }
}
