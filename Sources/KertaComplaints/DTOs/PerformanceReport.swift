import Vapor
import KertaPlatform

package struct PerformanceReport: Content {
    package let from: String
    package let to: String
    package let minimumClosedForRanking: Int
    package let agencies: [AgencyPerformanceRow]

    package enum CodingKeys: String, CodingKey {
        case from, to, agencies
        case minimumClosedForRanking = "minimum_closed_for_ranking"
    }
}
