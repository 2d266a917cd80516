import Foundation

/// The rules an alert must meet before Kerta publishes it: the Google Public Alerts CAP profile plus the
/// parts of CAP 1.2 the schema cannot express. Aggregators drop a non-conforming alert silently, so Kerta
/// refuses it at the desk instead, naming each field an officer has to fix.
public enum CAPProfileCheck {
    /// Every problem with `alert`, empty when it may be published. `known` holds the alerts already
    /// published, by identifier, for checking what an update or cancel refers to.
    public static func problems(_ alert: CAPAlert, known: [String: CAPAlert] = [:]) -> [String] {
        var problems: [String] = []
        problems += token(alert.identifier, "identifier")
        problems += token(alert.sender, "sender")
        if alert.status != .actual {
            problems.append("status is \(alert.status.rawValue); the public feed takes only Actual")
        }
        if alert.scope != .public {
            problems.append("scope is \(alert.scope.rawValue); the public feed takes only Public")
        }
        problems += references(alert, known: known)
        if alert.infos.isEmpty { problems.append("alert has no info") }
        var languages: [String: Int] = [:]
        for (i, info) in alert.infos.enumerated() {
            let name = "info[\(i)]"
            let language = info.language.lowercased()
            if info.language.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append("\(name).language is empty")
            } else if let earlier = languages[language] {
                problems.append("\(name).language \(info.language) repeats info[\(earlier)]'s")
            } else {
                languages[language] = i
            }
            problems += self.problems(info, name, sent: alert.sent)
        }
        return problems
    }

    /// CAP forbids spaces and commas in identifiers and senders because references join them with both,
    /// and `<`/`&` because they are restricted characters.
    private static func token(_ value: String, _ name: String) -> [String] {
        if value.isEmpty { return ["\(name) is empty"] }
        if value.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) || ",<&".unicodeScalars.contains($0) }) {
            return ["\(name) \"\(value)\" contains a space, comma, < or &"]
        }
        return []
    }

    /// A new alert stands alone; anything else must name, exactly, the alerts it follows, or receivers
    /// show it beside the warning it was meant to replace.
    private static func references(_ alert: CAPAlert, known: [String: CAPAlert]) -> [String] {
        if alert.msgType == .alert {
            return alert.references.isEmpty ? [] : ["references are present, but an Alert refers to no earlier alert"]
        }
        guard !alert.references.isEmpty else {
            return ["references are missing; an \(alert.msgType.rawValue) must name the alerts it refers to"]
        }
        var problems: [String] = []
        for (i, reference) in alert.references.enumerated() {
            let name = "references[\(i)]"
            problems += token(reference.identifier, "\(name).identifier")
            problems += token(reference.sender, "\(name).sender")
            let triple = CAPEncoder.references([reference])
            guard let earlier = known[reference.identifier], earlier.sender == reference.sender,
                  wholeSeconds(earlier.sent) == wholeSeconds(reference.sent) else {
                problems.append("\(name) (\(triple)) names no known earlier alert")
                continue
            }
            if wholeSeconds(earlier.sent) >= wholeSeconds(alert.sent) {
                problems.append("\(name) (\(triple)) was not sent before this alert")
            }
        }
        return problems
    }

    private static func problems(_ info: CAPInfo, _ name: String, sent: Date) -> [String] {
        var problems: [String] = []
        if info.categories.isEmpty { problems.append("\(name).category is missing") }
        if info.event.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("\(name).event is empty") }
        if info.urgency == .unknown { problems.append("\(name).urgency is Unknown") }
        if info.severity == .unknown { problems.append("\(name).severity is Unknown") }
        if info.certainty == .unknown { problems.append("\(name).certainty is Unknown") }
        if let expires = info.expires {
            if wholeSeconds(expires) <= wholeSeconds(sent) {
                problems.append("\(name).expires (\(CAPEncoder.dateTime(expires))) is not after sent (\(CAPEncoder.dateTime(sent)))")
            }
        } else {
            problems.append("\(name).expires is missing")
        }
        if info.areas.isEmpty { problems.append("\(name) has no area") }
        for (a, area) in info.areas.enumerated() {
            problems += self.problems(area, "\(name).area[\(a)]")
        }
        return problems
    }

    private static func problems(_ area: CAPArea, _ name: String) -> [String] {
        var problems: [String] = []
        if area.areaDesc.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("\(name).areaDesc is empty") }
        for (p, ring) in area.polygons.enumerated() {
            let polygon = "\(name).polygon[\(p)]"
            if ring.count < 4 { problems.append("\(polygon) has \(ring.count) points; a closed ring needs at least 4") }
            if let first = ring.first, let last = ring.last, first != last {
                problems.append("\(polygon) is not closed: its last point must repeat its first")
            }
            for (k, point) in ring.enumerated() where !point.isValid {
                problems.append("\(polygon) point \(k) (\(point.latitude),\(point.longitude)) is not a valid latitude/longitude")
            }
        }
        for (c, circle) in area.circles.enumerated() {
            let label = "\(name).circle[\(c)]"
            if !circle.center.isValid {
                problems.append("\(label) centre (\(circle.center.latitude),\(circle.center.longitude)) is not a valid latitude/longitude")
            }
            if !(circle.radiusKilometres.isFinite && circle.radiusKilometres > 0) {
                problems.append("\(label) radius must be greater than 0 km")
            }
        }
        if area.ceiling != nil && area.altitude == nil { problems.append("\(name).ceiling is given without altitude") }
        if let altitude = area.altitude, let ceiling = area.ceiling, ceiling < altitude {
            problems.append("\(name).ceiling is below altitude")
        }
        return problems
    }

    /// CAP times carry whole seconds, so two instants that write the same are the same alert time.
    private static func wholeSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }
}
