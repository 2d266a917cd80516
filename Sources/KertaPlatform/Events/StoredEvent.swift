import Foundation
import KertaCore
import NIOCore

/// An event as the log holds it. Its JSON, its Server-Sent Events frame and its WebSocket message are made
/// once when the row is read and shared by every subscriber it goes to: the fan-out to a thousand sockets
/// hands on the same bytes, not a thousand encodings.
package struct StoredEvent: Sendable {
    package static let schema = "events"

    package let id: Int64
    package let layer: String
    package let audience: EventAudience
    package let point: GeoPoint?
    /// ``EventView`` as JSON.
    package let json: String
    /// `id: N`, `data: JSON` and the blank line.
    package let streamFrame: ByteBuffer
    /// `{"type":"event","event":JSON}`.
    package let socketMessage: String

    package init(id: Int64, layer: String, audience: EventAudience, point: GeoPoint?, json: String) {
        self.id = id
        self.layer = layer
        self.audience = audience
        self.point = point
        self.json = json
        self.streamFrame = ByteBuffer(string: "id: \(id)\ndata: \(json)\n\n")
        self.socketMessage = "{\"type\":\"event\",\"event\":\(json)}"
    }
}

/// An event as clients receive it, by `GET /api/v1/events`, the stream and the WebSocket.
package struct EventView: Codable, Sendable {
    package struct Subject: Codable, Sendable {
        package let type: String
        package let id: String?
        package let ref: String?
    }

    package struct Location: Codable, Sendable {
        package let lat: Double
        package let lon: Double
        package let desa: String?
    }

    package let id: Int64
    package let time: Date
    package let type: String
    package let layer: String
    package let severity: EventSeverity
    package let subject: Subject?
    package let location: Location?
    package let title: LocalizedText
    package let payload: [String: EventValue]
    package let audience: String
}
