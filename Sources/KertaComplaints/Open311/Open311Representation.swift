import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// Complaints and categories as GeoReport v2 nodes. Never names a reporter or their contacts.
package struct Open311Representation {
    package let publicURL: String
    package let cityName: String
    package let language: Language

    package init(publicURL: String, cityName: String, language: Language) {
        self.publicURL = publicURL
        self.cityName = cityName
        self.language = language
    }

    package func service(_ category: Category, hasAttributes: Bool) -> Open311Node {
        .fields([
            ("service_code", .string(category.id ?? "")),
            ("service_name", .string(language == .english ? category.nameEN : category.nameID)),
            ("description", .string(language == .english ? "\(category.nameEN) (\(category.groupEN))" : "\(category.nameID) (\(category.groupID))")),
            ("metadata", .bool(hasAttributes)),
            ("type", .string("realtime")),
            ("keywords", .string([category.nameID, category.nameEN, category.groupID, category.groupEN].joined(separator: ", "))),
            ("group", .string(language == .english ? category.groupEN : category.groupID)),
        ])
    }

    package func definition(code: String, attributes: [ServiceAttribute]) -> Open311Node {
        .object([
            ("service_code", .string(code)),
            ("attributes", .list(element: "attribute", attributes.map { a in
                .fields([
                    ("variable", .bool(a.variable)),
                    ("code", .string(a.code)),
                    ("datatype", .string(a.datatype.rawValue)),
                    ("required", .bool(a.required)),
                    ("datatype_description", .string(a.datatypeDescription)),
                    ("order", .integer(a.order)),
                    ("description", .string(a.description)),
                    ("values", a.values.isEmpty ? nil : .list(element: "value", a.values.map { .object([("key", .string($0.key)), ("name", .string($0.name))]) })),
                ])
            })),
        ])
    }

    /// One request. `extensions` adds the detailed status, every photo and the public notes.
    package func request(_ c: Open311Request, category: Category?, photos: [UUID], notes: [Open311Note], extensions: Bool) -> Open311Node {
        let status = c.status
        let photoURLs = photos.map { "\(publicURL)/api/v1/complaints/\(c.ticket)/photos/\($0.uuidString.lowercased())" }
        let statusNotes = c.publicResponse ?? notes.last?.body
        let serviceName = category.map { language == .english ? $0.nameEN : $0.nameID } ?? c.categoryCode
        var pairs: [(String, Open311Node?)] = [
            ("service_request_id", .string(c.ticket)),
            ("status", .string(Open311Status.of(status))),
            ("status_notes", statusNotes.map(Open311Node.string)),
            ("service_name", .string(serviceName)),
            ("service_code", .string(c.categoryCode)),
            ("description", .string(c.text)),
            ("agency_responsible", c.agencyCode.map(Open311Node.string)),
            ("service_notice", c.dueAt.map { .string(notice(status: status, due: $0)) }),
            ("requested_datetime", .string(WITATimestamp.string(from: c.submittedAt))),
            ("updated_datetime", .string(WITATimestamp.string(from: max(c.updatedAt, c.submittedAt)))),
            ("expected_datetime", (c.resolutionDueAt ?? c.dueAt).map { .string(WITATimestamp.string(from: $0)) }),
            ("address", .string([c.address, "\(c.desaName), \(c.kecamatanName), \(cityName)"].compactMap { $0 }.joined(separator: ", "))),
            ("lat", .number(c.latitude)),
            ("long", .number(c.longitude)),
            ("media_url", photoURLs.first.map(Open311Node.string)),
        ]
        if extensions {
            pairs.append(("extended_attributes", .fields([
                ("detailed_status", .string(Open311Status.detailed(status))),
                ("kerta_status", .string(status.rawValue)),
                ("desa", .string(c.desaName)),
                ("kecamatan", .string(c.kecamatanName)),
                ("media_urls", .list(element: "media_url", photoURLs.map(Open311Node.string))),
            ])))
            pairs.append(("notes", .list(element: "note", notes.map { note in
                .object([("datetime", .string(WITATimestamp.string(from: note.createdAt))), ("description", .string(note.body)),
                         ("type", .string(note.authorRole == "reporter" ? "reporter" : "response"))])
            })))
        }
        return .fields(pairs)
    }

    package func notice(status: ComplaintStatus, due: Date) -> String {
        let when = WITATimestamp.string(from: due)
        switch (status, language) {
        case (.submitted, .english), (.referred, .english): return "Will be verified and sent to the responsible agency by \(when)."
        case (.submitted, _), (.referred, _): return "Akan diverifikasi dan diteruskan ke OPD paling lambat \(when)."
        case (.resolved, .english): return "Resolved; the reporter may dispute it until \(when)."
        case (.resolved, _): return "Selesai; pelapor dapat menyanggah hingga \(when)."
        case (_, .english): return "The agency's next deadline is \(when)."
        default: return "Batas waktu berikutnya bagi OPD: \(when)."
        }
    }
}
