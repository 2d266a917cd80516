import Foundation
import KertaCore
import Testing

@Suite struct ComplaintWorkflowTests {
    let workflow = ComplaintWorkflow(calendar: WorkingDayCalendar(nonWorkingDates: []))
    let now = Fixtures.wita("2026-11-23 10:00")
    let verifier = ComplaintActor(role: .verifier, agencyCode: "DISKOMINFOS", isReporter: false)
    let pupr = ComplaintActor(role: .officer, agencyCode: "PUPR", isReporter: false)
    let dlhk = ComplaintActor(role: .officer, agencyCode: "DLHK", isReporter: false)
    let reporter = ComplaintActor(role: .citizen, agencyCode: nil, isReporter: true)
    let stranger = ComplaintActor(role: .citizen, agencyCode: nil, isReporter: false)
    let supervisor = ComplaintActor(role: .supervisor, agencyCode: "INSPEKTORAT", isReporter: false)

    func facts(_ status: ComplaintStatus, resolvedAt: Date? = nil) -> ComplaintFacts {
        ComplaintFacts(status: status, visibility: .public, agencyCode: "PUPR", resolvedAt: resolvedAt)
    }

    @Test func theMovesAreExactlyThoseTheRulesName() {
        let allowed = Set(ComplaintWorkflow.moves.flatMap { from, targets in targets.map { "\(from.rawValue)>\($0.rawValue)" } })
        #expect(allowed == [
            "submitted>dispatched", "submitted>rejected", "submitted>duplicate",
            "referred>dispatched", "referred>rejected",
            "dispatched>in_progress", "dispatched>referred",
            "in_progress>on_hold", "on_hold>in_progress", "in_progress>resolved",
            "resolved>closed", "resolved>reopened", "reopened>in_progress",
        ])
    }

    @Test func everyOtherMoveIsIllegal() {
        for from in ComplaintStatus.allCases {
            for to in ComplaintStatus.allCases where !(ComplaintWorkflow.moves[from] ?? []).contains(to) {
                #expect(throws: WorkflowRefusal.self) {
                    try workflow.check(facts(from), TransitionRequest(to: to, note: "n", agency: "PUPR", duplicateOf: "PRO-2026-000001", reason: "r"),
                                       by: verifier, at: now)
                }
                do {
                    try workflow.check(facts(from), TransitionRequest(to: to, note: "n", reason: "r"), by: verifier, at: now)
                } catch let refusal as WorkflowRefusal {
                    guard case .illegal = refusal else { Issue.record("\(from)>\(to) should be illegal, got \(refusal)"); continue }
                } catch { Issue.record("unexpected \(error)") }
            }
        }
    }

    @Test func onlyVerifiersDispatch() throws {
        try workflow.check(facts(.submitted), TransitionRequest(to: .dispatched), by: verifier, at: now)
        for actor in [pupr, reporter, stranger, supervisor] {
            #expect(throws: WorkflowRefusal.self) { try workflow.check(facts(.submitted), TransitionRequest(to: .dispatched), by: actor, at: now) }
        }
    }

    @Test func onlyTheAssignedAgencyActs() throws {
        try workflow.check(facts(.dispatched), TransitionRequest(to: .inProgress), by: pupr, at: now)
        for actor in [dlhk, verifier, supervisor, reporter] {
            do {
                try workflow.check(facts(.dispatched), TransitionRequest(to: .inProgress), by: actor, at: now)
                Issue.record("\(actor) accepted another agency's complaint")
            } catch let refusal as WorkflowRefusal {
                guard case .forbidden = refusal else { Issue.record("expected forbidden, got \(refusal)"); continue }
            }
        }
    }

    @Test func movesRequireWhatTheyNeed() {
        let cases: [(ComplaintStatus, TransitionRequest, String)] = [
            (.submitted, TransitionRequest(to: .rejected), "reason"),
            (.submitted, TransitionRequest(to: .duplicate), "duplicate_of"),
            (.inProgress, TransitionRequest(to: .resolved, note: "   "), "note"),
            (.dispatched, TransitionRequest(to: .referred), "reason"),
        ]
        for (from, request, field) in cases {
            let actor = from == .submitted ? verifier : pupr
            do {
                try workflow.check(facts(from), request, by: actor, at: now)
                Issue.record("\(from)>\(request.to) was accepted without \(field)")
            } catch WorkflowRefusal.invalid(let failure) {
                #expect(failure.problems.map(\.field) == [field])
                #expect(!failure.problems[0].text.id.isEmpty && failure.problems[0].text.id != failure.problems[0].text.en)
            } catch {
                Issue.record("expected a missing \(field), got \(error)")
            }
        }
    }

    @Test func theReporterMayDisputeOnlyWithinTenWorkingDays() throws {
        let resolved = Fixtures.wita("2026-11-02 09:00") // a Monday
        let request = TransitionRequest(to: .reopened, reason: "still broken")
        try workflow.check(facts(.resolved, resolvedAt: resolved), request, by: reporter, at: Fixtures.wita("2026-11-16 08:59"))
        #expect(throws: WorkflowRefusal.self) {
            try workflow.check(facts(.resolved, resolvedAt: resolved), request, by: reporter, at: Fixtures.wita("2026-11-16 09:00"))
        }
        #expect(throws: WorkflowRefusal.self) {
            try workflow.check(facts(.resolved, resolvedAt: resolved), request, by: stranger, at: Fixtures.wita("2026-11-03 09:00"))
        }
        try workflow.check(facts(.resolved, resolvedAt: resolved), TransitionRequest(to: .closed), by: .system, at: now)
    }

    @Test func availableMovesAreWhatThisPersonMayDo() {
        #expect(workflow.availableMoves(facts(.submitted), for: verifier, at: now) == [.dispatched, .rejected, .duplicate])
        #expect(workflow.availableMoves(facts(.inProgress), for: pupr, at: now) == [.onHold, .resolved])
        #expect(workflow.availableMoves(facts(.inProgress), for: dlhk, at: now).isEmpty)
        #expect(workflow.availableMoves(facts(.resolved, resolvedAt: now), for: reporter, at: now) == [.closed, .reopened])
    }

    /// The forms are built from the same table the check reads: a field a move requires is one its form offers,
    /// and a request without it is refused naming that field, while filling it (or its alternative) passes.
    @Test func whatAMoveRequiresIsWhatItsFormOffers() throws {
        for (move, fields) in ComplaintWorkflow.moveFields {
            guard let requirement = fields.requirement else { continue }
            #expect(fields.offers(requirement.field), "\(move) requires \(requirement.field) but its form does not offer it")
            let bare = TransitionRequest(to: move)
            #expect(fields.problem(with: bare)?.field == requirement.field.rawValue)
            for alternative in requirement.satisfiedBy {
                var filled = bare
                switch alternative {
                case .note: filled.note = "x"
                case .reason: filled.reason = "x"
                case .agency: filled.agency = "PUPR"
                case .duplicateOf: filled.duplicateOf = "PRO-2026-000001"
                }
                #expect(fields.problem(with: filled) == nil)
            }
        }
        #expect(ComplaintWorkflow.fields(for: .dispatched).offers(.agency) && ComplaintWorkflow.fields(for: .dispatched).requirement == nil)
        #expect(throws: WorkflowRefusal.self) {
            try workflow.check(facts(.inProgress), TransitionRequest(to: .resolved), by: pupr, at: now)
        }
    }
}
