import Vapor

/// The properties of an area in the GeoJSON the API serves.
struct AreaFeatureProperties: Content {
    let code: String
    let name: String
    let level: String
    let parent_code: String?
    let kind: String?
    let centroid: [Double]

    init(_ area: Area) {
        code = area.id ?? ""
        name = area.name
        level = area.level
        parent_code = area.parentCode
        kind = area.kind
        centroid = [area.centroidLongitude, area.centroidLatitude]
    }
}
