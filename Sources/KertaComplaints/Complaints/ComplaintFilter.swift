import Fluent
import Foundation
import KertaCore
import SQLKit
import Vapor
import KertaPlatform

/// The filters of a complaint list (`status`, `category`, `agency`, `kecamatan`, `desa`, `q`, `bbox`,
/// `from`, `to`), read from a query string with an error per bad field, and applied to a database query
/// together with what the viewer may read. Lists take comma-separated values.
package struct ComplaintFilter {
    package var statuses: [ComplaintStatus] = []
    package var categories: [String] = []
    package var agencies: [String] = []
    package var kecamatan: [String] = []
    package var desa: [String] = []
    package var text: String?
    package var box: BoundingBox?
    package var from: Date?
    package var to: Date?

    package init() {}

    package init(from req: Request) throws {
        var problems: [APIError.FieldProblem] = []
        func list(_ name: String) -> [String] {
            (req.queryText(name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let named = list("status").map { $0.lowercased() }
        statuses = named.compactMap(ComplaintStatus.init(rawValue:))
        let unknown = named.filter { ComplaintStatus(rawValue: $0) == nil }
        if !unknown.isEmpty {
            let known = ComplaintStatus.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(.init(field: "status", text: LocalizedText(id: "status tidak dikenal: \(unknown.joined(separator: ", ")); pilihan: \(known)",
                                                                       en: "unknown status \(unknown.joined(separator: ", ")); choose from \(known)")))
        }
        categories = list("category").map { $0.uppercased() }
        agencies = list("agency").map { $0.uppercased() }
        kecamatan = list("kecamatan")
        desa = list("desa")
        text = req.queryText("q").map { String($0.prefix(200)) }
        if let raw = req.queryText("bbox") {
            box = BoundingBox(commaSeparated: raw)
            if box == nil {
                problems.append(.init(field: "bbox", text: LocalizedText(id: "bbox harus minLon,minLat,maxLon,maxLat",
                                                                         en: "bbox must be minLon,minLat,maxLon,maxLat")))
            }
        }
        for (name, keyPath) in [("from", \ComplaintFilter.from), ("to", \ComplaintFilter.to)] {
            guard let raw = req.queryText(name) else { continue }
            if let date = WITATimestamp.date(from: raw) {
                self[keyPath: keyPath] = date
            } else {
                problems.append(.init(field: name, text: LocalizedText(id: "\(name) harus tanggal ISO 8601, mis. 2026-11-01 atau 2026-11-01T08:00:00+08:00",
                                                                       en: "\(name) must be an ISO 8601 date, e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00")))
            }
        }
        if !problems.isEmpty { throw APIError.invalid(problems) }
    }

    /// Narrows the query to these filters and to what the viewer may read.
    package func apply(to query: QueryBuilder<Complaint>, viewer user: User?, isPostgres: Bool) {
        if !statuses.isEmpty { query.filter(\.$status ~~ statuses) }
        if !categories.isEmpty { query.filter(\.$categoryCode ~~ categories) }
        if !agencies.isEmpty { query.filter(\.$agencyCode ~~ agencies) }
        if !kecamatan.isEmpty { query.filter(\.$kecamatanCode ~~ kecamatan) }
        if !desa.isEmpty { query.filter(\.$desaCode ~~ desa) }
        if let box {
            query.filter(\.$latitude >= box.minLatitude).filter(\.$latitude <= box.maxLatitude)
                .filter(\.$longitude >= box.minLongitude).filter(\.$longitude <= box.maxLongitude)
        }
        if let from { query.filter(\.$submittedAt >= from) }
        if let to { query.filter(\.$submittedAt <= to) }
        if let text {
            if let ticket = TicketNumber(text) {
                query.filter(\.$ticket == ticket.description)
            } else {
                let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                query.filter(\.$text, .custom(isPostgres ? "ILIKE" : "LIKE"), pattern)
            }
        }
        Self.restrictToReadable(query, viewer: user)
    }

    /// Confidential complaints only for the staff who may read them and their own reporter.
    package static func restrictToReadable(_ query: QueryBuilder<Complaint>, viewer user: User?) {
        let confidential = ComplaintVisibility.confidential
        switch user?.role {
        case .verifier, .supervisor, .admin:
            return
        case .officer:
            query.group(.or) { $0.filter(\.$visibility != confidential).filter(\.$agencyCode == user?.$agency.id) }
        case .citizen, .operator:
            query.group(.or) { $0.filter(\.$visibility != confidential).filter(\.$reporterUserID == user?.id) }
        case nil:
            query.filter(\.$visibility != confidential)
        }
    }
}
