import Foundation

/// The few primitives of plane geometry the predicates and distances share, with one tolerance.
///
/// Positions near a city are about 100 in magnitude, so a computed crossing point is off its segments by
/// some 1e-14; an absolute 1e-12 degrees (about 0.1 µm) absorbs that and nothing a sensor could mean.
enum STAGeometryPlanar {
    typealias Position = STAGeometry.Position

    static let epsilon = 1e-12
    static let epsilonSquared = epsilon * epsilon

    /// Twice the signed area of o, a, b: positive when b is left of o→a.
    static func cross(_ o: Position, _ a: Position, _ b: Position) -> Double {
        (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    }

    static func distanceSquared(_ p: Position, _ q: Position) -> Double {
        let dx = p.x - q.x, dy = p.y - q.y
        return dx * dx + dy * dy
    }

    static func distanceSquared(_ p: Position, toSegment a: Position, _ b: Position) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        var t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0
        t = t.isNaN ? 0 : min(max(t, 0), 1)
        let cx = a.x + t * dx - p.x, cy = a.y + t * dy - p.y
        return cx * cx + cy * cy
    }

    static func isSame(_ p: Position, _ q: Position) -> Bool {
        distanceSquared(p, q) <= epsilonSquared
    }

    /// On the closed segment a–b, within the tolerance.
    static func isOnSegment(_ p: Position, _ a: Position, _ b: Position) -> Bool {
        guard p.x >= min(a.x, b.x) - epsilon, p.x <= max(a.x, b.x) + epsilon,
              p.y >= min(a.y, b.y) - epsilon, p.y <= max(a.y, b.y) + epsilon
        else { return false }
        return distanceSquared(p, toSegment: a, b) <= epsilonSquared
    }

    /// Where a–b and c–d cross at one point interior to both; nil when they touch at an end, run along
    /// each other or miss. Callers find the touching cases with ``isOnSegment(_:_:_:)`` first, so every
    /// shared point comes out as an input position wherever one exists.
    static func properCrossing(_ a: Position, _ b: Position, _ c: Position, _ d: Position) -> Position? {
        let o1 = cross(a, b, c), o2 = cross(a, b, d)
        let o3 = cross(c, d, a), o4 = cross(c, d, b)
        guard (o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0), (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0) else { return nil }
        let t = o3 / (o3 - o4)
        return Position(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
    }

    static func segmentsMeet(_ a: Position, _ b: Position, _ c: Position, _ d: Position) -> Bool {
        isOnSegment(c, a, b) || isOnSegment(d, a, b) || isOnSegment(a, c, d) || isOnSegment(b, c, d)
            || properCrossing(a, b, c, d) != nil
    }

    static func distanceSquared(segment a: Position, _ b: Position, _ c: Position, _ d: Position) -> Double {
        if properCrossing(a, b, c, d) != nil { return 0 }
        return min(distanceSquared(a, toSegment: c, d), distanceSquared(b, toSegment: c, d),
                   distanceSquared(c, toSegment: a, b), distanceSquared(d, toSegment: a, b))
    }

    /// Even-odd ray casting. Undecided on the ring itself, so callers test the boundary first.
    static func ring(_ ring: [Position], contains p: Position) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let a = ring[i], b = ring[j]
            if (a.y > p.y) != (b.y > p.y) {
                let crossing = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                if p.x < crossing { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// Inside the outer ring and outside every hole; boundary undecided as for ``ring(_:contains:)``.
    static func polygon(_ rings: [[Position]], contains p: Position) -> Bool {
        guard let outer = rings.first, ring(outer, contains: p) else { return false }
        return !rings.dropFirst().contains { ring($0, contains: p) }
    }

    /// Twice the signed area (shoelace): positive for counter-clockwise rings.
    static func signedArea(_ ring: [Position]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
        }
        return sum
    }
}
