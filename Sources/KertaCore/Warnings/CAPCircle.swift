import Foundation

/// A round warning area: CAP writes it as a centre and a radius in kilometres, not metres.
public struct CAPCircle: Sendable, Equatable, Codable {
    public var center: GeoPoint
    public var radiusKilometres: Double

    public init(center: GeoPoint, radiusKilometres: Double) {
        self.center = center
        self.radiusKilometres = radiusKilometres
    }
}
