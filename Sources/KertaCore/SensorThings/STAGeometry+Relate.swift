import Foundation

extension STAGeometry {
    /// The DE-9IM of `self` against `other`, as PostGIS's `ST_Relate(a, b)`.
    ///
    /// Both geometries' segments are cut at every point where they meet the other's (crossings, touching
    /// vertices, ends of shared stretches) and at every isolated point and line end. Then each vertex and
    /// crossing is located in both (0-dimensional cells), the middle of each cut piece is located in both
    /// (1-dimensional), and the two sides of each piece are read from the rings' winding (2-dimensional):
    /// every face of the overlay borders some piece, so this visits every kind of face without building one.
    /// Quadratic at worst in the number of segments (a sweep over x skips most pairs), which is fine for
    /// sensor locations against a query literal.
    public func relate(_ other: STAGeometry) throws -> IntersectionMatrix {
        try validate()
        try other.validate()
        let a = STAGeometryTopology(self), b = STAGeometryTopology(other)
        for (t, g) in [(a, self), (b, other)] where t.hasMixedDimensions {
            throw STAGeometryError(.unsupported,
                "a \(g.typeName) mixing points, lines and areas has no single boundary; relate its members one by one")
        }
        return Self.matrix(a, b)
    }

    /// Whether the DE-9IM fits `pattern` (`ST_Relate(a, b, pattern)`).
    public func relate(_ other: STAGeometry, pattern: String) throws -> Bool {
        let matrix = try relate(other)
        return try matrix.matches(pattern)
    }

    public func intersects(_ other: STAGeometry) throws -> Bool { try relate(other).isIntersects }
    public func isDisjoint(with other: STAGeometry) throws -> Bool { try relate(other).isDisjoint }
    public func touches(_ other: STAGeometry) throws -> Bool { try relate(other).isTouches }
    public func crosses(_ other: STAGeometry) throws -> Bool { try relate(other).isCrosses }
    public func isWithin(_ other: STAGeometry) throws -> Bool { try relate(other).isWithin }
    public func contains(_ other: STAGeometry) throws -> Bool { try relate(other).isContains }
    public func overlaps(_ other: STAGeometry) throws -> Bool { try relate(other).isOverlaps }
    /// Same point set (`ST_Equals`), not same coordinates: rings may start elsewhere or wind the other way.
    public func isTopologicallyEqual(to other: STAGeometry) throws -> Bool { try relate(other).isEquals }

    private typealias Topology = STAGeometryTopology
    private typealias Planar = STAGeometryPlanar
    private typealias Location = IntersectionMatrix.Location

