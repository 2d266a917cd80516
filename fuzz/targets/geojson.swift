// libFuzzer target: GeoJSON geometry (GeoJSONGeometry.multiPolygon), the FeatureCollection reader of the
// boundary files (ReferenceData.parseAreas), the point-in-polygon test on what they give, and the
// `bbox=minLon,minLat,maxLon,maxLat` parameter (BoundingBox(commaSeparated:)).
import Foundation
@testable import KertaCore

let probes = [GeoPoint(latitude: -8.6577, longitude: 115.2170), GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 90, longitude: -180)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(input(data, size))
    if let shape = try? GeoJSONGeometry.multiPolygon(from: bytes) {
        for point in probes + (shape.polygons.first?.first?.prefix(2) ?? []) { _ = shape.contains(point) }
        if let box = shape.boundingBox { _ = box.contains(probes[0]) }
    }
    if let areas = try? ReferenceData.parseAreas(bytes, level: .desa, file: "fuzz.geojson") {
        let index = AreaIndex(areas.map { AreaIndex.Entry(code: $0.code, level: $0.level, shape: $0.shape) })
        for point in probes + areas.prefix(3).map(\.centroid) { _ = index.code(at: point, level: .desa) }
    }
    if let box = BoundingBox(commaSeparated: String(decoding: bytes, as: UTF8.self)) {
        require(box.minLatitude <= box.maxLatitude && box.minLongitude <= box.maxLongitude, "bbox accepted upside down: \(box)")
        _ = box.contains(probes[0])
    }
    return 0
}
