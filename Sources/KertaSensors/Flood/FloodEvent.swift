import Foundation
import KertaCore
import KertaPlatform

extension EventDraft {
    /// A gauge's news on the `rivers` layer, public: residents along the river hear what the room hears.
    /// `type` is `flood.level_changed`, `flood.rising`, `flood.rise_ended`, `flood.gauge_offline` or `flood.gauge_online`.
    static func gauge(_ type: String, _ gauge: FloodGauge, severity: EventSeverity, title: LocalizedText,
                      payload: [String: EventValue] = [:], at time: Date) -> EventDraft {
        var payload = payload
        payload["gauge"] = .text(gauge.code)
        payload["level"] = .text(gauge.level.code)
        return EventDraft(type: type, layer: .rivers, severity: severity, subjectType: "gauge", subjectID: gauge.id?.uuidString.lowercased(),
                          subjectRef: gauge.code, point: gauge.point, desaCode: gauge.desaCode, title: title, payload: payload,
                          audience: .public, time: time)
    }

    static func severity(of level: FloodLevel) -> EventSeverity {
        switch level {
        case .normal: .info
        case .waspada: .medium
        case .siaga: .high
        case .awas: .critical
        }
    }
}
