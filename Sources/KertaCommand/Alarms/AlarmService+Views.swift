import Fluent
import Foundation
import KertaCore
import KertaPlatform

extension AlarmService {
    /// The panel's answer: the active alarms with their notes and moves, and the flood grouping.
    package func list(for user: User?, states: Set<AlarmState>? = nil) async throws -> AlarmList {
        let alarms = try await active(for: user, states: states)
        let notes = try await notes(of: alarms.compactMap(\.id))
        let recent = try await Alarm.query(on: db).filter(\.$lastAt > now().addingTimeInterval(-AlarmLoad.period)).all().map(\.lastAt)
        let flood = AlarmLoad.isFlood(recent, now: now())
        let groups = flood ? Dictionary(grouping: alarms, by: \.type).map { type, members in
            AlarmList.Group(type: type, title: AlarmService.typeTitle(type), count: members.count)
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.type < $1.type } : []
        return AlarmList(alarms: alarms.map { AlarmDTO($0, notes: notes[$0.id!] ?? [], viewer: user) }, flood: flood, groups: groups)
    }

    /// A type's name for the grouped panel.
    package static func typeTitle(_ type: String) -> LocalizedText {
        switch type {
        case "complaint_overdue": LocalizedText(id: "Pengaduan melewati batas waktu", en: "Complaints overdue")
        case "verification_waiting": LocalizedText(id: "Prioritas tinggi menunggu verifikasi", en: "High priority waiting for verification")
        case "complaint_spike": LocalizedText(id: "Lonjakan pengaduan", en: "Complaint spikes")
        default: LocalizedText(id: type, en: type)
        }
    }

    /// The alarm figures of the KPI strip: open alarms by priority, and the mean time to acknowledge
    /// of the alarms raised in the last 24 hours.
    package func figures(for user: User?) async throws -> [String: FigureValue] {
        var byPriority: [String: Int] = [:]
        for priority in Priority.allCases {
            byPriority[priority.rawValue] = try await Self.visible(to: user, Alarm.query(on: db))
                .filter(\.$state ~~ [AlarmState.open, .acknowledged, .inProgress]).filter(\.$priority == priority).count()
        }
        let since = now().addingTimeInterval(-86_400)
        let acknowledged = try await Self.visible(to: user, Alarm.query(on: db)).filter(\.$raisedAt >= since).filter(\.$acknowledgedAt != nil).all()
        let delays = acknowledged.compactMap { alarm in alarm.acknowledgedAt.map { max(0, $0.timeIntervalSince(alarm.raisedAt)) } }
        return ["open_alarms": .counts(byPriority),
                "mean_time_to_acknowledge_seconds": .seconds(delays.isEmpty ? nil : delays.reduce(0, +) / Double(delays.count))]
    }
}
