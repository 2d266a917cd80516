import KertaCore
import Vapor

/// One agency's line on the public scoreboard.
struct AgencyPerformanceRow: Content {
    let agency: String
    let name: String
    let received: Int
    let resolved: Int
    let closed: Int
    let percentWithinDeadline: Double?
    let medianHoursToFirstResponse: Double?
    let medianHoursToResolution: Double?
    let averageRating: Double?
    let ratings: Int
    let percentReopened: Double?
    let rank: Int?

    enum CodingKeys: String, CodingKey {
        case agency, name, received, resolved, closed, ratings, rank
        case percentWithinDeadline = "percent_within_deadline"
        case medianHoursToFirstResponse = "median_hours_to_first_response"
        case medianHoursToResolution = "median_hours_to_resolution"
        case averageRating = "average_rating"
        case percentReopened = "percent_reopened"
    }

    init(_ p: AgencyPerformance, name: String) {
        agency = p.agencyCode
        self.name = name
        received = p.received
        resolved = p.resolved
        closed = p.closed
        percentWithinDeadline = p.percentWithinDeadline
        medianHoursToFirstResponse = p.medianHoursToFirstResponse
        medianHoursToResolution = p.medianHoursToResolution
        averageRating = p.averageRating
        ratings = p.ratings
        percentReopened = p.percentReopened
        rank = p.rank
    }
}
