import Foundation

/// A geometry taken apart for point location: its points, its segments (ring segments knowing which
/// side is inside), and the boundary of its lines by the mod-2 rule.
///
/// The OGC predicates are all questions of where a point lies (interior, boundary, exterior) with respect
/// to each geometry; this answers that, and lists what the relate computation must look at.
struct STAGeometryTopology {
    typealias Position = STAGeometry.Position
    typealias Location = STAGeometry.IntersectionMatrix.Location

    struct Segment {
        var a: Position
        var b: Position
        /// For ring segments: whether the polygon's interior lies left of a→b.
        var interiorOnLeft: Bool
        var isRing: Bool
        /// Which polygon and ring of this geometry, for ray casting by band; -1 for lines.
        var polygon = -1
        var ring = -1
    }

    private(set) var points: [Position] = []
    private(set) var lines: [[Position]] = []
    private(set) var polygons: [[[Position]]] = []
    private(set) var segments: [Segment] = []
    /// Line ends that appear an odd number of times: where a line ends, and not where two lines join
    /// or a closed line meets itself (OGC's mod-2 rule, PostGIS's default).
    private(set) var lineBoundary: [Position] = []
    private(set) var bounds: STAGeometry.Bounds?
    private(set) var dimensions: Set<Int> = []
    /// Segment indices by horizontal band of y. Every question here is about one point, and only segments
    /// whose y range holds it can contain it or cross its horizontal ray; so a boundary of thousands of
    /// vertices is searched in a band's worth of them.
    private var bands: [[Int]] = []
    private var bandBottom = 0.0
    private var bandHeight = 0.0

    init(_ geometry: STAGeometry) {
        add(geometry)
        var endCounts: [Position: Int] = [:]
        var ends: [Position] = []
        for line in lines {
            guard let first = line.first, let last = line.last else { continue }
            for end in [first, last] {
                if endCounts[end] == nil { ends.append(end) }
                endCounts[end, default: 0] += 1
            }
        }
        lineBoundary = ends.filter { endCounts[$0, default: 0] % 2 == 1 }
        bounds = STAGeometry.Bounds(enclosing: vertices)
        buildBands()
    }

    private mutating func buildBands() {
        guard let bounds, !segments.isEmpty else { return }
        let count = max(1, min(4096, Int(Double(segments.count).squareRoot())))
        let height = (bounds.maxY - bounds.minY) / Double(count)
        bandBottom = bounds.minY
        bandHeight = height.isFinite && height > 0 ? height : 0
        bands = Array(repeating: [], count: bandHeight > 0 ? count : 1)
        for (i, s) in segments.enumerated() {
            guard let low = band(min(s.a.y, s.b.y) - STAGeometryPlanar.epsilon),
                  let high = band(max(s.a.y, s.b.y) + STAGeometryPlanar.epsilon), low <= high
            else { continue }
            for k in low...high { bands[k].append(i) }
        }
    }

    /// The band holding `y`, clamped to the ends; nil only for a non-number.
    private func band(_ y: Double) -> Int? {
        guard !bands.isEmpty, !y.isNaN else { return nil }
        guard bandHeight > 0 else { return 0 }
        let f = ((y - bandBottom) / bandHeight).rounded(.down)
        return Int(min(max(f, 0), Double(bands.count - 1)))
    }

    /// Segments whose y range may hold `p.y`.
    private func candidates(_ p: Position) -> [Int] {
        guard let k = band(p.y) else { return [] }
        return bands[k]
    }

    /// The single dimension of all parts; relate needs one (a mixed collection has no plain boundary).
    var dimension: Int { dimensions.max() ?? -1 }
    var hasMixedDimensions: Bool { dimensions.count > 1 }

    var vertices: [Position] { points + lines.joined() + polygons.joined().joined() }

    /// One position of each point, line and polygon.
    var partRepresentatives: [Position] { points + lines.compactMap(\.first) + polygons.compactMap { $0.first?.first } }

    private mutating func add(_ geometry: STAGeometry) {
        switch geometry {
        case .point(let p): addPoints([p])
        case .multiPoint(let ps): addPoints(ps)
        case .lineString(let line): addLine(line)
        case .multiLineString(let ls): ls.forEach { addLine($0) }
        case .polygon(let rings): addPolygon(rings)
        case .multiPolygon(let ps): ps.forEach { addPolygon($0) }
        case .geometryCollection(let members): members.forEach { add($0) }
        }
    }

