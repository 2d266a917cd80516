import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// The flood rules' alarms, from the gauges' events. Each level is an alarm point of its own (as a plant's
/// HI and HIHI are): rising to Siaga raises the Siaga alarm, falling back below a level clears the alarms
/// above it. A fast rise and a silent gauge are alarms too, cleared when the rise slows or the gauge speaks.
package struct FloodAlarmSource: AlarmSource {
    package init() {}

    package func triggers(after events: [EventView], now: Date, on db: any Database) async throws -> [AlarmTrigger] {
        var triggers: [AlarmTrigger] = []
        for event in events where event.layer == EventLayer.rivers.rawValue && event.type.hasPrefix("flood.") {
            guard let code = event.subject?.ref, case .text(let levelCode)? = event.payload["level"], let level = FloodLevel(code: levelCode) else { continue }
            let source = "gauge:\(code)"
            func trigger(_ type: String, _ priority: Priority, clears: Bool = false) -> AlarmTrigger {
                AlarmTrigger(type: type, source: source, priority: priority, title: event.title, subjectType: "gauge", subjectRef: code,
                             point: event.location.map { GeoPoint(latitude: $0.lat, longitude: $0.lon) }, desaCode: event.location?.desa,
                             agencyCode: "BPBD", eventID: event.id, clears: clears, at: event.time)
            }
            switch event.type {
            case "flood.level_changed":
                if level > .normal { triggers.append(trigger(Self.type(of: level), Self.priority(of: level))) }
                for above in FloodLevel.allCases where above > level {
                    triggers.append(trigger(Self.type(of: above), Self.priority(of: above), clears: true))
                }
            case "flood.rising": triggers.append(trigger("flood_rising", .high))
            case "flood.rise_ended": triggers.append(trigger("flood_rising", .high, clears: true))
            case "flood.gauge_offline": triggers.append(trigger("gauge_offline", level >= .siaga ? .high : .medium))
            case "flood.gauge_online": triggers.append(trigger("gauge_offline", .medium, clears: true))
            default: break
            }
        }
        return triggers
    }

    package static func type(of level: FloodLevel) -> String { "flood_" + level.code }

    static func priority(of level: FloodLevel) -> Priority {
        switch level {
        case .normal, .waspada: .medium
        case .siaga: .high
        case .awas: .critical
        }
    }
}
