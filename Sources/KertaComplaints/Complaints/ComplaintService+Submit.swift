import Fluent
import Foundation
import KertaCore
import SQLKit
import KertaPlatform

extension ComplaintService {
    package struct Submission {
        package let complaint: Complaint
        /// For a reporter who is not signed in: the key to follow, confirm and rate with.
        package let accessKey: String?
        /// True when an earlier submission with the same `Idempotency-Key` is returned instead of a new one.
        package let replayed: Bool
        package let possibleDuplicates: [NearbyComplaint]
    }

    /// Files a new complaint: routes it by place and category, gives it a ticket and its verification
    /// deadline, stores cleaned photos, and records and announces it — all in one transaction.
    package func submit(_ new: NewComplaint, photos: [[UInt8]], user: User?, idempotencyKey: String?) async throws -> Submission {
        let scopedKey = try idempotencyKey.map { key -> String in
            let trimmed = key.trimmingCharacters(in: .whitespaces)
            guard (1...200).contains(trimmed.count) else {
                throw DomainError.input(field: "Idempotency-Key", id: "Idempotency-Key harus 1–200 karakter",
                                        en: "Idempotency-Key must have 1 to 200 characters", kind: .malformed)
            }
            return "\(user?.id?.uuidString.lowercased() ?? "anonymous"):\(trimmed)"
        }
        if let scopedKey, let earlier = try await earlierSubmission(scopedKey) {
            return replay(earlier)
        }

        // Everything that can be refused is checked before anything is written.
        var problems = ProblemList()
        let catalog = try await caches.catalog(on: db)
        let category = catalog.categories[new.categoryCode]
        if category == nil || category?.active == false {
            problems.add("category", id: "kategori \(new.categoryCode) tidak dikenal", en: "there is no category \(new.categoryCode)")
        }
        let location = try await areas.locate(new.point, on: db)
        if location == nil {
            problems.add("lat", id: "lokasi berada di luar \(cityName); Kerta hanya melayani tempat di dalam kota",
                         en: "the location is outside \(cityName); Kerta serves only places within the city")
        }
        if user == nil && new.reporter?.name.isEmpty != false {
            problems.add("reporter.name", id: "nama pelapor wajib diisi (atau masuk terlebih dahulu)",
                         en: "reporter.name is required (or sign in first)")
        }
        var answers: [String: [String]] = [:]
        if let category, let code = category.id {
            do {
                answers = try ServiceAttribute.validate(new.attributes, against: serviceAttributes[code] ?? [],
                                                      enforceRequired: new.requireAnswers)
            } catch let failure as ValidationFailure {
                for problem in failure.problems { problems.add(problem.field, id: problem.text.id, en: problem.text.en) }
            }
        }
        let cleanedPhotos = clean(photos, into: &problems)
        try problems.check()
        let attributeAnswers = answers
        guard let category, let location else { preconditionFailure("checked above") }

        let agencyCode = try await routeAgency(category: category, kecamatan: location.kecamatan.code)
        // The number is taken in a statement of its own: its row is the one every submission writes, and
        // holding its lock through the whole transaction made submissions queue behind each other. A
        // submission that fails after this leaves a gap in the numbers, never a duplicate.
        let submittedAt = currentInstant()
        let ticket = try await Self.nextTicket(year: TicketNumber.year(of: submittedAt), on: db)
        let deadlines = try await deadlines()
        let possibleDuplicates = try await nearby(new.point, category: category.requireID(), viewer: .anonymousVisitor)

        do {
            let complaint = try await recorder.record { tx, change -> Complaint in
                let complaint = Complaint()
                complaint.id = UUID()
                complaint.ticket = ticket.description
                complaint.idempotencyKey = scopedKey
                complaint.categoryCode = try category.requireID()
                complaint.text = new.description
                complaint.latitude = new.point.latitude
                complaint.longitude = new.point.longitude
                complaint.gridCell = GridCell.of(new.point)
                complaint.address = new.address
                if !attributeAnswers.isEmpty, let json = try? JSONEncoder.sortedKeys.encode(attributeAnswers) {
                    complaint.attributesJSON = String(decoding: json, as: UTF8.self)
                }
                complaint.desaCode = location.desa.code
                complaint.desaName = location.desa.name
                complaint.kecamatanCode = location.kecamatan.code
                complaint.kecamatanName = location.kecamatan.name
                complaint.visibility = new.visibility
                complaint.reporterUserID = user?.id
                let givenName = new.reporter?.name ?? ""
                complaint.reporterName = givenName.isEmpty ? (user?.name ?? "") : givenName
                complaint.reporterEmail = new.reporter?.email
                complaint.reporterPhone = new.reporter?.phone ?? user?.phone
                complaint.status = ComplaintStatus.submitted
                // The category's agency is proposed at once, so the resident sees who will handle it; the
                // verifier confirms or changes it on dispatch.
                complaint.agencyCode = agencyCode
                complaint.priority = category.priority
                complaint.reopenCount = 0
                complaint.submittedAt = submittedAt
                complaint.dueAt = deadlines.verificationDue(from: submittedAt)
                complaint.updatedAt = submittedAt
                complaint.auditHead = AuditRecord.genesisHash
                complaint.auditCount = 0
                let actor = AuditActor(user: user, fallbackName: complaint.reporterName, isReporter: true)
                change.audit(.submitted, of: complaint, by: actor, to: .submitted,
                             data: ["category": complaint.categoryCode, "agency": agencyCode,
                                    "visibility": complaint.visibility.rawValue, "desa": location.desa.code,
                                    "photos": String(cleanedPhotos.count)],
                             at: submittedAt)
                // A plain row, not Fluent's `create`: its reflection over forty fields was a fifth of a submission.
                try await (tx as! any SQLDatabase).insertRow(into: Complaint.schema, columns: Complaint.quotedColumnNames,
                                                            values: complaint.columnValues)
                complaint.$id.exists = true
                for (index, photo) in cleanedPhotos.enumerated() {
                    try await ComplaintPhoto(complaintID: complaint.id!, kind: "report", position: index + 1,
                                             contentType: photo.format.contentType, bytes: Data(photo.bytes),
                                             createdAt: submittedAt).create(on: tx)
                }
                try await notifier(tx, change).statusChanged(complaint, to: .submitted, note: nil, at: submittedAt, mayHaveFollowers: false)
                change.announce(.submitted, of: complaint, at: submittedAt)
                return complaint
            }
            return Submission(complaint: complaint, accessKey: complaint.reporterUserID == nil ? accessKeys.key(for: complaint.id!) : nil,
                              replayed: false, possibleDuplicates: possibleDuplicates)
        } catch {
            // Two retries racing with the same key: the loser finds the winner's complaint.
            if let scopedKey, let earlier = try await earlierSubmission(scopedKey) {
                return replay(earlier)
            }
            throw error
        }
    }

