import Fluent
import KertaCore
import SQLKit
import Vapor

/// Answers which desa and kecamatan hold a point.
///
/// With PostGIS the database answers from its spatial index, which scales to a national set of
/// boundaries; otherwise an in-memory index of the boundaries serves, loaded once per process and
/// dropped when the reference data is reseeded. The cache is the only per-process state, and it is
/// rebuilt from the database, so several processes stay consistent.
package actor AreaDirectory {
    private struct Snapshot {
        package let index: AreaIndex
        /// Code → (name, parent code), so the kecamatan follows from the desa and the two layers never disagree.
        package let areas: [String: (name: String, parent: String?)]
    }

    private var snapshot: Snapshot?
    private var spatial: SpatialSupport?

    package func spatialSupport(on db: any Database) async throws -> SpatialSupport {
        if let spatial { return spatial }
        let detected = try await SpatialSupport.detect(on: db)
        spatial = detected
        return detected
    }

    /// Forgets what was loaded, after the boundaries or the database's extensions changed.
    package func invalidate() {
        snapshot = nil
        spatial = nil
    }

    package func locate(_ point: GeoPoint, on db: any Database) async throws -> AreaLocation? {
        if try await spatialSupport(on: db) == .postgis {
            return try await locateWithPostGIS(point, on: db as! any SQLDatabase)
        }
        let snapshot = try await loadSnapshot(on: db)
        guard let desa = snapshot.index.code(at: point, level: .desa), let desaArea = snapshot.areas[desa],
              let kecamatan = desaArea.parent, let kecamatanArea = snapshot.areas[kecamatan] else { return nil }
        return AreaLocation(desa: .init(code: desa, name: desaArea.name), kecamatan: .init(code: kecamatan, name: kecamatanArea.name))
    }

    private func locateWithPostGIS(_ point: GeoPoint, on sql: any SQLDatabase) async throws -> AreaLocation? {
        struct Row: Decodable {
            let code: String, name: String, kecamatan_code: String, kecamatan_name: String
        }
        let row = try await sql.raw("""
            SELECT d.code, d.name, k.code AS kecamatan_code, k.name AS kecamatan_name
            FROM areas d JOIN areas k ON k.code = d.parent_code
            WHERE d.level = 'desa'
              AND ST_Covers(d.geom, ST_SetSRID(ST_MakePoint(\(bind: point.longitude), \(bind: point.latitude)), 4326))
            ORDER BY d.code LIMIT 1
            """).first(decoding: Row.self)
        return row.map { AreaLocation(desa: .init(code: $0.code, name: $0.name), kecamatan: .init(code: $0.kecamatan_code, name: $0.kecamatan_name)) }
    }

    private func loadSnapshot(on db: any Database) async throws -> Snapshot {
        if let snapshot { return snapshot }
        let areas = try await Area.query(on: db).filter(\.$level == AreaLevel.desa.rawValue).all()
            + (try await Area.query(on: db).filter(\.$level == AreaLevel.kecamatan.rawValue).all())
        var entries: [AreaIndex.Entry] = []
        var names: [String: (name: String, parent: String?)] = [:]
        for area in areas {
            guard let level = AreaLevel(rawValue: area.level), let code = area.id else { continue }
            names[code] = (area.name, area.parentCode)
            if level == .desa {
                entries.append(.init(code: code, level: level, shape: try GeoJSONGeometry.multiPolygon(from: Data(area.geometry.utf8))))
            }
        }
        let loaded = Snapshot(index: AreaIndex(entries), areas: names)
        snapshot = loaded
        return loaded
    }
}

extension Application {
    private struct AreaDirectoryKey: StorageKey { typealias Value = AreaDirectory }

    package var areaDirectory: AreaDirectory {
        if let existing = storage[AreaDirectoryKey.self] { return existing }
        let created = AreaDirectory()
        storage[AreaDirectoryKey.self] = created
        return created
    }
}
