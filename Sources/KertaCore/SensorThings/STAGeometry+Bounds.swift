import Foundation

extension STAGeometry {
    /// An axis-aligned box in degrees, the cheap first test before exact geometry (and what GeoJSON `bbox`
    /// holds). Separate from ``BoundingBox`` because that one is latitude-first and checks globe ranges,
    /// which planar WKT literals need not respect.
    public struct Bounds: Hashable, Sendable {
        public var minX: Double
        public var minY: Double
        public var maxX: Double
        public var maxY: Double

        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }

        /// The smallest box around `positions`; nil when there are none.
        public init?(enclosing positions: some Sequence<Position>) {
            var iterator = positions.makeIterator()
            guard let first = iterator.next() else { return nil }
            self.init(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
            while let p = iterator.next() {
                minX = min(minX, p.x)
                minY = min(minY, p.y)
                maxX = max(maxX, p.x)
                maxY = max(maxY, p.y)
            }
        }

        /// `tolerance` widens both boxes, so what touches within the on-segment epsilon is not rejected early.
        public func intersects(_ other: Bounds, tolerance: Double = 0) -> Bool {
            minX <= other.maxX + tolerance && other.minX <= maxX + tolerance
                && minY <= other.maxY + tolerance && other.minY <= maxY + tolerance
        }

        public func contains(_ p: Position, tolerance: Double = 0) -> Bool {
            p.x >= minX - tolerance && p.x <= maxX + tolerance && p.y >= minY - tolerance && p.y <= maxY + tolerance
        }
    }

    /// The box around every position; nil only for a geometry built by hand with no positions.
    public var boundingBox: Bounds? { Bounds(enclosing: positions) }
}
