import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// Fills the demo with three months of complaints across Denpasar's desa, in every state of the
/// workflow, made through the real complaint service (so each has its deadlines, audit trail and
/// notifications). Categories follow what Denpasar residents report most: garbage, street lights,
/// roads, drains, parking.
package struct DemoComplaintSeeder {
    package let app: Application
    package let now: Date

    package init(app: Application, now: Date) {
        self.app = app
        self.now = now
    }
    package var count = 120

    /// Realistic reports per category, as residents write them.
    package static let reports: [(category: String, weight: Int, texts: [String])] = [
        ("LINGK-SAMPAH", 16, ["Sampah rumah tangga menumpuk di pinggir jalan sudah tiga hari belum diangkut, baunya menyengat.",
                              "Truk sampah tidak lewat minggu ini, sampah meluber ke got di depan banjar.",
                              "Garbage piled up next to the temple wall, dogs are spreading it onto the road."]),
        ("LINGK-TPS-LIAR", 10, ["Ada tempat pembuangan sampah liar di lahan kosong dekat sungai, warga dari luar membuang malam hari.",
                                "TPS liar muncul lagi di ujung gang setelah dibersihkan bulan lalu."]),
        ("INFRA-LPJU", 14, ["Lampu penerangan jalan mati sepanjang kurang lebih 200 meter, jalan sangat gelap pada malam hari.",
                            "Lampu jalan di depan sekolah berkedip-kedip dan sering padam.",
                            "Street lights are out along this stretch, it is dangerous for scooters at night."]),
        ("INFRA-JALAN", 14, ["Jalan berlubang cukup dalam di tengah lajur, sudah ada pengendara motor yang jatuh.",
                             "Aspal mengelupas setelah hujan deras, lubang makin besar.",
                             "Deep pothole in the middle of the lane near the market entrance."]),
        ("INFRA-DRAINASE", 10, ["Got tersumbat sampah plastik dan lumpur, air meluap ke jalan setiap hujan.",
                                "Saluran drainase rusak dan tutupnya hilang, berbahaya bagi pejalan kaki."]),
        ("INFRA-TROTOAR", 6, ["Trotoar rusak dan paving terlepas, menyulitkan pejalan kaki dan pengguna kursi roda.",
                              "Trotoar dipakai parkir motor dan berjualan, pejalan kaki terpaksa turun ke jalan."]),
        ("TRANS-PARKIR-LIAR", 8, ["Parkir liar di bahu jalan depan pertokoan menyebabkan kemacetan setiap sore.",
                                  "Juru parkir tanpa karcis resmi meminta tarif lebih di depan minimarket."]),
        ("INFRA-GENANGAN", 6, ["Genangan air setinggi lutut setiap hujan deras, motor banyak yang mogok.",
                               "Flooding at this junction after every heavy rain, water takes hours to drain."]),
        ("AIR-MATI", 6, ["Air PDAM tidak mengalir sejak kemarin pagi di seluruh gang.",
                         "Air keruh dan kecil sekali alirannya sejak dua hari."]),
        ("TIBUM-PKL", 5, ["Pedagang kaki lima berjualan di atas trotoar dan badan jalan sampai malam.",
                          "Lapak PKL menutup akses masuk gang warga."]),
        ("TRANS-RAMBU", 5, ["Rambu lalu lintas roboh tertabrak kendaraan dan belum diganti.",
                            "Marka zebra cross sudah pudar di depan sekolah dasar."]),
    ]

    /// The states the demo shows, and how many of each.
    package static let plan: [(ComplaintStatus, Int)] = [
        (.closed, 46), (.resolved, 10), (.inProgress, 14), (.dispatched, 10), (.submitted, 12),
        (.onHold, 4), (.referred, 4), (.reopened, 4), (.rejected, 8), (.duplicate, 8),
    ]

    package static let names = ["I Made Sudarsana", "Ni Ketut Ariani", "I Wayan Gede Putra", "Ni Komang Ayu", "I Nyoman Suarta",
                        "Ni Putu Yuliani", "Gede Wirawan", "Desak Made Sari", "Anak Agung Ngurah", "Ni Luh Eka", "Kadek Dwi Arsana",
                        "Dewa Ayu Lestari", "Budi Santoso", "Siti Rahmawati", "Emma Clarke"]

    @discardableResult
    package func seed() async throws -> Int {
        guard try await Complaint.query(on: app.db).count() == 0 else { return 0 }
        var random = DemoRandom(seed: 5171)
        let clock = ManualClock(now)
        let service = app.complaintService(on: app.db, now: { clock.now() })
        let staff = try await User.query(on: app.db).filter(\.$isDemo == true).all()
        guard let verifier = staff.first(where: { $0.role == .verifier }) else { return 0 }
        let citizen = staff.first { $0.role == .citizen }
        let officers = Dictionary(staff.filter { $0.role == .officer }.compactMap { u in u.$agency.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        let points = try await Self.desaPoints(on: app.db)
        var states = Self.plan.flatMap { Array(repeating: $0.0, count: $0.1) }
        states.shuffle(using: &random)
        let weighted = Self.reports.flatMap { Array(repeating: $0, count: $0.weight) }
        var openByCategory: [String: String] = [:]
        var made = 0

        for (index, target) in states.prefix(count).enumerated() {
            var report = weighted.randomElement(using: &random)!
            // Each needs an officer of its agency to move past dispatch; the demo has officers for the busiest agencies.
            let category = try await Category.find(report.category, on: app.db)
            if target != .submitted && target != .rejected && target != .duplicate,
               let agency = category?.$agency.id, officers[agency] == nil {
                report = Self.reports[0]
            }
            let place = points[index % points.count]
            let jitter = (Double.random(in: -0.0015...0.0015, using: &random), Double.random(in: -0.0015...0.0015, using: &random))
            var point = GeoPoint(latitude: place.latitude + jitter.0, longitude: place.longitude + jitter.1)
            if try await app.areaDirectory.locate(point, on: app.db) == nil { point = place }
            // Older complaints are further along; new reports are recent.
            let ageDays: Double = switch target {
            case .submitted: Double.random(in: 0.1...2, using: &random)
            case .dispatched: Double.random(in: 1...4, using: &random)
            case .inProgress, .onHold, .referred: Double.random(in: 3...20, using: &random)
            case .resolved: Double.random(in: 3...12, using: &random)
            default: Double.random(in: 15...90, using: &random)
            }
            var at = workingHour(now.addingTimeInterval(-ageDays * 86400), &random)
            clock.set(at)
            let visibility: ComplaintVisibility = index % 9 == 0 ? .anonymous : (index % 17 == 0 ? .confidential : .public)
            let byCitizen = index % 6 == 0 ? citizen : nil
            let name = Self.names.randomElement(using: &random)!
            var new = try NewComplaint(category: report.category, description: report.texts.randomElement(using: &random)!,
                                       lat: point.latitude, lon: point.longitude, address: nil, visibility: visibility.rawValue,
                                       reporterName: byCitizen == nil ? name : nil,
                                       reporterEmail: byCitizen == nil ? name.lowercased().replacingOccurrences(of: " ", with: ".") + "@contoh.id" : nil,
                                       reporterPhone: nil, signedIn: byCitizen != nil)
            new.attributes = Self.answers(to: app.serviceAttributes[report.category] ?? [], at: at, &random)
            let complaint = try await service.submit(new, photos: [], user: byCitizen, idempotencyKey: "demo-\(index)").complaint
            made += 1
            let accessKey = complaint.reporterUserID == nil ? service.accessKeys.key(for: complaint.id!) : nil
            let reporter = byCitizen

            func step(_ request: TransitionRequest, by user: User?, hours: ClosedRange<Double>) async throws {
                at = min(at.addingTimeInterval(Double.random(in: hours, using: &random) * 3600), now.addingTimeInterval(-60))
                clock.set(at)
                _ = try await service.transition(ticket: complaint.ticket, request, user: user, accessKey: user == nil ? accessKey : nil)
            }
            let officer = officers[complaint.agencyCode ?? ""]
            switch target {
            case .submitted:
                openByCategory[report.category] = complaint.ticket
                continue
            case .rejected:
                try await step(TransitionRequest(to: .rejected, reason: "Lokasi berada di jalan nasional/provinsi, bukan kewenangan Pemerintah Kota Denpasar; diteruskan melalui SP4N-LAPOR!."),
                               by: verifier, hours: 2...20)
                continue
            case .duplicate:
                if let original = openByCategory[report.category] {
                    try await step(TransitionRequest(to: .duplicate, duplicateOf: original), by: verifier, hours: 1...10)
                } else {
                    try await step(TransitionRequest(to: .rejected, reason: "Laporan kurang lengkap: mohon sertakan lokasi dan foto yang jelas."),
                                   by: verifier, hours: 2...20)
                }
                continue
            default:
                break
            }
            try await step(TransitionRequest(to: .dispatched, note: "Laporan terverifikasi dan diteruskan ke OPD terkait."), by: verifier, hours: 1...20)
            if target == .dispatched { openByCategory[report.category] = complaint.ticket; continue }
            if target == .referred {
                try await step(TransitionRequest(to: .referred, reason: "Lokasi merupakan aset desa adat; mohon diteruskan ke kelurahan/desa setempat."),
                               by: officer, hours: 2...30)
                continue
            }
            try await step(TransitionRequest(to: .inProgress, note: "Laporan diterima, tim akan meninjau lokasi."), by: officer, hours: 1...30)
            if target == .inProgress { openByCategory[report.category] = complaint.ticket; continue }
            if target == .onHold {
                try await step(TransitionRequest(to: .onHold, reason: "Menunggu ketersediaan material dan anggaran perubahan."), by: officer, hours: 4...48)
                continue
            }
            try await step(TransitionRequest(to: .resolved, note: ResponseTemplates.resolution(report.category).id), by: officer, hours: 4...80)
            if target == .resolved { continue }
            if target == .reopened {
                try await step(TransitionRequest(to: .reopened, reason: "Masih belum tuntas, kondisi di lokasi belum berubah."), by: reporter, hours: 2...48)
                continue
            }
            try await step(TransitionRequest(to: .closed), by: reporter, hours: 2...72)
            if index % 3 != 2 {
                _ = try await service.rate(ticket: complaint.ticket, stars: [5, 5, 4, 4, 3, 5, 2][index % 7],
                                           comment: index % 2 == 0 ? "Terima kasih, penanganan cepat." : nil, user: reporter, accessKey: accessKey)
            }
        }
        return made
    }

    /// Plausible answers to a category's extra questions.
    package static func answers(to attributes: [ServiceAttribute], at date: Date, _ random: inout DemoRandom) -> [String: [String]] {
        var answers: [String: [String]] = [:]
        for attribute in attributes where attribute.variable {
            switch attribute.datatype {
            case .singlevaluelist: answers[attribute.code] = [attribute.values.randomElement(using: &random)!.key]
            case .multivaluelist: answers[attribute.code] = Array(attribute.values.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)).map(\.key))
            case .number: answers[attribute.code] = [String(Int.random(in: 1...6, using: &random) * (attribute.code.hasSuffix("_cm") ? 10 : 1))]
            case .datetime: answers[attribute.code] = [WITATimestamp.string(from: date.addingTimeInterval(-3 * 3600))]
            case .string: answers[attribute.code] = [attribute.code == "lajur" ? "Lajur kiri arah utara" : "DPS-\(Int.random(in: 100...999, using: &random))"]
            case .text: answers[attribute.code] = ["Sekitar 10 sepeda motor dan 3 mobil parkir di bahu jalan."]
            }
        }
        return answers
    }

    /// Moves an instant to office hours (08:00–16:00 WITA), as staff act then.
    private func workingHour(_ date: Date, _ random: inout DemoRandom) -> Date {
        var c = Calendar.wita.dateComponents([.year, .month, .day], from: date)
        c.hour = Int.random(in: 8...15, using: &random)
        c.minute = Int.random(in: 0...59, using: &random)
        return min(Calendar.wita.date(from: c) ?? date, now.addingTimeInterval(-3600))
    }

    /// Each desa's centroid, which lies inside it (the area tests check that for every desa).
    /// The centre of every desa and kelurahan, where the demo's and the simulation's reports are made.
    package static func desaPoints(on db: any Database) async throws -> [GeoPoint] {
        try await Area.query(on: db).filter(\.$level == AreaLevel.desa.rawValue).sort(\.$id).all()
            .map { GeoPoint(latitude: $0.centroidLatitude, longitude: $0.centroidLongitude) }
    }
}
