import Fluent
import Foundation
import KertaCore
import KertaPlatform
import SQLKit

/// Denpasar's early-warning gauges from the reference data's `rivers.csv`, as SensorThings Things with their
/// water-level Datastreams (and rain where the demo puts a rain gauge), the flood rules' gauges with their
/// scales (the Pasar Badung bridge's published +30/+116/+266 cm; "not published" elsewhere), and, for the
/// full demo, a day of ordinary readings and the record of the 10 September 2025 warning.
package struct DemoGaugeSeeder: Sendable {
    package let db: any Database
    package let referenceDirectory: String
    package let now: Date

    package init(db: any Database, referenceDirectory: String, now: Date) {
        self.db = db
        self.referenceDirectory = referenceDirectory
        self.now = now
    }

    /// The demo's rain gauges: assumed at the upstream weir of Tukad Badung and on Tukad Ayung (the
    /// reference data names no rain gauge).
    static let rainGauges: Set<String> = ["RIV-05", "RIV-07"]
    /// Seconds between a gauge's reports; silent three times as long, it is offline.
    static let reportInterval: TimeInterval = 300
    /// BPBD Provinsi Bali published the Pasar Badung bridge's sirens in January 2026.
    static let publishedFrom = WITATimestamp.date(from: "2026-01-12T00:00:00+08:00")!

    struct Point {
        let code, river, name, type, operatorName, basis, notes: String
        let latitude, longitude: Double?
        let desaCode, desaName: String?
        let thresholds: FloodThresholds?
    }

    func points() throws -> [Point] {
        let text = try String(contentsOfFile: (referenceDirectory as NSString).appendingPathComponent("rivers.csv"), encoding: .utf8)
        let rows = try CSVTable(text: text).records(requiring: ["id", "river", "point_name", "point_type", "lat", "lng", "desa_kelurahan", "desa_code",
                                                               "operator", "waspada_cm_above_normal", "siaga_cm_above_normal", "awas_cm_above_normal",
                                                               "threshold_basis", "notes"])
        return rows.map { row in
            let scale: FloodThresholds? = {
                guard let w = Double(row["waspada_cm_above_normal"] ?? ""), let s = Double(row["siaga_cm_above_normal"] ?? ""),
                      let a = Double(row["awas_cm_above_normal"] ?? "") else { return nil }
                return try? FloodThresholds(waspada: w, siaga: s, awas: a)
            }()
            let desa = (row["desa_kelurahan"] ?? "").components(separatedBy: " (").first ?? ""
            return Point(code: row["id"] ?? "", river: row["river"] ?? "", name: row["point_name"] ?? "", type: row["point_type"] ?? "",
                         operatorName: row["operator"] ?? "", basis: row["threshold_basis"] ?? "", notes: row["notes"] ?? "",
                         latitude: Double(row["lat"] ?? ""), longitude: Double(row["lng"] ?? ""),
                         desaCode: (row["desa_code"] ?? "").isEmpty ? nil : row["desa_code"], desaName: desa.isEmpty ? nil : desa, thresholds: scale)
        }
    }

    /// Idempotent: gauges already seeded are left as they are.
    package func seed(history: Bool, operatorUser: User?, supervisor: User?) async throws {
        guard try await FloodGauge.query(on: db).count() == 0 else { return }
        let points = try points()
        try await SensorWrites.record(on: db, hub: nil, monitor: FloodMonitor(), now: now) { writer, sql in
            let sensor = try await writer.create(.sensor, .object([
                ("name", .string("AWLR radar")), ("description", .string("Automatic Water Level Recorder (radar) with siren, BPBD early-warning network")),
                ("encodingType", .string("text/html")), ("metadata", .string("https://bpbd.denpasarkota.go.id")),
            ]))
            let level = try await writer.create(.observedProperty, .object([
                ("name", .string("Tinggi muka air di atas normal")), ("definition", .string("http://vocabs.lter-europe.net/EnvThes/22035")),
                ("description", .string("Water level above the river's normal level at the gauge, in centimetres")),
            ]))
            let rainSensor = try await writer.create(.sensor, .object([
                ("name", .string("ARR tipping bucket")), ("description", .string("Automatic Rain Recorder (demo)")),
                ("encodingType", .string("text/html")), ("metadata", .string("https://bpbd.denpasarkota.go.id")),
            ]))
            let rain = try await writer.create(.observedProperty, .object([
                ("name", .string("Curah hujan")), ("definition", .string("http://vocabs.lter-europe.net/EnvThes/21468")),
                ("description", .string("Rainfall in the last five minutes, in millimetres")),
            ]))
            for point in points {
                var thing: [(String, JSONValue)] = [
                    ("name", .string(point.name)), ("description", .string("\(point.type), \(point.river)")),
                    ("properties", .object([("code", .string(point.code)), ("river", .string(point.river)), ("pointType", .string(point.type)),
                                            ("operator", .string(point.operatorName)), ("notes", .string(point.notes))])),
                ]
                if let lat = point.latitude, let lon = point.longitude {
                    thing.append(("Locations", .array([.object([
                        ("name", .string(point.name)), ("description", .string(point.desaName.map { "\(point.river), \($0)" } ?? point.river)),
                        ("encodingType", .string("application/geo+json")),
                        ("location", .object([("type", .string("Point")), ("coordinates", .array([.double(lon), .double(lat)]))])),
                    ])])))
                }
                let thingID = try await writer.create(.thing, .object(thing))
                func stream(_ name: String, _ unit: (String, String, String), sensor: Int64, property: Int64) async throws -> Int64 {
                    try await writer.create(.datastream, .object([
                        ("name", .string(name)), ("description", .string("\(name), \(point.name)")),
                        ("observationType", .string("http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement")),
                        ("unitOfMeasurement", .object([("name", .string(unit.0)), ("symbol", .string(unit.1)), ("definition", .string(unit.2))])),
                        ("properties", .object([("code", .string(point.code)), ("expectedIntervalSeconds", .int(Int64(Self.reportInterval)))])),
                        ("Thing", .object([("@iot.id", .int(thingID))])), ("Sensor", .object([("@iot.id", .int(sensor))])),
                        ("ObservedProperty", .object([("@iot.id", .int(property))])),
                    ]))
                }
                let levelStream = try await stream("Tinggi muka air", ("centimetre", "cm", "http://qudt.org/vocab/unit/CentiM"), sensor: sensor, property: level)
                let rainStream = Self.rainGauges.contains(point.code)
                    ? try await stream("Curah hujan", ("millimetre", "mm", "http://qudt.org/vocab/unit/MilliM"), sensor: rainSensor, property: rain) : nil
                let gauge = FloodGauge()
                gauge.id = UUID()
                gauge.code = point.code
                gauge.name = point.name
                gauge.river = point.river
                gauge.pointType = point.type
                gauge.latitude = point.latitude
                gauge.longitude = point.longitude
                gauge.desaCode = point.desaCode
                gauge.desaName = point.desaName
                gauge.operatorName = point.operatorName
                gauge.thingID = thingID
                gauge.levelStreamID = levelStream
                gauge.rainStreamID = rainStream
                gauge.expectedIntervalSeconds = Int(Self.reportInterval * 3)
                gauge.hysteresisCM = 5
                gauge.level = .normal
                gauge.updatedAt = now
                try await gauge.create(on: sql as! any Database)
                let version = FloodThreshold(gaugeID: gauge.id!, status: point.thresholds == nil ? .notPublished : .published, thresholds: point.thresholds,
                                             effectiveFrom: point.thresholds == nil ? Date(timeIntervalSince1970: 0) : Self.publishedFrom,
                                             basis: point.basis.isEmpty ? "site-specific, not published" : point.basis, setBy: "BPBD (reference data)", createdAt: now)
                try await version.create(on: sql as! any Database)
            }
            return ()
        }
        if history {
            try await seedHistory()
            try await seedPastWarning(operatorUser: operatorUser, supervisor: supervisor)
        }
    }

    /// A quiet day on the rivers: a reading every five minutes for the last 24 hours at each placed gauge,
    /// a few centimetres above normal with the tide's and the day's small swings.
    func seedHistory() async throws {
        let gauges = try await FloodGauge.query(on: db).filter(\.$latitude != nil).sort(\.$code).all()
        let end = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / Self.reportInterval).rounded(.down) * Self.reportInterval)
        let steps = Int(24 * 3600 / Self.reportInterval)
        var random = SystemRandomNumberGenerator()
        for (index, gauge) in gauges.enumerated() {
            let base = 6 + Double(index % 4) * 3
            // The first reading through the API's own path (it makes the feature of interest), the rest in bulk.
            let first = end.addingTimeInterval(-Double(steps) * Self.reportInterval)
            try await SensorWrites.record(on: db, hub: nil, monitor: FloodMonitor(), now: now) { writer, _ in
                try await writer.create(.observation, .object([("phenomenonTime", .string(STATime.text(first))), ("result", .double(base)),
                                                               ("Datastream", .object([("@iot.id", .int(gauge.levelStreamID))]))]))
            }
            let sql = db as! any SQLDatabase
            let feature = try await sql.raw("SELECT \"feature_id\" FROM \"sta_observations\" WHERE \"datastream_id\" = \(bind: gauge.levelStreamID) LIMIT 1").first()?
                .decode(column: "feature_id", as: Int64.self) ?? 0
            var rows: [(Date, Double)] = []
            for step in 1...steps {
                let at = first.addingTimeInterval(Double(step) * Self.reportInterval)
                let hours = at.timeIntervalSince1970 / 3600
                let value = (base + 2 * sin(hours / 12.42 * 2 * .pi) + Double.random(in: -0.6...0.6, using: &random)) * 10
                rows.append((at, value.rounded() / 10))
            }
            try await Self.bulkInsert(rows, stream: gauge.levelStreamID, feature: feature, on: sql)
            if let rain = gauge.rainStreamID {
                try await Self.bulkInsert(rows.map { ($0.0, 0) }, stream: rain, feature: feature, on: sql)
            }
            gauge.lastValue = rows.last?.1
            gauge.lastAt = rows.last?.0
            try await gauge.update(on: db)
            try await sql.raw("""
                UPDATE "sta_datastreams" SET "phenomenon_time_start" = \(bind: first), "phenomenon_time_end" = \(bind: end)
                WHERE "id" IN (\(bind: gauge.levelStreamID), \(bind: gauge.rainStreamID ?? gauge.levelStreamID))
                """).run()
        }
    }

    static func bulkInsert(_ rows: [(Date, Double)], stream: Int64, feature: Int64, on sql: any SQLDatabase) async throws {
        try await sql.insertRows(into: "sta_observations", columns: "\"phenomenon_time_start\", \"result\", \"result_number\", \"datastream_id\", \"feature_id\"",
                                 rows: rows.map { [$0.0, JSONValue.double($0.1).text, $0.1, stream, feature] })
    }

    /// The warning BPBD's command room would have sent at dawn on 10 September 2025, kept as the feed's
    /// record: expired long ago, so it is listed but not in force.
    func seedPastWarning(operatorUser: User?, supervisor: User?) async throws {
        guard let operatorUser, let supervisor, try await Warning.query(on: db).count() == 0 else { return }
        let sent = WITATimestamp.date(from: "2025-09-10T05:50:00+08:00")!
        let content = WarningContent(
            event: LocalizedText(id: "Banjir bandang", en: "Flash flood"),
            headline: LocalizedText(id: "Awas: banjir Tukad Badung di Pasar Badung dan Kumbasari", en: "Danger: Tukad Badung flooding at Badung and Kumbasari markets"),
            description: LocalizedText(id: "Hujan lebat sejak malam; air Tukad Badung naik cepat dan mendekati lantai jembatan Pasar Badung.",
                                       en: "Heavy rain since the night; Tukad Badung is rising fast and nearing the deck of the Pasar Badung bridge."),
            instruction: LocalizedText(id: "Segera tinggalkan basement dan kios di tepi sungai. Menuju tempat tinggi. Jangan menyeberangi arus.",
                                       en: "Leave basements and riverside stalls now. Go to high ground. Do not cross flowing water."),
            urgency: .immediate, severity: .extreme, certainty: .observed, responseTypes: [.evacuate],
            areaDescription: "Bantaran Tukad Badung: Pasar Badung, Pasar Kumbasari, Jl. Sulawesi, Jl. Hasanuddin, Jl. Gajah Mada",
            polygon: [GeoPoint(latitude: -8.6530, longitude: 115.2100), GeoPoint(latitude: -8.6530, longitude: 115.2150),
                      GeoPoint(latitude: -8.6600, longitude: 115.2150), GeoPoint(latitude: -8.6600, longitude: 115.2100),
                      GeoPoint(latitude: -8.6530, longitude: 115.2100)],
            circle: nil, desaCodes: ["5171031007", "5171032006"], onset: sent, expires: WITATimestamp.date(from: "2025-09-10T18:00:00+08:00")!,
            gaugeCode: "RIV-01")
        let warning = try Warning(content: content, msgType: .alert, referencesID: nil, alarmID: nil, by: operatorUser, at: sent.addingTimeInterval(-600))
        let identifier = "denpasar-bpbd-2025-0001"
        let alert = content.alert(identifier: identifier, sender: WarningService.sender, sent: sent, msgType: .alert, references: [],
                                  web: "https://kerta.denpasarkota.go.id/banjir")
        warning.state = .published
        warning.approvedByID = supervisor.id
        warning.approvedByName = supervisor.name
        warning.approvedAt = sent.addingTimeInterval(-120)
        warning.publishedByName = operatorUser.name
        warning.identifier = identifier
        warning.sentAt = sent
        warning.alertJSON = try Warning.encode(alert)
        try await ChangeRecorder(db: db).record { tx, change in
            change.audit("drafted", of: warning, by: WarningService.actor(operatorUser), to: WarningState.draft.rawValue, data: ["msg_type": "Alert"], at: sent.addingTimeInterval(-600))
            change.audit("approve", of: warning, by: WarningService.actor(supervisor), from: "draft", to: "approved", at: sent.addingTimeInterval(-120))
            change.audit("publish", of: warning, by: WarningService.actor(operatorUser), from: "approved", to: "published", data: ["identifier": identifier], at: sent)
            try await warning.create(on: tx)
        }
    }
}
