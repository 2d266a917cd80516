import Vapor

struct PerformanceReport: Content {
    let from: String
    let to: String
    let minimumClosedForRanking: Int
    let agencies: [AgencyPerformanceRow]

    enum CodingKeys: String, CodingKey {
        case from, to, agencies
        case minimumClosedForRanking = "minimum_closed_for_ranking"
    }
}