    private mutating func addPoints(_ ps: [Position]) {
        guard !ps.isEmpty else { return }
        dimensions.insert(0)
        points += ps
    }

    private mutating func addLine(_ line: [Position]) {
        guard !line.isEmpty else { return }
        dimensions.insert(1)
        lines.append(line)
        for (a, b) in zip(line, line.dropFirst()) {
            segments.append(Segment(a: a, b: b, interiorOnLeft: false, isRing: false))
        }
    }

    private mutating func addPolygon(_ rings: [[Position]]) {
        guard !rings.isEmpty else { return }
        dimensions.insert(2)
        polygons.append(rings)
        let polygon = polygons.count - 1
        for (n, ring) in rings.enumerated() {
            // An outer ring wound counter-clockwise has the inside on its left; a hole the other way round.
            let counterClockwise = STAGeometryPlanar.signedArea(ring) > 0
            let interiorOnLeft = (n == 0) == counterClockwise
            for (a, b) in zip(ring, ring.dropFirst()) {
                segments.append(Segment(a: a, b: b, interiorOnLeft: interiorOnLeft, isRing: true, polygon: polygon, ring: n))
            }
        }
    }

    /// Where `p` lies, by the part of the highest dimension (relate refuses mixed collections first).
    func locate(_ p: Position) -> Location {
        guard let bounds, bounds.contains(p, tolerance: STAGeometryPlanar.epsilon) else { return .exterior }
        switch dimension {
        case 0:
            return points.contains { STAGeometryPlanar.isSame($0, p) } ? .interior : .exterior
        case 1:
            if lineBoundary.contains(where: { STAGeometryPlanar.isSame($0, p) }) { return .boundary }
            return candidates(p).contains { STAGeometryPlanar.isOnSegment(p, segments[$0].a, segments[$0].b) } ? .interior : .exterior
        case 2:
            let near = candidates(p)
            if near.contains(where: { segments[$0].isRing && STAGeometryPlanar.isOnSegment(p, segments[$0].a, segments[$0].b) }) {
                return .boundary
            }
            return areaContains(p) ? .interior : .exterior
        default:
            return .exterior
        }
    }

    /// Strictly inside some polygon; a point on a ring may go either way.
    func areaContains(_ p: Position) -> Bool {
        guard !polygons.isEmpty, let bounds, bounds.contains(p) else { return false }
        // Even-odd per ring, from the crossings of the ray to the right within the point's band.
        var odd: Set<SIMD2<Int>> = []
        for i in candidates(p) {
            let s = segments[i]
            guard s.isRing, (s.a.y > p.y) != (s.b.y > p.y) else { continue }
            let crossing = (s.b.x - s.a.x) * (p.y - s.a.y) / (s.b.y - s.a.y) + s.a.x
            if p.x < crossing {
                let key = SIMD2(s.polygon, s.ring)
                if odd.remove(key) == nil { odd.insert(key) }
            }
        }
        return odd.contains { key in key.y == 0 && !odd.contains { $0.x == key.x && $0.y != 0 } }
    }

    /// The areal location just left and right of a stretch of this geometry's boundary through `p`
    /// running along `direction`: read from the ring's winding, so it needs no offset point whose
    /// distance would have to be guessed. Nil when no ring segment through `p` runs that way.
    func sides(at p: Position, along direction: Position) -> (left: Location, right: Location)? {
        var best: Segment?
        var bestSine = Double.infinity
        let dLength = (direction.x * direction.x + direction.y * direction.y).squareRoot()
        for i in candidates(p) where segments[i].isRing && STAGeometryPlanar.isOnSegment(p, segments[i].a, segments[i].b) {
            let s = segments[i]
            let rx = s.b.x - s.a.x, ry = s.b.y - s.a.y
            let denominator = dLength * (rx * rx + ry * ry).squareRoot()
            guard denominator > 0 else { continue }
            let sine = abs(direction.x * ry - direction.y * rx) / denominator
            if sine < bestSine {
                bestSine = sine
                best = s
            }
        }
        guard let s = best, bestSine < 1e-6 else { return nil }
        let sameWay = direction.x * (s.b.x - s.a.x) + direction.y * (s.b.y - s.a.y) > 0
        return s.interiorOnLeft == sameWay ? (.interior, .exterior) : (.exterior, .interior)
    }
}
