import Fluent
import KertaCore

extension AreaDirectory {
    /// The centre of the most specific area an address names ("Jl. Gatot Subroto, Dauh Puri Kaja"): a
    /// desa/kelurahan before its kecamatan. Lets a resident without a map or GPS still place a report.
    package func centre(namedIn address: String, on db: any Database) async throws -> GeoPoint? {
        let folded = address.lowercased()
        let areas = try await Area.query(on: db).filter(\.$level ~~ [AreaLevel.desa.rawValue, AreaLevel.kecamatan.rawValue]).all()
        let named = areas.filter { folded.contains($0.name.lowercased()) }
            .sorted { ($0.level == AreaLevel.desa.rawValue ? 0 : 1, -$0.name.count) < ($1.level == AreaLevel.desa.rawValue ? 0 : 1, -$1.name.count) }
        return named.first.map { GeoPoint(latitude: $0.centroidLatitude, longitude: $0.centroidLongitude) }
    }
}
