import Foundation
import KertaCore
import KertaPlatform

/// A warning's fields as an operator types them (the page's form and the JSON API share it): CAP's polygon
/// text `lat,lon lat,lon …`, a circle `lat,lon radius_km`, times in WITA as a browser's `datetime-local`
/// gives them, or ISO 8601. Each problem names its field.
package struct WarningForm: Codable, Sendable {
    var msg_type: String?
    var references: String?
    var alarm_id: String?
    var gauge_code: String?
    var event_id: String?
    var event_en: String?
    var headline_id: String?
    var headline_en: String?
    var description_id: String?
    var description_en: String?
    var instruction_id: String?
    var instruction_en: String?
    var urgency: String?
    var severity: String?
    var certainty: String?
    var response_type: String?
    var area_description: String?
    var polygon: String?
    var circle: String?
    var desa_codes: String?
    var onset: String?
    var expires: String?

    struct Parsed {
        let msgType: CAPMessageType
        let references: UUID?
        let alarmID: UUID?
        let content: WarningContent
    }

    /// `earlier`: the content of the warning a Cancel refers to, whose fields a Cancel may leave out.
    func parse(earlier: WarningContent?) throws -> Parsed {
        var problems = ProblemList()
        func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let msgType = CAPMessageType(rawValue: text(msg_type).isEmpty ? "Alert" : text(msg_type).capitalized)
        if msgType == nil || ![CAPMessageType.alert, .update, .cancel].contains(msgType!) {
            problems.add("msg_type", id: "harus Alert, Update atau Cancel", en: "must be Alert, Update or Cancel")
        }
        var references: UUID?
        if msgType != .alert && msgType != nil {
            references = UUID(uuidString: text(self.references))
            if references == nil { problems.add("references", id: "sebutkan peringatan yang diperbarui atau dibatalkan", en: "name the warning to update or cancel") }
        }
        let alarmID = text(alarm_id).isEmpty ? nil : UUID(uuidString: text(alarm_id))
        if !text(alarm_id).isEmpty && alarmID == nil { problems.add("alarm_id", id: "bukan id alarm", en: "is not an alarm id") }
        // An Update or a Cancel says what changes; the rest is the earlier warning's.
        let fallback = msgType == .alert ? nil : earlier
        func pair(_ idValue: String?, _ enValue: String?, _ field: String, _ old: LocalizedText?, required: Bool = true) -> LocalizedText {
            let given = LocalizedText(id: text(idValue), en: text(enValue))
            if given.id.isEmpty && given.en.isEmpty, let old { return old }
            if required && given.id.isEmpty { problems.add(field + "_id", id: "wajib diisi (bahasa Indonesia)", en: "is needed (Indonesian)") }
            if required && given.en.isEmpty { problems.add(field + "_en", id: "wajib diisi (bahasa Inggris)", en: "is needed (English)") }
            if given.id.count > 2000 { problems.add(field + "_id", id: "paling banyak 2000 karakter", en: "is at most 2000 characters") }
            if given.en.count > 2000 { problems.add(field + "_en", id: "paling banyak 2000 karakter", en: "is at most 2000 characters") }
            return given
        }
        let event = pair(event_id, event_en, "event", fallback?.event ?? LocalizedText(id: "Banjir", en: "Flood"))
        let headline = pair(headline_id, headline_en, "headline", nil)
        // A Cancel is an all-clear: it does not repeat the earlier message's call to evacuate.
        let allClear = LocalizedText(id: "Peringatan dicabut. Tetap waspada dan ikuti informasi resmi BPBD Kota Denpasar.",
                                     en: "The warning is withdrawn. Stay alert and follow official information from BPBD Kota Denpasar.")
        let instruction = pair(instruction_id, instruction_en, "instruction", msgType == .cancel ? allClear : fallback?.instruction)
        let description = pair(description_id, description_en, "description", msgType == .cancel ? allClear : fallback?.description, required: false)
        func coded<T: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, _ old: T?, _ type: T.Type) -> T? where T.RawValue == String {
            if text(value).isEmpty, let old { return old }
            guard let found = T.allCases.first(where: { $0.rawValue.lowercased() == text(value).lowercased() }), found.rawValue != "Unknown" else {
                problems.add(field, id: "pilih salah satu: " + T.allCases.map(\.rawValue).filter { $0 != "Unknown" }.joined(separator: ", "),
                             en: "choose one of " + T.allCases.map(\.rawValue).filter { $0 != "Unknown" }.joined(separator: ", "))
                return nil
            }
            return found
        }
        let urgency = coded(urgency, "urgency", fallback?.urgency, CAPUrgency.self)
        let severity = coded(severity, "severity", fallback?.severity, CAPSeverity.self)
        let certainty = coded(certainty, "certainty", fallback?.certainty, CAPCertainty.self)
        var responses: [CAPResponseType] = msgType == .cancel ? [.allClear] : (fallback?.responseTypes ?? [])
        if !text(response_type).isEmpty {
            responses = []
            for name in text(response_type).split(separator: ",") {
                if let found = CAPResponseType.allCases.first(where: { $0.rawValue.lowercased() == name.trimmingCharacters(in: .whitespaces).lowercased() }) {
                    responses.append(found)
                } else {
                    problems.add("response_type", id: "tidak dikenal: \(name)", en: "unknown: \(name)")
                }
            }
        }
        var polygon = fallback?.polygon ?? []
        if !text(self.polygon).isEmpty {
            polygon = []
            for pair in text(self.polygon).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let parts = pair.split(separator: ",").compactMap { Double($0) }
                if parts.count == 2, GeoPoint(latitude: parts[0], longitude: parts[1]).isValid {
                    polygon.append(GeoPoint(latitude: parts[0], longitude: parts[1]))
                } else {
                    problems.add("polygon", id: "titik \"\(pair)\" bukan lat,lon", en: "the point \"\(pair)\" is not lat,lon")
                    break
                }
            }
            if let first = polygon.first, polygon.last != first { polygon.append(first) }
            if !polygon.isEmpty && polygon.count < 4 { problems.add("polygon", id: "perlu paling sedikit tiga titik", en: "needs at least three points") }
        }
        var circle = fallback?.circle
        if !text(self.circle).isEmpty {
            let parts = text(self.circle).split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if parts.count == 3, GeoPoint(latitude: parts[0], longitude: parts[1]).isValid, parts[2] > 0, parts[2] <= 100 {
                circle = CAPCircle(center: GeoPoint(latitude: parts[0], longitude: parts[1]), radiusKilometres: parts[2])
            } else {
                problems.add("circle", id: "tulis lat,lon radius_km (radius sampai 100 km)", en: "write lat,lon radius_km (radius up to 100 km)")
            }
        }
        if polygon.isEmpty && circle == nil {
            problems.add("area", id: "wilayah perlu poligon atau lingkaran", en: "the area needs a polygon or a circle")
        }
        let desaCodes = text(desa_codes).isEmpty ? (fallback?.desaCodes ?? [])
            : text(desa_codes).split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if desaCodes.contains(where: { $0.count != 10 || !$0.allSatisfy(\.isNumber) }) {
            problems.add("desa_codes", id: "kode desa Kemendagri 10 angka", en: "Kemendagri desa codes of 10 digits")
        }
        var areaDescription = text(area_description)
        if areaDescription.isEmpty { areaDescription = fallback?.areaDescription ?? "" }
        if areaDescription.isEmpty { problems.add("area_description", id: "sebutkan wilayahnya", en: "name the area") }
        let onset = Self.time(onset, "onset", &problems)
        var expires = Self.time(self.expires, "expires", &problems)
        if text(self.expires).isEmpty, let old = fallback?.expires { expires = old }
        if expires == nil && text(self.expires).isEmpty { problems.add("expires", id: "wajib diisi", en: "is required") }
        try problems.check()
        let content = WarningContent(event: event, headline: headline, description: description, instruction: instruction,
                                     urgency: urgency!, severity: severity!, certainty: certainty!, responseTypes: responses,
                                     areaDescription: areaDescription, polygon: polygon, circle: circle, desaCodes: desaCodes,
                                     onset: onset, expires: expires!, gaugeCode: text(gauge_code).isEmpty ? fallback?.gaugeCode : text(gauge_code))
        return Parsed(msgType: msgType!, references: references, alarmID: alarmID, content: content)
    }

    /// ISO 8601, or a WITA wall time as `datetime-local` sends it (`2026-12-02T18:30`).
    static func time(_ value: String?, _ field: String, _ problems: inout ProblemList) -> Date? {
        let text = (value ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let date = STATime.instant(text) { return date }
        let local = text.replacingOccurrences(of: " ", with: "T")
        if local.count == 16, let date = WITATimestamp.date(from: local + ":00+08:00") { return date }
        if local.count == 19, let date = WITATimestamp.date(from: local + "+08:00") { return date }
        problems.add(field, id: "waktu tidak dikenali (contoh 2026-12-02T18:30)", en: "is not a time (e.g. 2026-12-02T18:30)")
        return nil
    }

    /// What the form starts with when drafted from a gauge: its place, its level's advice, six hours' life.
    static func suggestion(for gauge: FloodGauge?, alarmID: String?, now: Date) -> WarningForm {
        var form = WarningForm()
        form.msg_type = "Alert"
        form.alarm_id = alarmID
        form.event_id = "Banjir"
        form.event_en = "Flood"
        form.urgency = "Immediate"
        form.severity = "Severe"
        form.certainty = "Likely"
        form.response_type = "Prepare"
        let expires = now.addingTimeInterval(6 * 3600)
        form.expires = String(WITATimestamp.string(from: expires).prefix(16))
        if let gauge {
            form.gauge_code = gauge.code
            let level = max(gauge.level, .siaga)
            form.headline_id = "\(level.word.id): banjir \(gauge.river) di \(gauge.name)"
            form.headline_en = "\(level.word.en): flooding of \(gauge.river) at \(gauge.name)"
            form.instruction_id = level.advice.id
            form.instruction_en = level.advice.en
            form.description_id = "Tinggi muka air \(gauge.lastValue.map { "+\(FloodMonitor.cm($0)) cm" } ?? "naik") di atas normal."
            form.description_en = "The water is \(gauge.lastValue.map { "+\(FloodMonitor.cm($0)) cm" } ?? "rising") above normal."
            form.area_description = "Bantaran \(gauge.river) sekitar \(gauge.name)" + (gauge.desaName.map { ", \($0)" } ?? "")
            if let point = gauge.point { form.circle = String(format: "%.4f,%.4f 1", point.latitude, point.longitude) }
            form.desa_codes = gauge.desaCode
        }
        return form
    }
}
