import KertaCore
import Vapor

extension Request {
    /// A query parameter as text; an empty value counts as absent, as clients often send `?q=`.
    func queryText(_ name: String) -> String? {
        guard let value = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A required number from the query, with the field named in the error when it is missing or not a number.
    func queryNumber(_ name: String, in range: ClosedRange<Double>) throws -> Double {
        guard let text = queryText(name) else { throw APIError.invalid(field: name, "\(name) is required") }
        guard let value = Double(text), value.isFinite else { throw APIError.invalid(field: name, "\(name) must be a number, not \"\(text)\"") }
        guard range.contains(value) else {
            throw APIError.invalid(field: name, "\(name) must be between \(range.lowerBound.formatted()) and \(range.upperBound.formatted())")
        }
        return value
    }

    /// The `lat` and `lon` of the query as a point; each problem names its field.
    func queryPoint(latitude: String = "lat", longitude: String = "lon") throws -> GeoPoint {
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
