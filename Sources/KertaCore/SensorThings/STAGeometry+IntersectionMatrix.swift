import Foundation

extension STAGeometry {
    /// The DE-9IM: for each of interior, boundary and exterior of the first geometry against each of the
    /// second, the dimension of their intersection (nil for empty, written `F`).
    ///
    /// Every named predicate is a pattern on this matrix (OGC 06-103r4 §6.1.15), so computing it once and
    /// reading the predicates off keeps them consistent with each other and with `st_relate`. The
    /// geometries' own dimensions are kept because `crosses`, `overlaps` and `touches` depend on them.
    public struct IntersectionMatrix: Hashable, Sendable, CustomStringConvertible {
        public enum Location: Int, Sendable, CaseIterable {
            case interior = 0, boundary = 1, exterior = 2
        }

        /// Row-major, -1 for empty.
        private var cells: [Int] = Array(repeating: -1, count: 9)
        public let dimensionA: Int
        public let dimensionB: Int

        /// Empty but for exterior ∩ exterior, which is the whole plane but two bounded sets.
        public init(dimensionA: Int, dimensionB: Int) {
            self.dimensionA = dimensionA
            self.dimensionB = dimensionB
            cells[8] = 2
        }

        public subscript(_ a: Location, _ b: Location) -> Int? {
            let value = cells[a.rawValue * 3 + b.rawValue]
            return value < 0 ? nil : value
        }

        /// Records that the sets meet in (at least) `dimension`.
        mutating func raise(_ a: Location, _ b: Location, to dimension: Int) {
            let i = a.rawValue * 3 + b.rawValue
            cells[i] = max(cells[i], dimension)
        }

        /// The nine characters PostGIS's `ST_Relate(a, b)` prints, e.g. `212101212`.
        public var description: String {
            String(cells.map { $0 < 0 ? "F" : Character(String($0)) })
        }

        /// Whether the matrix fits a DE-9IM pattern of `T`, `F`, `*`, `0`, `1`, `2` (as `ST_Relate(a, b, pattern)`).
        public func matches(_ pattern: String) throws -> Bool {
            let chars = Array(pattern.uppercased())
            guard chars.count == 9, chars.allSatisfy({ "TF*012".contains($0) }) else {
                throw STAGeometryError(.invalidArgument,
                    "a DE-9IM pattern is 9 characters, each T, F, *, 0, 1 or 2; '\(pattern.prefix(40))' is not one")
            }
            return zip(chars, cells).allSatisfy { c, v in
                switch c {
                case "*": true
                case "T": v >= 0
                case "F": v < 0
                default: Int(String(c)) == v
                }
            }
        }

        private func has(_ a: Location, _ b: Location) -> Bool { self[a, b] != nil }

        public var isDisjoint: Bool {
            !has(.interior, .interior) && !has(.interior, .boundary) && !has(.boundary, .interior) && !has(.boundary, .boundary)
        }

        public var isIntersects: Bool { !isDisjoint }

        /// `T*F**F***`: some interior shared and nothing of A outside B.
        public var isWithin: Bool {
            has(.interior, .interior) && !has(.interior, .exterior) && !has(.boundary, .exterior)
        }

        /// `T*****FF*`.
        public var isContains: Bool {
            has(.interior, .interior) && !has(.exterior, .interior) && !has(.exterior, .boundary)
        }

        /// Interiors apart but the sets meet; two point sets can only be disjoint or share interiors.
        public var isTouches: Bool {
            guard !(dimensionA == 0 && dimensionB == 0) else { return false }
            return !has(.interior, .interior) && (has(.interior, .boundary) || has(.boundary, .interior) || has(.boundary, .boundary))
        }

        /// `T*T******` from lower to higher dimension, `T*****T**` the other way, `0********` line/line.
        public var isCrosses: Bool {
            if dimensionA < dimensionB { return has(.interior, .interior) && has(.interior, .exterior) }
            if dimensionA > dimensionB { return has(.interior, .interior) && has(.exterior, .interior) }
            return dimensionA == 1 && self[.interior, .interior] == 0
        }

        /// Same dimension, interiors meeting in that dimension, and each with a part outside the other.
        public var isOverlaps: Bool {
            guard dimensionA == dimensionB, has(.interior, .exterior), has(.exterior, .interior) else { return false }
            return dimensionA == 1 ? self[.interior, .interior] == 1 : has(.interior, .interior)
        }

        /// `T*F**FFF*` on geometries of one dimension: the same point set however it is written.
        public var isEquals: Bool {
            dimensionA == dimensionB && has(.interior, .interior) && !has(.interior, .exterior) && !has(.boundary, .exterior)
                && !has(.exterior, .interior) && !has(.exterior, .boundary)
        }
    }
}
