import KertaCore

/// An agency's line on the performance page and the home page's ranking: its name in the page's
/// language and each measure as people read it (a dash where there is nothing to measure yet).
struct PerformanceLine: Encodable, Sendable {
    let rank: String
    let agency: String
    let name: String
    let received: Int
    let resolved: Int
    let within: String
    let response: String
    let resolution: String
    let rating: String
    let reopened: String

    init(_ row: AgencyPerformanceRow, catalog: ReferenceCatalog, language: Language) {
        rank = row.rank.map(String.init) ?? "—"
        agency = row.agency
        name = NamedCode.agency(row.agency, catalog, language)?.name ?? row.name
        received = row.received
        resolved = row.resolved
        within = Numerals.decimal(row.percentWithinDeadline, language)
        response = Numerals.decimal(row.medianHoursToFirstResponse, language)
        resolution = Numerals.decimal(row.medianHoursToResolution, language)
        rating = Numerals.decimal(row.averageRating, language)
        reopened = Numerals.decimal(row.percentReopened, language)
    }
}
