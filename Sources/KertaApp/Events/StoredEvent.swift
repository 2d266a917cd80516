import Foundation
import KertaCore

/// An event as the log holds it. Its JSON is made once when the row is read and shared by every
/// subscriber it goes to: the fan-out to a thousand sockets copies a reference, not a thousand encodings.
struct StoredEvent: Sendable {
    static let schema = "events"

    let id: Int64
    let layer: String
    let audience: EventAudience
    let point: GeoPoint?
    /// ``EventView`` as JSON.
    let json: String
}

/// An event as clients receive it, by `GET /api/v1/events`, the stream and the WebSocket.
struct EventView: Codable, Sendable {
    struct Subject: Codable, Sendable {
        let type: String
        let id: String?
        let ref: String?
    }

    struct Location: Codable, Sendable {
        let lat: Double
        let lon: Double
        let desa: String?
    }

    let id: Int64
    let time: Date
    let type: String
    let layer: String
    let severity: EventSeverity
    let subject: Subject?
    let location: Location?
    let title: LocalizedText
    let payload: [String: EventValue]
    let audience: String
}
