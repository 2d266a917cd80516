import Foundation

/// The part of GeoJSON (RFC 7946) the city's boundaries use: Polygon and MultiPolygon geometries.
public enum GeoJSONGeometry {
    public enum Error: Swift.Error, Equatable {
        case unsupportedType(String)
        case malformedCoordinates
    }

    private struct Raw: Decodable {
        let type: String
        let coordinates: AnyCoordinates
    }

    /// Coordinates nest to a depth that depends on the type, so they are decoded as a tree first.
    private indirect enum AnyCoordinates: Decodable {
        case number(Double)
        case list([AnyCoordinates])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let n = try? container.decode(Double.self) {
                self = .number(n)
            } else {
                self = .list(try container.decode([AnyCoordinates].self))
            }
        }

        var list: [AnyCoordinates]? { if case .list(let l) = self { l } else { nil } }
        var number: Double? { if case .number(let n) = self { n } else { nil } }
    }

    /// Decodes a GeoJSON geometry object into a MultiPolygon.
    public static func multiPolygon(from json: Data) throws -> MultiPolygon {
        let raw = try JSONDecoder().decode(Raw.self, from: json)
        switch raw.type {
        case "Polygon":
            return MultiPolygon(polygons: [try polygon(raw.coordinates)])
        case "MultiPolygon":
            guard let list = raw.coordinates.list else { throw Error.malformedCoordinates }
            return MultiPolygon(polygons: try list.map(polygon))
        default:
            throw Error.unsupportedType(raw.type)
        }
    }

    private static func polygon(_ c: AnyCoordinates) throws -> [[GeoPoint]] {
        guard let rings = c.list else { throw Error.malformedCoordinates }
        return try rings.map { ring in
            guard let positions = ring.list else { throw Error.malformedCoordinates }
            return try positions.map { position in
                guard let xy = position.list, xy.count >= 2, let lon = xy[0].number, let lat = xy[1].number else {
                    throw Error.malformedCoordinates
                }
                return GeoPoint(latitude: lat, longitude: lon)
            }
        }
    }
}