    private static func matrix(_ a: Topology, _ b: Topology) -> IntersectionMatrix {
        var m = IntersectionMatrix(dimensionA: a.dimension, dimensionB: b.dimension)
        let topologies = [a, b]
        var segments: [(owner: Int, segment: Topology.Segment)] = []
        for (owner, t) in topologies.enumerated() {
            segments += t.segments.map { (owner, $0) }
        }
        var cuts = [[Position]](repeating: [], count: segments.count)
        var crossings: [Position] = []

        // Pairs from different geometries whose x ranges overlap, by a sweep on the left ends.
        let order = segments.indices.sorted {
            min(segments[$0].segment.a.x, segments[$0].segment.b.x) < min(segments[$1].segment.a.x, segments[$1].segment.b.x)
        }
        for k in order.indices {
            let i = order[k]
            let s = segments[i].segment
            let maxX = max(s.a.x, s.b.x) + Planar.epsilon
            let minY = min(s.a.y, s.b.y) - Planar.epsilon, maxY = max(s.a.y, s.b.y) + Planar.epsilon
            var l = k + 1
            while l < order.count {
                let j = order[l]
                l += 1
                let r = segments[j].segment
                if min(r.a.x, r.b.x) > maxX { break }
                guard segments[j].owner != segments[i].owner, max(r.a.y, r.b.y) >= minY, min(r.a.y, r.b.y) <= maxY else { continue }
                var touched = false
                for p in [r.a, r.b] where Planar.isOnSegment(p, s.a, s.b) {
                    cuts[i].append(p)
                    touched = true
                }
                for p in [s.a, s.b] where Planar.isOnSegment(p, r.a, r.b) {
                    cuts[j].append(p)
                    touched = true
                }
                if !touched, let x = Planar.properCrossing(s.a, s.b, r.a, r.b) {
                    cuts[i].append(x)
                    cuts[j].append(x)
                    crossings.append(x)
                }
            }
        }

        // Isolated points and line ends change the location at a single point of a segment; cutting there
        // keeps that point from being the one sampled for the whole piece.
        for t in topologies {
            for p in t.points + t.lineBoundary {
                for i in segments.indices where Planar.isOnSegment(p, segments[i].segment.a, segments[i].segment.b) {
                    cuts[i].append(p)
                }
            }
        }

        func record(_ p: Position, ownerLocation: Location?, owner: Int, dimension: Int) -> Location {
            let la = owner == 0 ? ownerLocation ?? a.locate(p) : a.locate(p)
            let lb = owner == 1 ? ownerLocation ?? b.locate(p) : b.locate(p)
            m.raise(la, lb, to: dimension)
            return owner == 0 ? lb : la
        }

        for p in a.vertices + b.vertices + crossings {
            _ = record(p, ownerLocation: nil, owner: -1, dimension: 0)
        }

        for (i, (owner, s)) in segments.enumerated() {
            let own = topologies[owner], other = topologies[1 - owner]
            let dx = s.b.x - s.a.x, dy = s.b.y - s.a.y
            let length2 = dx * dx + dy * dy
            guard length2 > Planar.epsilonSquared else { continue }
            var inner = cuts[i]
                .filter { !Planar.isSame($0, s.a) && !Planar.isSame($0, s.b) }
                .map { (t: (($0.x - s.a.x) * dx + ($0.y - s.a.y) * dy) / length2, p: $0) }
                .sorted { $0.t < $1.t }
                .map(\.p)
            inner.append(s.b)
            var start = s.a
            for end in inner where !Planar.isSame(start, end) {
                let middle = Position(x: (start.x + end.x) / 2, y: (start.y + end.y) / 2)
                let ownLocation: Location = own.dimension == 2 ? .boundary : .interior
                let otherLocation = record(middle, ownerLocation: ownLocation, owner: owner, dimension: 1)

                let ownSides: (left: Location, right: Location) =
                    own.dimension == 2 ? (s.interiorOnLeft ? (.interior, .exterior) : (.exterior, .interior)) : (.exterior, .exterior)
                let direction = Position(x: end.x - start.x, y: end.y - start.y)
                var otherSides: (left: Location, right: Location) = (.exterior, .exterior)
                if other.dimension == 2 {
                    switch otherLocation {
                    case .interior: otherSides = (.interior, .interior)
                    case .exterior: otherSides = (.exterior, .exterior)
                    case .boundary: otherSides = other.sides(at: middle, along: direction) ?? offsetSides(other, middle, direction)
                    }
                }
                if owner == 0 {
                    m.raise(ownSides.left, otherSides.left, to: 2)
                    m.raise(ownSides.right, otherSides.right, to: 2)
                } else {
                    m.raise(otherSides.left, ownSides.left, to: 2)
                    m.raise(otherSides.right, ownSides.right, to: 2)
                }
                start = end
            }
        }
        return m
    }

    /// Last resort when no ring segment runs along the piece (only for rings that double back on
    /// themselves): look a hair to each side.
    private static func offsetSides(_ t: Topology, _ p: Position, _ d: Position) -> (left: Location, right: Location) {
        let length = (d.x * d.x + d.y * d.y).squareRoot()
        guard length > 0 else { return (.exterior, .exterior) }
        let step = max(length * 1e-6, Planar.epsilon * 16) / length
        let left = t.locate(Position(x: p.x - d.y * step, y: p.y + d.x * step))
        let right = t.locate(Position(x: p.x + d.y * step, y: p.y - d.x * step))
        return (left == .boundary ? .exterior : left, right == .boundary ? .exterior : right)
    }
}
