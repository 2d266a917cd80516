import Fluent
import Foundation
import KertaCore
import KertaPlatform
import Vapor

/// Denpasar's complaints as they come and go, through the real complaint service: residents report at the
/// city's daily rhythm (a morning peak, more drains and floods on a rainy afternoon, quiet nights),
/// verifiers dispatch or reject, the agencies' officers start and resolve, and now and then a burst of one
/// kind of report from one desa (a burst main, a flooded street) that the spike rule should catch.
package struct ComplaintSimulator: CitySimulator {
    package let name = "complaints"
    package let app: Application
    package let clock: ManualClock
    /// Reports per hour at an ordinary daytime hour.
    package let baseRate: Double
    private let random: LockedRandom
    /// The desa centres, read once: the city's boundaries do not move between simulated minutes.
    private let places = PlaceCache()

    package init(app: Application, clock: ManualClock, baseRate: Double = 12, seed: UInt64 = 8_0232) {
        self.app = app
        self.clock = clock
        self.baseRate = baseRate
        random = LockedRandom(seed: seed)
    }

    /// How busy each WITA hour is, relative to an ordinary daytime hour.
    package static let hourly: [Double] = [0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.5, 1.6, 1.4, 1.1, 1.0,
                                           0.9, 1.0, 1.2, 1.3, 1.3, 1.1, 0.9, 0.8, 0.6, 0.4, 0.3, 0.2]
    /// The afternoon rains of the wet season bring reports of drains and floods.
    static let rainyCategories: Set<String> = ["INFRA-DRAINASE", "INFRA-GENANGAN"]

    package func advance(from start: Date, to end: Date) async throws -> Int {
        let service = app.complaintService(on: app.db, now: { [clock] in clock.now() })
        let hour = Calendar.wita.component(.hour, from: start)
        let rainy = (14...17).contains(hour)
        let expected = baseRate * Self.hourly[hour] * end.timeIntervalSince(start) / 3600
        var times = (0..<random.poisson(expected)).map { _ in start.addingTimeInterval(random.uniform(0..<end.timeIntervalSince(start))) }
        var done = 0
        let points = try await places.points(on: app.db)
        guard !points.isEmpty else { return 0 }
        let weighted = DemoComplaintSeeder.reports.flatMap { report in
            Array(repeating: report, count: report.weight * (rainy && Self.rainyCategories.contains(report.category) ? 4 : 1))
        }
        // Now and then a spike: five reports of one kind from one desa within minutes.
        var spike: (report: (category: String, weight: Int, texts: [String]), place: GeoPoint)? = nil
        if random.uniform(0..<1) < 0.04 * end.timeIntervalSince(start) / 3600 * (rainy ? 3 : 1) {
            spike = (DemoComplaintSeeder.reports.first { $0.category == "INFRA-GENANGAN" } ?? weighted[0], points[random.index(points.count)])
            times += (0..<5).map { start.addingTimeInterval(Double($0) * min(60, end.timeIntervalSince(start) / 6)) }
        }
        var spikeLeft = spike == nil ? 0 : 5
        for at in times.sorted() {
            clock.set(at)
            let report: (category: String, weight: Int, texts: [String])
            var place: GeoPoint
            if spikeLeft > 0, let spike, random.uniform(0..<1) < 0.7 || times.count - done <= spikeLeft {
                report = spike.report
                place = spike.place
                spikeLeft -= 1
            } else {
                report = weighted[random.index(weighted.count)]
                place = points[random.index(points.count)]
            }
            place = GeoPoint(latitude: place.latitude + random.uniform(-0.0012..<0.0012), longitude: place.longitude + random.uniform(-0.0012..<0.0012))
            if try await app.areaDirectory.locate(place, on: app.db) == nil { continue }
            let name = DemoComplaintSeeder.names[random.index(DemoComplaintSeeder.names.count)]
            var new = try NewComplaint(category: report.category, description: report.texts[random.index(report.texts.count)],
                                       lat: place.latitude, lon: place.longitude, address: nil, visibility: "public",
                                       reporterName: name, reporterEmail: nil, reporterPhone: nil, signedIn: false)
            new.attributes = answers(report.category, at: at)
            _ = try await service.submit(new, photos: [], user: nil, idempotencyKey: "sim-\(UUID().uuidString)")
            done += 1
        }
        clock.set(end.addingTimeInterval(-1))
        done += try await work(service, until: end)
        return done
    }

    private func answers(_ category: String, at date: Date) -> [String: [String]] {
        var generator = DemoRandom(seed: UInt64(date.timeIntervalSince1970))
        return DemoComplaintSeeder.answers(to: app.serviceAttributes[category] ?? [], at: date, &generator)
    }

    /// The staff's side: verifiers look at reports some twenty minutes old, officers start within the hour and
    /// resolve within a few; each acts with some probability per step, as people do.
    private func work(_ service: ComplaintService, until now: Date) async throws -> Int {
        let staff = try await User.query(on: app.db).filter(\.$active == true).filter(\.$role ~~ [Role.verifier, .officer]).all()
        guard let verifier = staff.first(where: { $0.role == .verifier }) else { return 0 }
        let officers = Dictionary(staff.filter { $0.role == .officer }.compactMap { u in u.$agency.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        var done = 0
        let waiting = try await Complaint.query(on: app.db).filter(\.$status == .submitted)
            .filter(\.$submittedAt < now.addingTimeInterval(-20 * 60)).sort(\.$submittedAt).limit(20).all()
        for complaint in waiting where random.uniform(0..<1) < 0.35 {
            let reject = random.uniform(0..<1) < 0.08
            let request = reject
                ? TransitionRequest(to: .rejected, reason: "Bukan kewenangan Pemerintah Kota Denpasar; diteruskan melalui SP4N-LAPOR!.")
                : TransitionRequest(to: .dispatched, note: "Laporan terverifikasi dan diteruskan ke OPD terkait.")
            if try await attempt(service, complaint, request, by: verifier) { done += 1 }
        }
        let atAgency = try await Complaint.query(on: app.db).filter(\.$status ~~ [ComplaintStatus.dispatched, .inProgress])
            .filter(\.$updatedAt < now.addingTimeInterval(-45 * 60)).sort(\.$updatedAt).limit(30).all()
        for complaint in atAgency where random.uniform(0..<1) < 0.25 {
            guard let officer = officers[complaint.agencyCode ?? ""] else { continue }
            let request = complaint.status == .dispatched
                ? TransitionRequest(to: .inProgress, note: "Petugas menuju lokasi.")
                : TransitionRequest(to: .resolved, note: "Sudah ditangani oleh petugas lapangan. Terima kasih atas laporannya.")
            if try await attempt(service, complaint, request, by: officer) { done += 1 }
        }
        return done
    }

    /// A move another hand may have made first (a real verifier on the same demo) is skipped, not an error.
    private func attempt(_ service: ComplaintService, _ complaint: Complaint, _ request: TransitionRequest, by user: User) async throws -> Bool {
        do {
            _ = try await service.transition(ticket: complaint.ticket, request, user: user, accessKey: nil)
            return true
        } catch let refusal as DomainError where refusal.kind == .conflict || refusal.kind == .forbidden || refusal.kind == .invalid {
            return false
        }
    }
}

actor PlaceCache {
    private var cached: [GeoPoint]?

    func points(on db: any Database) async throws -> [GeoPoint] {
        if let cached { return cached }
        let points = try await DemoComplaintSeeder.desaPoints(on: db)
        cached = points
        return points
    }
}

/// A seeded generator the simulator can share across its async steps.
final class LockedRandom: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: DemoRandom

    init(seed: UInt64) { generator = DemoRandom(seed: seed) }

    func uniform(_ range: Range<Double>) -> Double { lock.withLock { Double.random(in: range, using: &generator) } }

    func index(_ count: Int) -> Int { lock.withLock { Int.random(in: 0..<count, using: &generator) } }

    /// Knuth's method; `mean` stays small (reports per step).
    func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let limit = exp(-mean)
        var count = 0, product = uniform(0..<1)
        while product > limit && count < 1000 {
            count += 1
            product *= uniform(0..<1)
        }
        return count
    }
}
