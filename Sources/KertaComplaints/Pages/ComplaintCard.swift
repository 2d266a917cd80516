import Foundation
import KertaCore
import KertaPlatform

/// A complaint in a page's list (home, map, account, console queue): its status and category by name in
/// the page's language, never by code, and nothing personal.
package struct ComplaintCard: Encodable, Sendable {
    package let ticket: String
    package let status: NamedCode
    package let category: NamedCode
    package let agency: NamedCode?
    package let desa: String
    package let kecamatan: String
    package let description: String
    /// ISO 8601, for `#wita`.
    package let submittedAt: String
    package let overdue: Bool
    /// Rounded for the map's data (see `Numerals.coordinate`).
    package let lat: String
    package let lon: String

    package init(_ c: Complaint, catalog: ReferenceCatalog, language: Language) {
        ticket = c.ticket
        status = .status(c.status, language)
        category = .category(c.categoryCode, catalog, language)
        agency = .agency(c.agencyCode, catalog, language)
        desa = c.desaName
        kecamatan = c.kecamatanName
        description = String(c.text.prefix(280))
        submittedAt = WITATimestamp.string(from: c.submittedAt)
        overdue = c.overdueAt != nil
        lat = Numerals.coordinate(c.latitude)
        lon = Numerals.coordinate(c.longitude)
    }

    /// The map's markers as JSON for the page's script, with the status's words for the popups
    /// (the list beside the map works without the script).
    package static func markers(_ cards: [ComplaintCard]) -> String {
        let rows = cards.map { ["ticket": $0.ticket, "href": SitePath.complaint.link($0.ticket), "status": $0.status.code, "label": $0.status.name, "lat": $0.lat, "lon": $0.lon, "category": $0.category.name] }
        let data = (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }
}
