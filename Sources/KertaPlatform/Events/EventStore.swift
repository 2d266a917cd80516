import Foundation
import KertaCore
import SQLKit

/// The events table, in plain SQL: appended by the change recorder, read by the hub (everything after the
/// last id it delivered), by the catch-up endpoint and by reconnecting subscribers, pruned by the job.
package struct EventStore: Sendable {
    package let db: any SQLDatabase

    package init(db: any SQLDatabase) {
        self.db = db
    }

    private static let columns = """
        "id", "occurred_at", "type", "layer", "severity", "subject_type", "subject_id", "subject_ref", "latitude", "longitude", \
        "desa_code", "title_id", "title_en", "payload", "audience"
        """

    /// Only the change recorder calls this, inside the change's transaction; returns the new id.
    package func insert(_ event: EventDraft) async throws -> Int64 {
        let payload = String(decoding: try JSONEncoder.sortedKeys.encode(event.payload), as: UTF8.self)
        let values: [any Encodable & Sendable] = [
            event.time, event.type, event.layer.rawValue, event.severity.rawValue, event.subjectType, event.subjectID, event.subjectRef,
            event.point?.latitude, event.point?.longitude, event.desaCode, event.title.id, event.title.en, payload,
            event.audience.storedValue,
        ]
        guard let row = try await db.raw("""
            INSERT INTO "events" ("occurred_at", "type", "layer", "severity", "subject_type", "subject_id", "subject_ref", \
            "latitude", "longitude", "desa_code", "title_id", "title_en", "payload", "audience") VALUES (\(binds: values)) RETURNING "id"
            """).first() else {
            throw EventStoreError.noID
        }
        return try row.decode(column: "id", as: Int64.self)
    }

    /// Events after `id`, oldest first, that `filter` lets through (all of them without one).
    package func after(_ id: Int64, filter: EventFilter?, limit: Int) async throws -> [StoredEvent] {
        try await db.raw(Self.query(after: id, filter: filter, limit: limit)).all().map { try Self.event(from: Self.view(from: $0)) }
    }

    /// The same events as values, for Kerta's own readers (the alarm engine, the public live page), which need
    /// no JSON to hand on.
    package func views(after id: Int64, filter: EventFilter?, limit: Int) async throws -> [EventView] {
        try await db.raw(Self.query(after: id, filter: filter, limit: limit)).all().map(Self.view(from:))
    }

    private static func query(after id: Int64, filter: EventFilter?, limit: Int) -> SQLQueryString {
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM \"events\" WHERE \"id\" > \(bind: id)"
        if let filter {
            if let visible = EventAudience.visibleValues(to: filter.viewer) {
                query = query + " AND (\"audience\" IN (\(binds: visible.values))"
                for prefix in visible.prefixes {
                    query = query + " OR \"audience\" LIKE \(bind: prefix + "%")"
                }
                query = query + ")"
            }
            if !filter.layers.isEmpty {
                query = query + " AND \"layer\" IN (\(binds: filter.layers.map(\.rawValue).sorted()))"
            }
            if let box = filter.box {
                query = query + """
                     AND "latitude" BETWEEN \(bind: box.minLatitude) AND \(bind: box.maxLatitude) \
                    AND "longitude" BETWEEN \(bind: box.minLongitude) AND \(bind: box.maxLongitude)
                    """
            }
        }
        return query + " ORDER BY \"id\" LIMIT \(literal: limit)"
    }

    /// The newest id, 0 for an empty log.
    package func latestID() async throws -> Int64 {
        let row = try await db.raw("SELECT MAX(\"id\") AS \"latest\" FROM \"events\"").first()
        return try row?.decodeNil(column: "latest") == false ? try row!.decode(column: "latest", as: Int64.self) : 0
    }

    /// A subject made confidential takes its earlier events with it (public and staff-side alike): from then
    /// on they are seen only by those who may read it, so a visitor's catch-up never replays what the subject now hides. The one
    /// change the log allows.
    package func withdrawFromPublic(subjectType: String, subjectID: String, to audience: EventAudience) async throws {
        try await db.raw("""
            UPDATE "events" SET "audience" = \(bind: audience.storedValue)
            WHERE "subject_id" = \(bind: subjectID) AND "subject_type" = \(bind: subjectType) AND "audience" NOT LIKE 'confidential%'
            """).run()
    }

    /// Removes events older than `cutoff`, in bounded batches; returns how many went.
    package func prune(before cutoff: Date, batch: Int = 5000) async throws -> Int {
        var removed = 0
        while true {
            let ids = try await db.raw("""
                SELECT "id" FROM "events" WHERE "occurred_at" < \(bind: cutoff) ORDER BY "id" LIMIT \(literal: batch)
                """).all().map { try $0.decode(column: "id", as: Int64.self) }
            guard !ids.isEmpty else { return removed }
            try await db.raw("DELETE FROM \"events\" WHERE \"id\" IN (\(binds: ids))").run()
            removed += ids.count
            if ids.count < batch { return removed }
        }
    }

    private static func event(from view: EventView) throws -> StoredEvent {
        let json = String(decoding: try JSONEncoder.kerta.encode(view), as: UTF8.self)
        return StoredEvent(id: view.id, layer: view.layer, audience: EventAudience(storedValue: view.audience),
                           point: view.location.map { GeoPoint(latitude: $0.lat, longitude: $0.lon) }, json: json)
    }

    private static func view(from row: any SQLRow) throws -> EventView {
        let id = try row.decode(column: "id", as: Int64.self)
        let layer = try row.decode(column: "layer", as: String.self)
        let audienceValue = try row.decode(column: "audience", as: String.self)
        let latitude = try row.decode(column: "latitude", as: Double?.self)
        let longitude = try row.decode(column: "longitude", as: Double?.self)
        let point = latitude.flatMap { lat in longitude.map { GeoPoint(latitude: lat, longitude: $0) } }
        let subjectType = try row.decode(column: "subject_type", as: String?.self)
        let payloadText = try row.decode(column: "payload", as: String.self)
        let payload = (try? JSONDecoder().decode([String: EventValue].self, from: Data(payloadText.utf8))) ?? [:]
        return EventView(
            id: id, time: try row.decode(column: "occurred_at", as: Date.self), type: try row.decode(column: "type", as: String.self),
            layer: layer, severity: EventSeverity(rawValue: try row.decode(column: "severity", as: String.self)) ?? .info,
            subject: subjectType.map { EventView.Subject(type: $0, id: try? row.decode(column: "subject_id", as: String?.self),
                                                         ref: try? row.decode(column: "subject_ref", as: String?.self)) },
            location: point.map { EventView.Location(lat: $0.latitude, lon: $0.longitude,
                                                     desa: try? row.decode(column: "desa_code", as: String?.self)) },
            title: LocalizedText(id: try row.decode(column: "title_id", as: String.self), en: try row.decode(column: "title_en", as: String.self)),
            payload: payload, audience: audienceValue)
    }
}

package enum EventStoreError: Error {
    case noID
}
