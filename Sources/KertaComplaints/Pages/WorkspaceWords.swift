import KertaCore
import KertaPlatform

/// What the officers' workspace shows of a complaint's codes, by name in the page's language: its
/// status, category, agency and visibility, the nearby reports' statuses, the agencies to dispatch to,
/// and the place rounded to what a map needs (the complaint view keeps the codes for the data attributes).
package struct WorkspaceWords: Encodable {
    package struct Nearby: Encodable {
        package let ticket: String
        package let distance: Int
        package let status: NamedCode
    }

    package let status: NamedCode
    package let category: NamedCode
    package let agency: NamedCode?
    package let visibility: NamedCode
    package let lat: String
    package let lon: String
    package let nearby: [Nearby]
    package let agencies: [NamedCode]

    package init(_ complaint: Complaint, nearby: [NearbyComplaint], agencies: [AgencyDTO], catalog: ReferenceCatalog, language: Language) {
        status = .status(complaint.status, language)
        category = .category(complaint.categoryCode, catalog, language)
        agency = .agency(complaint.agencyCode, catalog, language)
        visibility = .visibility(complaint.visibility, language)
        lat = Numerals.coordinate(complaint.latitude)
        lon = Numerals.coordinate(complaint.longitude)
        self.nearby = nearby.map { Nearby(ticket: $0.ticket, distance: $0.distanceMeters, status: .status($0.status, language)) }
        self.agencies = agencies.map { NamedCode(code: $0.code, name: $0.name.text(language)) }
    }
}
