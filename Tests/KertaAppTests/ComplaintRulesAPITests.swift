import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// `yyyy-MM-dd HH:mm` as wall-clock time in Denpasar.
func wita(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = .wita
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

/// A clock a test can move: the one the demo seeder moves through time.
typealias TestClock = ManualClock

@Suite struct ComplaintRulesAPITests {
    /// A report as the JSON API files it (extra questions left unanswered).
    func newComplaint(_ category: String = "INFRA-JALAN", at place: (lat: Double, lon: Double) = Place.puputan) throws -> NewComplaint {
        var complaint = try NewComplaint(category: category, description: "Jalan rusak parah dekat persimpangan", lat: place.lat, lon: place.lon, address: nil,
                         visibility: "public", reporterName: "Kadek", reporterEmail: "kadek@example.id", reporterPhone: nil, signedIn: false)
        complaint.requireAnswers = false
        return complaint
    }

    @Test func aRetriedSubmissionWithTheSameKeyReturnsTheSameTicket() async throws {
        try await withKerta { app in
            let client = Client(app: app)
            let first = try #require(try await client.report(idempotencyKey: "draft-7f3a"))
            let again = try #require(try await client.report(idempotencyKey: "draft-7f3a", expect: .ok))
            #expect(again.ticket == first.ticket)
            #expect(again.accessKey == first.accessKey)
            let other = try #require(try await client.report(idempotencyKey: "draft-other"))
            #expect(other.ticket != first.ticket)
            #expect(try await Complaint.query(on: app.db).count() == 2)
        }
    }

    @Test func aPointOutsideTheCityIsRefusedNamingTheLocation() async throws {
        try await withKerta { app in
            try await app.testing().test(.POST, "api/v1/complaints", headers: ["Accept-Language": "en"], beforeRequest: { req in
                try req.content.encode(["category": "INFRA-JALAN", "description": "Pothole on Jalan Legian near the beach",
                                        "lat": "\(Place.kuta.lat)", "lon": "\(Place.kuta.lon)"])
            }) { res in
                // Coordinates sent as strings are a client mistake of type, named as such.
                #expect(res.status == .badRequest)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.map(\.field) == ["lat"])
            }
            let client = Client(app: app)
            _ = try await client.report(at: Place.kuta, expect: .unprocessableEntity)
            try await app.testing().test(.POST, "api/v1/complaints", headers: ["Accept-Language": "en-US"], beforeRequest: { req in
                try req.content.encode(ComplaintSubmissionInput(category: "INFRA-JALAN", description: "Pothole on Jalan Legian near the beach",
                                                                lat: Place.kuta.lat, lon: Place.kuta.lon, address: nil, visibility: nil,
                                                                reporter: .init(name: "Tourist", email: nil, phone: nil), attributes: nil, photos: nil))
            }) { res in
                #expect(res.status == .unprocessableEntity)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.first?.field == "lat")
                #expect(body.error.message.contains("outside Kota Denpasar"))
            }
            #expect(try await Complaint.query(on: app.db).count() == 0)
        }
    }

    @Test func badInputIsExplainedPerFieldInTheReadersLanguage() async throws {
        try await withKerta { app in
            for (language, word) in [("id", "wajib"), ("en", "required")] {
                try await app.testing().test(.POST, "api/v1/complaints", headers: ["Accept-Language": language], beforeRequest: { req in
                    try req.content.encode(["description": "pendek"])
                }) { res in
                    #expect(res.status == .unprocessableEntity)
                    let body = try res.content.decode(ErrorBody.self)
                    #expect(body.error.fields.map(\.field) == ["category", "description", "lat", "lon", "reporter.name"])
                    #expect(body.error.fields[0].message.contains(word))
                }
            }
            try await app.testing().test(.POST, "api/v1/complaints", headers: ["Content-Type": "application/json"], beforeRequest: { req in
                req.body = ByteBuffer(string: "{\"category\": ")
            }) { res in
                #expect(res.status == .badRequest)
            }
            try await app.testing().test(.GET, "api/v1/complaints?status=lost&bbox=1,2&page=0") { res in
                #expect(res.status == .badRequest)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.map(\.field) == ["status", "bbox"])
            }
        }
    }

    @Test func deadlinesAreCountedInWorkingDaysAcrossNyepiAndEid() async throws {
        try await withKerta { app in
            let clock = TestClock(wita("2026-03-17 10:00"))
            let service = app.complaintService(on: app.db, now: { clock.now() })
            let submitted = try await service.submit(try newComplaint("INFRA-GENANGAN"), photos: [], user: nil, idempotencyKey: nil)
            // Tawur Kesanga, Nyepi, Ngembak Geni, Eid al-Fitr and its joint leave: offices reopen on the 25th.
            #expect(submitted.complaint.dueAt == wita("2026-03-27 10:00"))
            #expect(submitted.complaint.ticket == "PRO-2026-000001")
            let verifier = try await makeUser(app, .verifier, nil)
            clock.set(wita("2026-03-25 09:00"))
            _ = try await service.transition(ticket: submitted.complaint.ticket, TransitionRequest(to: .dispatched), user: verifier, accessKey: nil)
            let dispatched = try #require(try await Complaint.find(submitted.complaint.id, on: app.db))
            // First response within 5 working days; "high" priority resolution within 2.
            #expect(dispatched.dueAt == wita("2026-04-01 09:00"))
            #expect(dispatched.resolutionDueAt == wita("2026-03-27 09:00"))
        }
    }

    @Test func theOverdueJobEscalatesEachLateStageOnceAndClosesUnansweredResolutions() async throws {
        try await withKerta(demo: true) { app in
            let clock = TestClock(wita("2026-11-02 08:00"))
            let service = app.complaintService(on: app.db, now: { clock.now() })
            let late = try await service.submit(try newComplaint(), photos: [], user: nil, idempotencyKey: nil).complaint
            let fresh = try await service.submit(try newComplaint("LINGK-SAMPAH", at: Place.sanur), photos: [], user: nil, idempotencyKey: nil).complaint
            let pupr = try #require(try await User.query(on: app.db).filter(\.$email == "petugas.pupr@kerta.example").first())
            let verifier = try #require(try await User.query(on: app.db).filter(\.$email == "verifikator@kerta.example").first())

            // The fresh one is verified in time; the late one waits past its 3 working days, which end on
            // Friday 6 November 08:00 because Pagerwesi (Wednesday 4 November) is a day off in Bali.
            _ = try await service.transition(ticket: fresh.ticket, TransitionRequest(to: .dispatched), user: verifier, accessKey: nil)
            clock.set(wita("2026-11-06 07:59"))
            #expect(try await DeadlineJob(service: service).run() == DeadlineJob.Report(escalated: 0, closed: 0))
            clock.set(wita("2026-11-06 08:01"))
            let job = DeadlineJob(service: service)
            #expect(try await job.run() == DeadlineJob.Report(escalated: 1, closed: 0))
            #expect(try await job.run() == DeadlineJob.Report(escalated: 0, closed: 0))
            let escalated = try #require(try await Complaint.find(late.id, on: app.db))
            #expect(escalated.overdueAt != nil)
            let toSupervisors = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "pimpinan@kerta.example").all()
            #expect(toSupervisors.count == 1 && toSupervisors[0].complaintTicket == late.ticket)
            let history = try await AuditEntry.query(on: app.db).filter(\.$subjectID == late.id!).sort(\.$position).all()
            #expect(history.last?.action == "escalated")

            // A new stage has its own clock and its own single escalation.
            _ = try await service.transition(ticket: late.ticket, TransitionRequest(to: .dispatched), user: verifier, accessKey: nil)
            _ = try await service.transition(ticket: late.ticket, TransitionRequest(to: .inProgress), user: pupr, accessKey: nil)
            _ = try await service.transition(ticket: late.ticket, TransitionRequest(to: .resolved, note: "Sudah ditambal"), user: pupr, accessKey: nil)
            // Resolved on Friday 6 November 08:01; ten working days later (Friday 20 November) it closes by itself.
            clock.set(wita("2026-11-20 08:00"))
            #expect(try await job.run() == DeadlineJob.Report(escalated: 1, closed: 0)) // only the fresh one, still with DLHK
            clock.set(wita("2026-11-20 08:02"))
            #expect(try await job.run() == DeadlineJob.Report(escalated: 0, closed: 1))
            let closed = try #require(try await Complaint.find(late.id, on: app.db))
            #expect(closed.status == .closed)
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
        }
    }

    @Test func nearbyFindsOpenComplaintsOfTheCategoryWithin250Metres() async throws {
        try await withKerta { app in
            let client = Client(app: app)
            let here = try #require(try await client.report()).ticket
            let close = try #require(try await client.report(at: Place.nearPuputan)).ticket
            _ = try await client.report(at: (lat: -8.6600, lon: 115.2166))          // ~255 m south: outside
            _ = try await client.report(category: "LINGK-SAMPAH", description: "Sampah menumpuk di sudut lapangan")
            _ = try await client.report(at: Place.sanur)
            _ = try await client.report(at: (lat: -8.6578, lon: 115.2167), visibility: "confidential")
            let found = try #require(try await client.get("api/v1/complaints/nearby?lat=-8.6577&lon=115.2170&category=INFRA-JALAN",
                                                          as: [NearbyComplaint].self))
            #expect(found.map(\.ticket) == [close, here])
            #expect(found[0].distanceMeters < found[1].distanceMeters && found[1].distanceMeters <= 250)
            _ = try await client.get("api/v1/complaints/nearby?lat=-8.6577&lon=115.2170", as: [NearbyComplaint].self, expect: .badRequest)
        }
    }

    @Test func photosAreCheckedByContentAndStrippedOfTheirGPSPosition() async throws {
        try await withKerta { app in
            let gps = Array("GPSLatitude-8.6577".utf8)
            let jpeg = jpegWithExif(gps)
            var created: ComplaintCreated?
            try await app.testing().test(.POST, "api/v1/complaints", headers: multipartHeaders, beforeRequest: { req in
                req.body = multipartBody(fields: reportFields, files: [("photos[]", "IMG_2041.jpg", jpeg)])
            }) { res in
                #expect(res.status == .created, "\(res.body.string)")
                created = try res.content.decode(ComplaintCreated.self)
            }
            let ticket = try #require(created?.ticket)
            let view = try #require(try await Client(app: app).show(ticket))
            #expect(view.photos.count == 1)
            try await app.testing().test(.GET, String(view.photos[0].dropFirst())) { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description == "image/jpeg")
                let bytes = Array(res.body.readableBytesView)
                #expect(bytes.starts(with: [0xFF, 0xD8]))
                #expect(!Data(bytes).contains(Data(gps)))
                #expect(!Data(bytes).contains(Data("Exif".utf8)))
            }
            // A page renamed to .jpg is refused, and nothing is stored.
            try await app.testing().test(.POST, "api/v1/complaints", headers: multipartHeaders, beforeRequest: { req in
                req.body = multipartBody(fields: reportFields, files: [("photos[]", "foto.jpg", Array("<html>not a photo</html>".utf8))])
            }) { res in
                #expect(res.status == .unprocessableEntity)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.map(\.field) == ["photos[0]"])
            }
            #expect(try await Complaint.query(on: app.db).count() == 1)
        }
    }

    @Test func auditVerificationNamesAnEditedOrRemovedEntry() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let verifier = try await client.token("verifikator@kerta.example")
            let ticket = try #require(try await client.report()).ticket
            try await client.move(ticket, to: "rejected", token: verifier, reason: "Bukan jalan kota")
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE audit_entries SET note = 'Sudah diperbaiki' WHERE position = 2").run()
            let broken = try #require(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db))
            #expect(broken.subject == "complaint \(ticket)")
            #expect(broken.failure.position == 2)
            #expect(broken.failure.problem.contains("altered"))
            try await sql.raw("UPDATE audit_entries SET note = 'Bukan jalan kota' WHERE position = 2").run()
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db) == nil)
            try await sql.raw("DELETE FROM audit_entries WHERE position = 2").run()
            #expect(try await AuditVerifier.verify(KertaAuditSubjects.all, on: app.db)?.subject == "complaint \(ticket)")
        }
    }

    @Test func aMailServerThatIsDownDelaysMessagesAndNeverLosesThem() async throws {
        try await withKerta { app in
            let transport = FakeMailTransport()
            app.mailTransport = transport
            _ = try await Client(app: app).report()
            let clock = TestClock(Date())
            transport.failing = true
            let sender = app.outboxSender(now: { clock.now() })
            #expect(try await sender.run() == OutboxSender.Report(sent: 0, failed: 1))
            #expect(try await sender.run() == OutboxSender.Report(sent: 0, failed: 0)) // waits before retrying
            transport.failing = false
            clock.advance(by: 61)
            #expect(try await sender.run() == OutboxSender.Report(sent: 1, failed: 0))
            #expect(transport.sent.map(\.to) == ["sari@example.id"])
            #expect(try await sender.run() == OutboxSender.Report(sent: 0, failed: 0))
        }
    }

    @Test func signInAnswers401AndSlowsDownRepeatedGuessing() async throws {
        try await withKerta(demo: true) { app in
            for attempt in 1...6 {
                try await app.testing().test(.POST, "api/v1/auth/token", beforeRequest: { req in
                    try req.content.encode(["email": "admin@kerta.example", "password": "tebak-\(attempt)"])
                }) { res in
                    #expect(res.status == (attempt <= 5 ? .unauthorized : .tooManyRequests))
                    if attempt == 6 { #expect(res.headers.first(name: .retryAfter) != nil) }
                }
            }
            // Even the right password waits until the window passes.
            try await app.testing().test(.POST, "api/v1/auth/token", beforeRequest: { req in
                try req.content.encode(["email": "admin@kerta.example", "password": DemoAccount.password])
            }) { res in #expect(res.status == .tooManyRequests) }
            try await app.testing().test(.GET, "api/v1/complaints", headers: ["Authorization": "Bearer not-a-token"]) { res in
                #expect(res.status == .ok) // an unknown token is simply a visitor
            }
        }
    }

    @Test func performanceIsPublicPerAgency() async throws {
        try await withKerta(demo: true) { app in
            let client = Client(app: app)
            let p = try await client.people()
            let ticket = try #require(try await client.report()).ticket
            try await client.move(ticket, to: "dispatched", token: p.verifier)
            try await client.move(ticket, to: "in_progress", token: p.pupr)
            try await client.move(ticket, to: "resolved", token: p.pupr, note: "Selesai diperbaiki")
            let report = try #require(try await client.get("api/v1/agencies/performance", as: PerformanceReport.self))
            let pupr = try #require(report.agencies.first { $0.agency == "PUPR" })
            #expect(pupr.received >= 1 && pupr.resolved >= 1)
            #expect(pupr.percentWithinDeadline != nil)
            #expect(report.minimumClosedForRanking == 10)
            _ = try await client.get("api/v1/agencies/performance?from=2026-12-01&to=2026-11-01", as: PerformanceReport.self, expect: .badRequest)
        }
    }

    private func makeUser(_ app: Application, _ role: Role, _ agency: String?) async throws -> User {
        try await AccountService(db: app.db, hasher: app.password.sync)
            .create(NewAccount(email: "\(role.rawValue)@test.example", password: "rahasia-panjang", role: role.rawValue, agency: agency, name: nil))
    }
}

final class FakeMailTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var _sent: [MailMessage] = []
    private var _failing = false
    var sent: [MailMessage] { lock.withLock { _sent } }
    var failing: Bool {
        get { lock.withLock { _failing } }
        set { lock.withLock { _failing = newValue } }
    }

    func send(_ message: MailMessage) async throws {
        struct Down: Error {}
        if failing { throw Down() }
        lock.withLock { _sent.append(message) }
    }
}

