import Foundation
import KertaCore
import Vapor

/// An open complaint close to a point: a possible duplicate the resident may follow instead.
struct NearbyComplaint: Content, Equatable {
    let ticket: String
    let status: String
    let category: String
    let description: String
    let distanceMeters: Int
    let submittedAt: String

    enum CodingKeys: String, CodingKey {
        case ticket, status, category, description
        case distanceMeters = "distance_m"
        case submittedAt = "submitted_at"
    }
}
