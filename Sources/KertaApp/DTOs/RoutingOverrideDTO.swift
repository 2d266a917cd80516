import Vapor

/// An admin's routing exception: this category in this kecamatan goes to this agency.
struct RoutingOverrideDTO: Content {
    let id: UUID?
    let category: String?
    let kecamatan: String?
    let agency: String?
}
