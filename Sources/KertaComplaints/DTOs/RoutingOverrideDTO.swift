import Vapor
import KertaPlatform

/// An admin's routing exception: this category in this kecamatan goes to this agency.
package struct RoutingOverrideDTO: Content {
    package let id: UUID?
    package let category: String?
    package let kecamatan: String?
    package let agency: String?
}
