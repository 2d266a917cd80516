import Vapor

/// The properties of an area in the GeoJSON the API serves.
package struct AreaFeatureProperties: Content {
    package let code: String
    package let name: String
    package let level: String
    package let parent_code: String?
    package let kind: String?
    package let centroid: [Double]

    package init(_ area: Area) {
        code = area.id ?? ""
        name = area.name
        level = area.level
        parent_code = area.parentCode
        kind = area.kind
        centroid = [area.centroidLongitude, area.centroidLatitude]
    }
}
