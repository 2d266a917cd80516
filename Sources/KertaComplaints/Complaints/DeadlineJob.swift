import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// The periodic pass over the clocks: marks complaints whose stage deadline passed and escalates each
/// to the supervisors once per stage; closes resolved complaints whose reporter did not answer within
/// the dispute window. Safe to run on several servers at once: each complaint is re-checked under its
/// row lock before it is touched.
package struct DeadlineJob {
    package struct Report: Equatable, CustomStringConvertible {
        package var escalated = 0
        package var closed = 0

        package init(escalated: Int = 0, closed: Int = 0) {
            self.escalated = escalated
            self.closed = closed
        }
        package var description: String { "\(escalated) escalated, \(closed) closed after the dispute window" }
    }

    package let service: ComplaintService

    /// Bounded work per run, so one pass never holds the database for long; the next run continues.
    package var batchSize = 500

    package init(service: ComplaintService, batchSize: Int = 500) {
        self.service = service
        self.batchSize = batchSize
    }

    package func run() async throws -> Report {
        var report = Report()
        let now = service.currentInstant()
        let workflow = try await service.workflow()
        let deadlines = try await service.deadlines()
        let openStatuses = ComplaintStatus.allCases.filter(\.isOpen)

        let overdue = try await Complaint.query(on: service.db)
            .filter(\.$status ~~ openStatuses).filter(\.$dueAt < now).filter(\.$overdueAt == nil)
            .sort(\.$dueAt).limit(batchSize).all()
        for candidate in overdue {
            let escalated = try await service.recorder.record { tx, change -> Bool in
                try await ComplaintService.lock(candidate.requireID(), on: tx)
                guard let complaint = try await Complaint.find(candidate.id, on: tx), complaint.status.isOpen,
                      complaint.overdueAt == nil, let due = complaint.dueAt, due < now else { return false }
                complaint.overdueAt = now
                complaint.updatedAt = now
                change.audit(.escalated, of: complaint, by: .system, note: "Melewati batas waktu / overdue",
                             data: ["stage": complaint.status.rawValue, "due_at": WITATimestamp.string(from: due)], at: now)
                try await complaint.update(on: tx)
                change.announce(.overdue(stage: complaint.status), of: complaint, at: now)
                try await service.notifier(tx, change).escalated(complaint, stage: complaint.status, dueAt: due, at: now)
                return true
            }
            if escalated { report.escalated += 1 }
        }

        let unanswered = try await Complaint.query(on: service.db)
            .filter(\.$status == ComplaintStatus.resolved).filter(\.$dueAt < now)
            .sort(\.$dueAt).limit(batchSize).all()
        for candidate in unanswered {
            let closed = try await service.recorder.record { tx, change -> Bool in
                try await ComplaintService.lock(candidate.requireID(), on: tx)
                guard let complaint = try await Complaint.find(candidate.id, on: tx), complaint.status == .resolved,
                      let due = complaint.dueAt, due < now else { return false }
                try await service.apply(TransitionRequest(to: .closed, note: "Ditutup otomatis: tidak ada tanggapan pelapor dalam \(ComplaintWorkflow.disputeWindowWorkingDays) hari kerja. / Closed automatically: no reply from the reporter within \(ComplaintWorkflow.disputeWindowWorkingDays) working days."),
                                        to: complaint, actor: .system, auditActor: .system, workflow: workflow, deadlines: deadlines, on: tx, change: change)
                return true
            }
            if closed { report.closed += 1 }
        }
        return report
    }
}
