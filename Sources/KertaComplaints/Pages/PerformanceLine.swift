import KertaCore
import KertaPlatform

/// An agency's line on the performance page and the home page's ranking: its name in the page's
/// language and each measure as people read it (a dash where there is nothing to measure yet).
package struct PerformanceLine: Encodable, Sendable {
    package let rank: String
    package let agency: String
    package let name: String
    package let received: Int
    package let resolved: Int
    package let within: String
    package let response: String
    package let resolution: String
    package let rating: String
    package let reopened: String

    package init(_ row: AgencyPerformanceRow, catalog: ReferenceCatalog, language: Language) {
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
