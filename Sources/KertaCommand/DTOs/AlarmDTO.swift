import Foundation
import KertaCore
import KertaPlatform
import Vapor

/// An alarm as the panel and API clients see it, with the moves this viewer may make now.
package struct AlarmDTO: Content {
    package struct Assignee: Content { package let name: String }
    package struct Location: Content { package let lat: Double; package let lon: Double; package let desa: String? }
    package struct Subject: Content { package let type: String; package let ref: String }
    package struct Note: Content { package let at: String; package let author: String; package let body: String }

    package let id: String
    package let type: String
    package let source: String
    package let title: LocalizedText
    package let priority: Priority
    package let priorityLabel: LocalizedText
    package let state: AlarmState
    package let stateLabel: LocalizedText
    package let count: Int
    package let firstAt: String
    package let lastAt: String
    package let acknowledgedAt: String?
    package let assignee: Assignee?
    package let location: Location?
    package let subject: Subject?
    package let shelvedUntil: String?
    package let shelveReason: String?
    package let notes: [Note]
    package let moves: [AlarmState]

    package enum CodingKeys: String, CodingKey {
        case id, type, source, title, priority, state, count, assignee, location, subject, notes, moves
        case priorityLabel = "priority_label", stateLabel = "state_label", firstAt = "first_at", lastAt = "last_at"
        case acknowledgedAt = "acknowledged_at", shelvedUntil = "shelved_until", shelveReason = "shelve_reason"
    }

    package init(_ alarm: Alarm, notes: [AlarmNote], viewer: User?) {
        id = alarm.id?.uuidString.lowercased() ?? ""
        type = alarm.type
        source = alarm.source
        title = alarm.title
        priority = alarm.priority
        priorityLabel = Self.priorityLabel(alarm.priority)
        state = alarm.state
        stateLabel = alarm.state.label
        count = alarm.count
        firstAt = WITATimestamp.string(from: alarm.firstAt)
        lastAt = WITATimestamp.string(from: alarm.lastAt)
        acknowledgedAt = alarm.acknowledgedAt.map(WITATimestamp.string(from:))
        assignee = alarm.assigneeName.map(Assignee.init(name:))
        location = alarm.point.map { Location(lat: $0.latitude, lon: $0.longitude, desa: alarm.desaCode) }
        subject = alarm.subjectType.flatMap { type in alarm.subjectRef.map { Subject(type: type, ref: $0) } }
        shelvedUntil = alarm.shelvedUntil.map(WITATimestamp.string(from:))
        shelveReason = alarm.shelveReason
        self.notes = notes.map { Note(at: WITATimestamp.string(from: $0.at), author: $0.author, body: $0.body) }
        moves = AlarmWorkflow.availableMoves(from: alarm.state, role: viewer?.role)
    }

    package static func priorityLabel(_ priority: Priority) -> LocalizedText {
        switch priority {
        case .critical: LocalizedText(id: "Kritis", en: "Critical")
        case .high: LocalizedText(id: "Tinggi", en: "High")
        case .medium: LocalizedText(id: "Sedang", en: "Medium")
        case .low: LocalizedText(id: "Rendah", en: "Low")
        case .investigation: LocalizedText(id: "Penyelidikan", en: "Investigation")
        }
    }
}

/// `GET /api/v1/alarms`: the active alarms, and whether the room is in a flood (then grouped by type).
package struct AlarmList: Content {
    package struct Group: Content { package let type: String; package let title: LocalizedText; package let count: Int }
    package let alarms: [AlarmDTO]
    package let flood: Bool
    package let groups: [Group]
}