let reportFields = ["category": "INFRA-JALAN", "description": "Jalan berlubang di depan lapangan Puputan", "lat": "-8.6577",
                    "lon": "115.2166", "reporter[name]": "Ni Luh"]
let multipartBoundary = "kerta-test-boundary"
let multipartHeaders: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(multipartBoundary)"]

func multipartBody(fields: [String: String], files: [(String, String, [UInt8])]) -> ByteBuffer {
    var buffer = ByteBuffer()
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
        buffer.writeString("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }
    for (name, filename, bytes) in files {
        buffer.writeString("--\(multipartBoundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: image/jpeg\r\n\r\n")
        buffer.writeBytes(bytes)
        buffer.writeString("\r\n")
    }
    buffer.writeString("--\(multipartBoundary)--\r\n")
    return buffer
}

/// A minimal JPEG whose EXIF block carries the given bytes.
func jpegWithExif(_ payload: [UInt8]) -> [UInt8] {
    func segment(_ marker: UInt8, _ data: [UInt8]) -> [UInt8] {
        let length = data.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + data
    }
    return [0xFF, 0xD8] + segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        + segment(0xE1, Array("Exif\0\0".utf8) + payload) + segment(0xDB, [0] + Array(repeating: 1, count: 64))
        + segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0x56] + [0xFF, 0xD9]
}
