import Fluent
import Foundation
import KertaCore
import SQLKit
import Vapor
import KertaPlatform

/// The one code path for everything that happens to a complaint, whoever asks: the JSON API, the web
/// pages, Open311, the demo seeder and the deadline job. Each change goes through the ``ChangeRecorder``:
/// one transaction with its audit entry, its queued notifications and its one event.
package struct ComplaintService {
    package let db: any Database
    package let areas: AreaDirectory
    package let calendars: CalendarStore
    package let caches: KertaCaches
    package let accessKeys: AccessKey
    package let publicURL: String
    /// The city it serves, as its refusals name it (`KERTA_CITY_NAME`).
    package let cityName: String
    package let maximumPhotoBytes: Int
    /// The extra questions of each category, by category code.
    package let serviceAttributes: [String: [ServiceAttribute]]
    package let now: @Sendable () -> Date
    package let recorder: ChangeRecorder

    package init(db: any Database, areas: AreaDirectory, calendars: CalendarStore, caches: KertaCaches, accessKeys: AccessKey, publicURL: String,
         cityName: String = "Kota Denpasar", maximumPhotoBytes: Int, serviceAttributes: [String: [ServiceAttribute]] = [:], hub: EventHub? = nil,
         now: @escaping @Sendable () -> Date) {
        self.db = db
        self.recorder = ChangeRecorder(db: db, hub: hub)
        self.areas = areas
        self.calendars = calendars
        self.caches = caches
        self.accessKeys = accessKeys
        self.publicURL = publicURL
        self.cityName = cityName
        self.maximumPhotoBytes = maximumPhotoBytes
        self.serviceAttributes = serviceAttributes
        self.now = now
    }

    /// Who is asking about this complaint, as the rules see them.
    package func actor(for complaint: Complaint, user: User?, accessKey: String?) -> ComplaintActor {
        let ownsIt = user != nil && complaint.reporterUserID != nil && complaint.reporterUserID == user?.id
        let isReporter = ownsIt || (complaint.reporterUserID == nil && accessKeys.isValid(accessKey, for: complaint.id))
        return ComplaintActor(role: user?.role, agencyCode: user?.$agency.id, isReporter: isReporter)
    }

    /// The complaint with this ticket if the caller may read it; otherwise "not found", so outsiders
    /// cannot tell a confidential complaint from one that does not exist.
    package func find(ticket: String, user: User?, accessKey: String?, on db: (any Database)? = nil) async throws -> (Complaint, ComplaintActor) {
        // A plain row: the complaint found here is only read (changes read it again inside their
        // transaction), and Fluent's query builder reflected over the model on every page view.
        guard let number = TicketNumber(ticket),
              let row = try await ((db ?? self.db) as! any SQLDatabase).raw(
                  "SELECT \(unsafeRaw: Complaint.quotedColumnNames) FROM \"complaints\" WHERE \"ticket\" = \(bind: number.description) LIMIT 1").first() else {
            throw Self.notFound(ticket)
        }
        let complaint = try Complaint(output: SQLRowOutput(row: row))
        let actor = actor(for: complaint, user: user, accessKey: accessKey)
        guard ComplaintAccess.canRead(complaint.facts, by: actor) else { throw Self.notFound(ticket) }
        return (complaint, actor)
    }

    package static func notFound(_ ticket: String) -> DomainError {
        DomainError(.notFound, code: "not_found", id: "Pengaduan \(ticket) tidak ditemukan.", en: "Complaint \(ticket) was not found.")
    }

    /// On PostgreSQL, holds the complaint's row for the rest of the transaction so two servers cannot
    /// move it at once; SQLite serialises writers already.
    package static func lock(_ complaintID: UUID, on db: any Database) async throws {
        try await db.lockRows(Complaint.schema, in: [complaintID])
    }

    package func workflow() async throws -> ComplaintWorkflow {
        ComplaintWorkflow(calendar: try await calendars.calendar(on: db))
    }

    package func deadlines() async throws -> ComplaintDeadlines {
        ComplaintDeadlines(calendar: try await calendars.calendar(on: db))
    }

    /// The messages of a change, composed with reads on `db` and queued in its change set.
    package func notifier(_ db: any Database, _ change: ChangeSet) -> Notifier {
        Notifier(db: db, change: change, publicURL: publicURL)
    }

    /// Truncated to whole milliseconds, the precision every database keeps, so what is stored equals what was hashed.
    package func currentInstant() -> Date {
        Date(timeIntervalSince1970: Double(AuditRecord.milliseconds(now())) / 1000)
    }
}

extension Request {
    /// The complaint service for this request, with the application's caches and configuration.
    package var complaints: ComplaintService {
        application.complaintService(on: db)
    }
}

extension Application {
    private struct ServiceAttributesKey: StorageKey { typealias Value = [String: [ServiceAttribute]] }

    /// The categories' extra questions, by category code, in their order; `configure` loads them once from the
    /// reference folder.
    package var serviceAttributes: [String: [ServiceAttribute]] {
        get { storage[ServiceAttributesKey.self] ?? [:] }
        set {
            storage[ServiceAttributesKey.self] = Dictionary(grouping: newValue.values.joined(), by: \.categoryCode)
                .mapValues { $0.sorted { $0.order < $1.order } }
        }
    }

    package func complaintService(on db: any Database, now: (@Sendable () -> Date)? = nil) -> ComplaintService {
        ComplaintService(db: db, areas: areaDirectory, calendars: calendarStore, caches: kertaCaches,
                         accessKeys: AccessKey(secret: kertaConfiguration.secret),
                         publicURL: kertaConfiguration.publicURL, cityName: kertaConfiguration.cityName,
                         maximumPhotoBytes: kertaConfiguration.maximumPhotoBytes, serviceAttributes: serviceAttributes, hub: eventHub, now: now ?? currentTime)
    }
}
