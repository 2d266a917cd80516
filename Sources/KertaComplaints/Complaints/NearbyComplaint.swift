import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// An open complaint close to a point: a possible duplicate the resident may follow instead.
package struct NearbyComplaint: Content, Equatable {
    package let ticket: String
    package let status: ComplaintStatus
    package let category: String
    package let description: String
    package let distanceMeters: Int
    package let submittedAt: String

    package enum CodingKeys: String, CodingKey {
        case ticket, status, category, description
        case distanceMeters = "distance_m"
        case submittedAt = "submitted_at"
    }
}
