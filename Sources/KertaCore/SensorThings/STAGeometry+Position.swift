import Foundation

extension STAGeometry {
    /// One position, longitude as `x` and latitude as `y`: the order of GeoJSON and WKT, and named for the
    /// plane because every function here is Cartesian in degrees (unlike ``GeoPoint``, which is for metres).
    public struct Position: Hashable, Sendable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }

        public init(_ x: Double, _ y: Double) {
            self.init(x: x, y: y)
        }

        public var longitude: Double { x }
        public var latitude: Double { y }
    }
}
