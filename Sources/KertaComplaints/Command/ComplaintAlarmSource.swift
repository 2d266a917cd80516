import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// The complaint capability's alarm rules:
/// - **overdue**: a complaint's stage passed its deadline (the deadline job's `complaint.overdue` event),
///   while it is still open and overdue;
/// - **verification waiting**: a high or critical complaint waiting for verification longer than
///   `KERTA_ALARM_VERIFICATION_HOURS` (a state, looked at on every pass);
/// - **spike**: more than `KERTA_ALARM_SPIKE_COUNT` complaints of one category in one desa within an hour
///   (a possible incident: a burst main, a flooded street).
package struct ComplaintAlarmSource: AlarmSource {
    package let verificationHours: Double
    package let spikeCount: Int

    package init(verificationHours: Double, spikeCount: Int) {
        self.verificationHours = verificationHours
        self.spikeCount = spikeCount
    }

    package func triggers(after events: [EventView], now: Date, on db: any Database) async throws -> [AlarmTrigger] {
        var triggers: [AlarmTrigger] = []
        // The newest overdue event per ticket: the event a replayed pass recognises.
        var overdue: [String: Int64] = [:]
        for event in events where event.type == "complaint.overdue" {
            if let ticket = event.subject?.ref { overdue[ticket] = max(overdue[ticket] ?? 0, event.id) }
        }
        if !overdue.isEmpty {
            let still = try await Complaint.query(on: db).filter(\.$ticket ~~ Array(overdue.keys)).filter(\.$overdueAt != nil).all()
            for complaint in still where complaint.status.isOpen {
                triggers.append(Self.trigger("complaint_overdue", complaint, priority: Self.overduePriority(complaint.priority), at: complaint.overdueAt ?? now,
                                             eventID: overdue[complaint.ticket],
                                             title: LocalizedText(id: "\(complaint.ticket) melewati batas waktu (\(complaint.status.label.id.lowercased()))",
                                                                  en: "\(complaint.ticket) is overdue (\(complaint.status.label.en.lowercased()))")))
            }
        }
        let waitingSince = now.addingTimeInterval(-verificationHours * 3600)
        let waiting = try await Complaint.query(on: db).filter(\.$status == .submitted).filter(\.$priority ~~ [Priority.high, .critical])
            .filter(\.$submittedAt < waitingSince).sort(\.$submittedAt).limit(200).all()
        for complaint in waiting {
            let hours = Int(now.timeIntervalSince(complaint.submittedAt) / 3600)
            triggers.append(Self.trigger("verification_waiting", complaint, priority: complaint.priority, at: complaint.submittedAt, standing: true,
                                         title: LocalizedText(id: "\(complaint.ticket) prioritas \(complaint.priority == .critical ? "kritis" : "tinggi") menunggu verifikasi \(hours) jam",
                                                              en: "\(complaint.ticket), \(complaint.priority.rawValue) priority, waiting \(hours) h for verification")))
        }
        triggers += try await spikes(events, now: now, on: db)
        return triggers
    }

    /// One trigger per category and desa over the threshold, at the newest complaint's time: a spike that
    /// goes on counts the same alarm up.
    private func spikes(_ events: [EventView], now: Date, on db: any Database) async throws -> [AlarmTrigger] {
        let submitted = events.filter { $0.type == "complaint.submitted" && $0.time > now.addingTimeInterval(-3600) }
        var places: [String: Int64] = [:]
        for event in submitted {
            guard case .text(let category)? = event.payload["category"], let desa = event.location?.desa, !desa.isEmpty else { continue }
            places[category + "|" + desa] = max(places[category + "|" + desa] ?? 0, event.id)
        }
        var triggers: [AlarmTrigger] = []
        let sql = db as! any SQLDatabase
        for (place, newest) in places.sorted(by: { $0.key < $1.key }) {
            let parts = place.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let rows = try await sql.raw("""
                SELECT "ticket", "latitude", "longitude", "desa_name", "submitted_at" FROM "complaints"
                WHERE "category_code" = \(bind: parts[0]) AND "desa_code" = \(bind: parts[1]) AND "submitted_at" > \(bind: now.addingTimeInterval(-3600))
                  AND "visibility" <> 'confidential' ORDER BY "submitted_at"
                """).all()
            guard rows.count > spikeCount, let last = rows.last else { continue }
            let lat = try rows.map { try $0.decode(column: "latitude", as: Double.self) }.reduce(0, +) / Double(rows.count)
            let lon = try rows.map { try $0.decode(column: "longitude", as: Double.self) }.reduce(0, +) / Double(rows.count)
            let desaName = try last.decode(column: "desa_name", as: String.self)
            triggers.append(AlarmTrigger(type: "complaint_spike", source: "spike:\(parts[0]):\(parts[1])", priority: .high,
                                         title: LocalizedText(id: "\(rows.count) pengaduan \(parts[0]) di \(desaName) dalam 1 jam",
                                                              en: "\(rows.count) \(parts[0]) complaints in \(desaName) within an hour"),
                                         subjectType: "area", subjectRef: parts[1], point: GeoPoint(latitude: lat, longitude: lon),
                                         desaCode: parts[1], eventID: newest, at: try last.decode(column: "submitted_at", as: Date.self)))
        }
        return triggers
    }

    private static func trigger(_ type: String, _ complaint: Complaint, priority: Priority, at: Date, eventID: Int64? = nil, standing: Bool = false,
                                title: LocalizedText) -> AlarmTrigger {
        let confidential = complaint.visibility == .confidential
        return AlarmTrigger(type: type, source: "complaint:\(complaint.ticket)", priority: priority, title: title, subjectType: "complaint",
                            subjectRef: complaint.ticket, point: confidential ? nil : complaint.point, desaCode: complaint.desaCode,
                            agencyCode: complaint.agencyCode, confidential: confidential, eventID: eventID, isStanding: standing, at: at)
    }

    /// An overdue complaint is at least a medium alarm; a high or critical one keeps its priority.
    static func overduePriority(_ priority: Priority) -> Priority {
        priority < .medium ? priority : .medium
    }
}