    /// The complaint an earlier submission with this key made. Nearly every submission has none: asking for its
    /// id alone spares the full model's reflection, which Fluent does even when no row comes back.
    private func earlierSubmission(_ scopedKey: String) async throws -> Complaint? {
        guard try await (db as! any SQLDatabase).raw("SELECT \"id\" FROM \"complaints\" WHERE \"idempotency_key\" = \(bind: scopedKey) LIMIT 1")
            .first() != nil else { return nil }
        return try await Complaint.query(on: db).filter(\.$idempotencyKey == scopedKey).first()
    }

    private func replay(_ complaint: Complaint) -> Submission {
        Submission(complaint: complaint, accessKey: complaint.reporterUserID == nil ? accessKeys.key(for: complaint.id!) : nil,
                   replayed: true, possibleDuplicates: [])
    }

    /// The agency a category's complaints in this kecamatan go to: an admin's override, else the category's.
    package func routeAgency(category: Category, kecamatan: String) async throws -> String {
        try await caches.catalog(on: db).override(category: category.requireID(), kecamatan: kecamatan) ?? category.$agency.id
    }

    /// Checks and strips each photo; problems name the photo by its place in the list.
    package func clean(_ photos: [[UInt8]], into problems: inout ProblemList) -> [(bytes: [UInt8], format: ImageFormat)] {
        if photos.count > NewComplaint.maximumPhotos {
            problems.add("photos", id: "maksimal \(NewComplaint.maximumPhotos) foto", en: "at most \(NewComplaint.maximumPhotos) photos")
            return []
        }
        var cleaned: [(bytes: [UInt8], format: ImageFormat)] = []
        let limitMB = maximumPhotoBytes / (1024 * 1024)
        for (index, photo) in photos.enumerated() {
            let field = "photos[\(index)]"
            guard photo.count <= maximumPhotoBytes else {
                problems.add(field, id: "foto lebih besar dari \(limitMB) MB", en: "the photo is larger than \(limitMB) MB")
                continue
            }
            do {
                cleaned.append(try ImageSanitizer.sanitize(photo))
            } catch ImageSanitizer.Failure.unsupportedFormat {
                problems.add(field, id: "hanya foto JPEG, PNG atau WebP yang diterima", en: "only JPEG, PNG or WebP photos are accepted")
            } catch {
                problems.add(field, id: "berkas foto rusak atau tidak lengkap", en: "the photo file is damaged or incomplete")
            }
        }
        return cleaned
    }

    /// The next ticket of the year, counted by the database in one statement, so
    /// several servers never hand out the same number.
    package static func nextTicket(year: Int, on db: any Database) async throws -> TicketNumber {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            INSERT INTO ticket_counters (year, last) VALUES (\(bind: year), 1)
            ON CONFLICT (year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last
            """).first() else {
            throw DomainError(.fault, code: "ticket_counter", id: "the ticket counter could not be advanced", en: "the ticket counter could not be advanced")
        }
        return TicketNumber(year: year, sequence: try row.decode(column: "last", as: Int.self))
    }
}
