import Fluent
import Foundation
import KertaCore
import SQLKit
import Vapor
import KertaPlatform

/// Fills the database with many realistic complaints for benchmarks (`kerta generate`): desa weighted by
/// their kecamatan's registered population, categories by how often Denpasar reports them (garbage, street
/// lights, drains, roads first), states spread over the lifecycle by age, dates over three years, and a
/// valid hash-chained audit trail for each. Rows go in batches inside transactions, so a million load in
/// minutes; `kerta audit verify` passes on the result.
package struct ComplaintGenerator {
    package let app: Application
    package let count: Int
    package let seed: UInt64

    package var batchSize = 500
    package var now: Date

    package init(app: Application, count: Int, seed: UInt64, batchSize: Int = 500, now: Date? = nil) {
        self.app = app
        self.count = count
        self.seed = seed
        self.batchSize = batchSize
        self.now = now ?? app.kertaClock.now()
    }

    /// Registered residents per kecamatan (Disdukcapil 2023), by name.
    package static let population: [String: Double] = ["Denpasar Barat": 189_843, "Denpasar Selatan": 183_969, "Denpasar Utara": 170_024, "Denpasar Timur": 121_492]

    /// Relative frequency of categories in Denpasar's complaints; others share the rest.
    package static let frequency: [String: Double] = ["LINGK-SAMPAH": 18, "INFRA-LPJU": 15, "INFRA-DRAINASE": 12, "INFRA-JALAN": 12, "LINGK-TPS-LIAR": 7,
                                              "TRANS-PARKIR-LIAR": 6, "AIR-MATI": 4, "INFRA-TROTOAR": 4, "INFRA-GENANGAN": 3, "TIBUM-PKL": 3]

    /// Share of complaints sent with a photo, and the photo they get: a small picture (180 bytes, PNG), so a
    /// million complaints stay a few gigabytes while lists, pages and Open311 `media_url` show photos as
    /// they would.
    package static let photoShare = 0.4
    package static let placeholderPhoto = Data(base64Encoded: """
        iVBORw0KGgoAAAANSUhEUgAAACAAAAAYCAIAAAAUMWhjAAAAe0lEQVR42rXCCQrCMABFwXdcERERERERkSJa0zRN03Rf1It6ij8McTHShDmTxk9WGjfm0tjBSWP6Qpq089I821KaRxOkSepKmnuM0tyqWppraKS5lK00Z99Jcyp6aY5ukOaQj9Ls7STNLpul2ZpFms37I806/Uqzev2k/5bKAUwkB3rFAAAAAElFTkSuQmCC
        """, options: .ignoreUnknownCharacters)!

    package struct Report: CustomStringConvertible {
        package var complaints = 0
        package var auditEntries = 0
        package var photos = 0
        package var description: String { "\(complaints) complaints, \(auditEntries) audit entries, \(photos) photos" }
    }

    package func run(progress: (Int) -> Void = { _ in }) async throws -> Report {
        var random = DemoRandom(seed: seed)
        let db = app.db
        let calendar = try await app.calendarStore.calendar(on: db)
        let deadlines = ComplaintDeadlines(calendar: calendar)
        let categories = try await Category.query(on: db).filter(\.$active == true).all()
        let areas = try await Area.query(on: db).all()
        let kecamatanNames = Dictionary(uniqueKeysWithValues: areas.filter { $0.level == AreaLevel.kecamatan.rawValue }.compactMap { a in a.id.map { ($0, a.name) } })
        let desa = areas.filter { $0.level == AreaLevel.desa.rawValue }
        guard !categories.isEmpty, !desa.isEmpty else { throw CommandError("load the reference data first: kerta seed --no-demo") }
        let desaPerKecamatan = Dictionary(grouping: desa, by: { $0.parentCode ?? "" }).mapValues(\.count)
        let shapes = try desa.map { try GeoJSONGeometry.multiPolygon(from: Data($0.geometry.utf8)) }
        let desaWeights = desa.map { d -> Double in
            let kecamatan = kecamatanNames[d.parentCode ?? ""] ?? ""
            return (Self.population[kecamatan] ?? 100_000) / Double(desaPerKecamatan[d.parentCode ?? ""] ?? 1)
        }
        let categoryWeights = categories.map { Self.frequency[$0.id ?? ""] ?? 0.6 }
        let sql = db as! any SQLDatabase
        var counters: [Int: Int] = [:]
        for row in try await sql.raw("SELECT year, last FROM ticket_counters").all() {
            counters[try row.decode(column: "year", as: Int.self)] = try row.decode(column: "last", as: Int.self)
        }
        var report = Report()
        var made = 0
        while made < count {
            let size = min(batchSize, count - made)
            var complaints: [Complaint] = []
            var entries: [AuditEntry] = []
            var photos: [ComplaintPhoto] = []
            complaints.reserveCapacity(size)
            for _ in 0..<size {
                let index = Self.pick(desaWeights, &random)
                let place = desa[index]
                let category = categories[Self.pick(categoryWeights, &random)]
                let submitted = now.addingTimeInterval(-Double.random(in: 600...(3 * 365 * 86400), using: &random))
                let year = TicketNumber.year(of: submitted)
                counters[year, default: 0] += 1
                let point = Self.point(in: shapes[index], near: place, &random)
                let (complaint, trail) = make(category: category, desa: place, at: point, kecamatanName: kecamatanNames[place.parentCode ?? ""] ?? "",
                                              submitted: submitted, ticket: TicketNumber(year: year, sequence: counters[year]!),
                                              deadlines: deadlines, random: &random)
                complaints.append(complaint)
                entries += trail
                if Double.random(in: 0..<1, using: &random) < Self.photoShare {
                    photos.append(ComplaintPhoto(complaintID: complaint.id!, kind: "report", position: 1, contentType: "image/png",
                                                 bytes: Self.placeholderPhoto, createdAt: complaint.submittedAt))
                }
            }
            let batch = complaints, trails = entries, pictures = photos
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                if sql.dialect.name == "sqlite" {
                    // SQLite's default page cache (2 MB) thrashes once the indexes outgrow it; 256 MB keeps them warm.
                    try await sql.raw("PRAGMA cache_size = -262144").run()
                }
                try await batch.reduce(sql.insert(into: Complaint.schema).columns(Complaint.columnNames)) { $0.values($1.columnValues) }.run()
                if !pictures.isEmpty {
                    try await pictures.reduce(sql.insert(into: ComplaintPhoto.schema).columns(ComplaintPhoto.columnNames)) { $0.values($1.columnValues) }.run()
                }
                try await ChangeRecorder.importHistory(trails, on: tx)
            }
            made += size
            report.complaints += size
            report.auditEntries += entries.count
            report.photos += photos.count
            progress(made)
        }
        // Tickets given here must not be given again by the live service.
        for (year, last) in counters {
            try await sql.raw("INSERT INTO ticket_counters (year, last) VALUES (\(bind: year), \(bind: last)) ON CONFLICT (year) DO UPDATE SET last = \(bind: last)").run()
        }
        return report
    }

    package static func pick(_ weights: [Double], _ random: inout DemoRandom) -> Int {
        let total = weights.reduce(0, +)
        var target = Double.random(in: 0..<total, using: &random)
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// The path a complaint of this age has taken, most old ones to a rated close.
    package static func path(age: TimeInterval, _ random: inout DemoRandom) -> [ComplaintStatus] {
        let roll = Double.random(in: 0..<1, using: &random)
        let days = age / 86400
        if days < 2 { return roll < 0.7 ? [.submitted] : [.submitted, .dispatched] }
        if days < 20 {
            switch roll {
            case ..<0.15: return [.submitted, .dispatched]
            case ..<0.45: return [.submitted, .dispatched, .inProgress]
            case ..<0.5: return [.submitted, .dispatched, .inProgress, .onHold]
            case ..<0.75: return [.submitted, .dispatched, .inProgress, .resolved]
            case ..<0.85: return [.submitted, .rejected]
            default: return [.submitted, .dispatched, .inProgress, .resolved, .closed]
            }
        }
        switch roll {
        case ..<0.08: return [.submitted, .rejected]
        case ..<0.12: return [.submitted, .duplicate]
        case ..<0.14: return [.submitted, .dispatched, .referred]
        case ..<0.17: return [.submitted, .dispatched, .inProgress, .resolved, .reopened, .inProgress]
        case ..<0.2: return [.submitted, .dispatched, .inProgress, .onHold]
        default: return [.submitted, .dispatched, .inProgress, .resolved, .closed]
        }
    }

    /// A point spread evenly over the desa, as complaints are over a neighbourhood (rejection sampling in its
    /// bounding box; the centroid if the shape is too thin to hit quickly).
    package static func point(in shape: MultiPolygon, near desa: Area, _ random: inout DemoRandom) -> GeoPoint {
        if let box = shape.boundingBox {
            for _ in 0..<50 {
                let p = GeoPoint(latitude: Double.random(in: box.minLatitude...box.maxLatitude, using: &random),
                                 longitude: Double.random(in: box.minLongitude...box.maxLongitude, using: &random))
                if shape.contains(p) { return p }
            }
        }
        return GeoPoint(latitude: desa.centroidLatitude, longitude: desa.centroidLongitude)
    }

    private func make(category: Category, desa: Area, at point: GeoPoint, kecamatanName: String, submitted: Date, ticket: TicketNumber,
                      deadlines: ComplaintDeadlines, random: inout DemoRandom) -> (Complaint, [AuditEntry]) {
        let c = Complaint()
        c.id = UUID()
        c.ticket = ticket.description
        c.categoryCode = category.id ?? ""
        c.text = DemoComplaintSeeder.reports.first { $0.category == c.categoryCode }?.texts.randomElement(using: &random)
            ?? "Laporan warga tentang \(category.nameID.lowercased()) di lingkungan kami."
        c.latitude = point.latitude
        c.longitude = point.longitude
        c.gridCell = GridCell.of(c.point)
        c.desaCode = desa.id ?? ""
        c.desaName = desa.name
        c.kecamatanCode = desa.parentCode ?? ""
        c.kecamatanName = kecamatanName
        let visibilityRoll = Double.random(in: 0..<1, using: &random)
        c.visibility = (visibilityRoll < 0.85 ? ComplaintVisibility.public : (visibilityRoll < 0.95 ? .anonymous : .confidential))
        c.reporterName = DemoComplaintSeeder.names.randomElement(using: &random)!
        c.reporterEmail = "warga\(ticket.sequence % 9973)@contoh.id"
        c.agencyCode = category.$agency.id
        c.priority = category.priority
        c.reopenCount = 0
        c.submittedAt = submitted
        c.auditHead = AuditRecord.genesisHash
        c.auditCount = 0
        var at = submitted
        var entries: [AuditEntry] = []
        let path = Self.path(age: now.timeIntervalSince(submitted), &random)
        var previous: ComplaintStatus? = nil
        for status in path {
            if previous != nil { at = min(at.addingTimeInterval(Double.random(in: 1800...(4 * 86400), using: &random)), now.addingTimeInterval(-60)) }
            switch status {
            case .dispatched: c.dispatchedAt = at; c.resolutionDueAt = deadlines.resolutionDue(from: at, priority: c.priority)
            case .inProgress, .referred: if c.firstResponseAt == nil { c.firstResponseAt = at }
            case .resolved: c.resolvedAt = at; c.publicResponse = ResponseTemplates.resolution(c.categoryCode).id
            case .reopened: c.reopenCount += 1; c.resolvedAt = nil
            case .closed, .rejected, .duplicate: c.closedAt = at
            default: break
            }
            c.dueAt = deadlines.stageDue(entering: status, at: at, priority: c.priority, resolutionDue: c.resolutionDueAt)
            entries.append(entry(for: c, action: previous == nil ? .submitted : .transition, from: previous, to: status, at: at))
            previous = status
        }
        if path.last == .closed && Double.random(in: 0..<1, using: &random) < 0.6 {
            c.ratingStars = [5, 5, 4, 4, 3, 2, 1].randomElement(using: &random)
            at = min(at.addingTimeInterval(3600), now.addingTimeInterval(-30))
            entries.append(entry(for: c, action: .rating, from: nil, to: nil, at: at, data: ["stars": String(c.ratingStars!)]))
        }
        c.status = path.last ?? .submitted
        c.updatedAt = at
        return (c, entries)
    }

    /// An audit entry chained onto the complaint, as the change recorder makes them (without a database).
    private func entry(for c: Complaint, action: ComplaintAuditAction, from: ComplaintStatus?, to: ComplaintStatus?, at: Date,
                       data: [String: String]? = nil) -> AuditEntry {
        let role = action == .submitted ? "reporter" : (to == .dispatched || to == .rejected || to == .duplicate ? "verifier" : "officer")
        let actor = AuditActor(id: nil, role: role, name: action == .submitted ? c.reporterName : "Petugas")
        return ChangeSet.chainedEntry(action.rawValue, of: c, by: actor, from: from?.rawValue, to: to?.rawValue, note: nil, data: data, at: at)
    }
}
