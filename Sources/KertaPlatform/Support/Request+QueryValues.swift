import KertaCore
import Vapor

extension Request {
    /// A query parameter as text; an empty value counts as absent, as clients often send `?q=`.
    package func queryText(_ name: String) -> String? {
        // Each lookup below decodes the whole query string again, and Open311 lists ask for a dozen parameters
        // that are mostly absent: those are answered from the raw text (``queryMayName(_:_:)``).
        guard let raw = url.query, Self.queryMayName(raw, name) else { return nil }
        guard let value = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// False only when no key of `query` can decode to `name` (or `name[…]`): Vapor splits pairs on `&` and the
    /// key at the first `=`, then decodes `+` and percent-escapes, so a key without `%` decodes to `name` only if
    /// it starts with it.
    package static func queryMayName(_ query: String, _ name: String) -> Bool {
        for pair in query.utf8.split(separator: UInt8(ascii: "&")) {
            let key = pair.prefix { $0 != UInt8(ascii: "=") }
            if key.contains(UInt8(ascii: "%")) || key.starts(with: name.utf8) { return true }
        }
        return false
    }

    /// A required number from the query, with the field named in the error when it is missing or not a number.
    package func queryNumber(_ name: String, in range: ClosedRange<Double>) throws -> Double {
        guard let text = queryText(name) else { throw APIError.invalid(field: name, id: "\(name) wajib diisi", en: "\(name) is required") }
        guard let value = Double(text), value.isFinite else {
            throw APIError.invalid(field: name, id: "\(name) harus berupa angka, bukan \"\(text)\"", en: "\(name) must be a number, not \"\(text)\"")
        }
        guard range.contains(value) else {
            let (low, high) = (range.lowerBound.formatted(), range.upperBound.formatted())
            throw APIError.invalid(field: name, id: "\(name) harus di antara \(low) dan \(high)", en: "\(name) must be between \(low) and \(high)")
        }
        return value
    }

    /// The `lat` and `lon` of the query as a point; each problem names its field.
    package func queryPoint(latitude: String = "lat", longitude: String = "lon") throws -> GeoPoint {
        var problems: [APIError.FieldProblem] = []
        var lat = 0.0, lon = 0.0
        do { lat = try queryNumber(latitude, in: -90...90) } catch let e as APIError { problems += e.fields }
        do { lon = try queryNumber(longitude, in: -180...180) } catch let e as APIError { problems += e.fields }
        if !problems.isEmpty { throw APIError.invalid(problems) }
        return GeoPoint(latitude: lat, longitude: lon)
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}

extension Request {
    /// An optional whole number from the query, with a default and its allowed range.
    package func queryInteger(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = queryText(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.invalid(field: name, id: "\(name) harus bilangan bulat \(range.lowerBound)–\(range.upperBound)",
                                   en: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
