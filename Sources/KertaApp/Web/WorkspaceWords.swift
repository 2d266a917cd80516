import KertaCore

/// What the officers' workspace shows of a complaint's codes, by name in the page's language: its
/// status, category, agency and visibility, the nearby reports' statuses, the agencies to dispatch to,
/// and the place rounded to what a map needs (the complaint view keeps the codes for the data attributes).
struct WorkspaceWords: Encodable {
    struct Nearby: Encodable {
        let ticket: String
        let distance: Int
        let status: NamedCode
    }

    let status: NamedCode
    let category: NamedCode
    let agency: NamedCode?
    let visibility: NamedCode
    let lat: String
    let lon: String
    let nearby: [Nearby]
    let agencies: [NamedCode]

    init(_ complaint: Complaint, nearby: [NearbyComplaint], agencies: [AgencyDTO], catalog: ReferenceCatalog, language: Language) {
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
