import KertaCore
import Vapor
import KertaPlatform

/// One agency's line on the public scoreboard.
package struct AgencyPerformanceRow: Content {
    package let agency: String
    package let name: String
    package let received: Int
    package let resolved: Int
    package let closed: Int
    package let percentWithinDeadline: Double?
    package let medianHoursToFirstResponse: Double?
    package let medianHoursToResolution: Double?
    package let averageRating: Double?
    package let ratings: Int
    package let percentReopened: Double?
    package let rank: Int?

    package enum CodingKeys: String, CodingKey {
        case agency, name, received, resolved, closed, ratings, rank
        case percentWithinDeadline = "percent_within_deadline"
        case medianHoursToFirstResponse = "median_hours_to_first_response"
        case medianHoursToResolution = "median_hours_to_resolution"
        case averageRating = "average_rating"
        case percentReopened = "percent_reopened"
    }

    package init(_ p: AgencyPerformance, name: String) {
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
