import Fluent
import KertaCore
import Foundation
import SQLKit
import KertaPlatform
import KertaComplaints

/// Loads the city's reference data into the database, inserting what is new and updating what changed.
///
/// Running it again with the same data changes nothing, so it is safe on every start and in every process.
package struct ReferenceSeeder {
    package struct Report: Equatable, CustomStringConvertible {
        package var inserted = 0
        package var updated = 0
        package var description: String { "\(inserted) inserted, \(updated) updated" }
    }

    package let data: ReferenceData

    package func seed(on db: any Database) async throws -> Report {
        let report = try await db.transaction { tx in
            var report = Report()
            try await upsert(data.agencies, on: tx, report: &report, id: \.code, make: Agency.init(record:)) { $0.apply($1) }
            try await upsert(data.categories, on: tx, report: &report, id: \.code, make: Category.init(record:)) { category, record in
                if category.editedAt == nil { category.apply(record) }
            }
            let changedAreas = try await upsert(data.areas, on: tx, report: &report, id: \.code, make: Area.init(record:)) { $0.apply($1) }
            try await seedHolidays(on: tx, report: &report)
            if try await SpatialSupport.detect(on: tx) == .postgis {
                try await fillPostGISGeometry(changed: changedAreas, on: tx as! any SQLDatabase)
            }
            return report
        }
        return report
    }

    /// Inserts missing rows in one statement and saves the changed ones; returns the ids that changed.
    @discardableResult
    private func upsert<M: Model, R>(_ records: [R], on db: any Database, report: inout Report, id: KeyPath<R, String>,
                                     make: (R) -> M, apply: (M, R) -> Void) async throws -> [String] where M.IDValue == String {
        let existing = Dictionary(try await M.query(on: db).all().compactMap { m in m.id.map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
        var fresh: [M] = []
        var changed: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for record in records {
            let key = record[keyPath: id]
            if let model = existing[key] {
                // Fluent counts any assignment as a change, so compare the values themselves.
                let before = try encoder.encode(model)
                apply(model, record)
                if try encoder.encode(model) != before {
                    try await model.save(on: db)
                    changed.append(key)
                    report.updated += 1
                }
            } else {
                fresh.append(make(record))
                changed.append(key)
            }
        }
        if !fresh.isEmpty {
            try await fresh.create(on: db)
            report.inserted += fresh.count
        }
        return changed
    }

    private func seedHolidays(on db: any Database, report: inout Report) async throws {
        let existing = Set(try await HolidayDate.query(on: db).all().map { "\($0.date)|\($0.kind)|\($0.nameID)" })
        let fresh = data.holidays.filter { !existing.contains("\($0.date)|\($0.kind.rawValue)|\($0.nameID)") }.map(HolidayDate.init(holiday:))
        if !fresh.isEmpty {
            try await fresh.create(on: db)
            report.inserted += fresh.count
        }
    }

    private func fillPostGISGeometry(changed: [String], on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE areas SET geom = ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)
            WHERE geom IS NULL OR code IN (\(binds: changed.isEmpty ? [""] : changed))
            """).run()
    }
}
