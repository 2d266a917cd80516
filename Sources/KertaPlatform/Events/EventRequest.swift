import Foundation
import KertaCore
import Vapor

/// What a client asks of the event log: after which id, which layers, inside which box.
package struct EventRequest: Sendable {
    package var since: Int64?
    package var layers: Set<EventLayer> = []
    package var box: BoundingBox?

    package func filter(for viewer: EventViewer) -> EventFilter {
        EventFilter(viewer: viewer, layers: layers, box: box)
    }

    /// From `since`, `layers` and `bbox` (a stream's `Last-Event-ID` header wins over `since`, as a browser's
    /// EventSource sends it on every reconnect); bad values are named in a 400, never ignored.
    package init(req: Request, lastEventIDHeader: Bool = false) throws {
        var problems = ProblemList()
        let header = lastEventIDHeader ? req.headers.first(name: "Last-Event-ID")?.trimmingCharacters(in: .whitespaces) : nil
        if let raw = header.flatMap({ $0.isEmpty ? nil : $0 }) ?? req.queryText("since") {
            let field = header?.isEmpty == false ? "Last-Event-ID" : "since"
            if let id = Int64(raw), id >= 0 {
                since = id
            } else {
                problems.add(field, id: "\(field) harus bilangan bulat 0 atau lebih", en: "\(field) must be a whole number, 0 or more")
            }
        }
        try Self.parseFilters(layers: req.queryText("layers"), bbox: req.queryText("bbox"), into: &self, problems: &problems)
        try Self.check(problems)
    }

    package init(since: Int64?, layers: Set<EventLayer>, box: BoundingBox?) {
        self.since = since
        self.layers = layers
        self.box = box
    }

    /// Unreadable query parameters are a 400 naming each one.
    package static func check(_ problems: ProblemList) throws {
        guard !problems.isEmpty else { return }
        throw DomainError.input(problems.problems, kind: .malformed)
    }

    /// Shared by the query string and the WebSocket's subscribe message.
    package static func parseFilters(layers: String?, bbox: String?, into request: inout EventRequest, problems: inout ProblemList) throws {
        if let layers {
            switch EventLayer.parseList(layers) {
            case .success(let parsed): request.layers = parsed
            case .failure(let unknown):
                let known = EventLayer.allCases.map(\.rawValue).joined(separator: ", ")
                problems.add("layers", id: "lapisan \(unknown.name) tidak dikenal; yang ada: \(known)",
                             en: "there is no layer \(unknown.name); known: \(known)")
            }
        }
        if let bbox {
            if let box = BoundingBox(commaSeparated: bbox) {
                request.box = box
            } else {
                problems.add("bbox", id: "bbox harus minLon,minLat,maxLon,maxLat", en: "bbox must be minLon,minLat,maxLon,maxLat")
            }
        }
    }
}
