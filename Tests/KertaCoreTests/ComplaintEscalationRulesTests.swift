import Foundation
import KertaCore
import Testing

@Suite struct ComplaintEscalationRulesTests {
    let calendar = WorkingDayCalendar(nonWorkingDates: [])
    /// Monday 23 November 2026, 10:00 WITA.
    let now = Fixtures.wita("2026-11-23 10:00")
    let verifier = ComplaintActor(role: .verifier, agencyCode: "DISKOMINFOS", isReporter: false)
    let pupr = ComplaintActor(role: .officer, agencyCode: "PUPR", isReporter: false)
    let dlhk = ComplaintActor(role: .officer, agencyCode: "DLHK", isReporter: false)
    let reporter = ComplaintActor(role: .citizen, agencyCode: nil, isReporter: true)
    let stranger = ComplaintActor(role: .citizen, agencyCode: nil, isReporter: false)
    let operatorOnDuty = ComplaintActor(role: .operator, agencyCode: "DAMAMAYA", isReporter: false)
    let supervisor = ComplaintActor(role: .supervisor, agencyCode: "INSPEKTORAT", isReporter: false)
    let admin = ComplaintActor(role: .admin, agencyCode: nil, isReporter: false)

    func facts(_ status: ComplaintStatus, _ visibility: ComplaintVisibility = .public) -> ComplaintFacts {
        ComplaintFacts(status: status, visibility: visibility, agencyCode: "PUPR")
    }

    func refusal(_ body: () throws -> Void) -> ComplaintActionRefusal? {
        do { try body(); return nil } catch let refusal as ComplaintActionRefusal { return refusal } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    // MARK: Escalation

    @Test func anEscalationNeedsAReasonAndOnlyRaisesToHighOrCritical() throws {
        do {
            _ = try EscalationRequest(reason: "  ", priority: "low")
            Issue.record("accepted an escalation without reason")
        } catch let failure as ValidationFailure {
            #expect(failure.problems.map(\.field) == ["reason", "priority"])
            #expect(failure.problems.allSatisfy { $0.text.id != $0.text.en })
        }
        #expect(throws: ValidationFailure.self) { try EscalationRequest(reason: String(repeating: "x", count: 2001), priority: nil) }
        let request = try EscalationRequest(reason: " Jalan ambles di jalur sekolah ", priority: "HIGH")
        #expect(request.reason == "Jalan ambles di jalur sekolah")
        #expect(request.priority == .high)
        #expect(try EscalationRequest(reason: "x", priority: "").priority == nil)
        #expect(try EscalationRequest(reason: "x", priority: "critical").priority == .critical)
    }

    @Test func onlySupervisorsAndAdminsEscalate() {
        for actor in [verifier, pupr, dlhk, reporter, stranger, operatorOnDuty, ComplaintActor.anonymousVisitor] {
            guard case .forbidden = refusal({ try ComplaintEscalation.check(facts(.inProgress), escalatedStage: nil, by: actor) }) else {
                Issue.record("\(actor) may not escalate")
                continue
            }
        }
        for actor in [supervisor, admin] {
            #expect(refusal { try ComplaintEscalation.check(facts(.inProgress), escalatedStage: nil, by: actor) } == nil)
        }
    }

    @Test func openComplaintsOnlyAndOncePerStage() {
        for status in ComplaintStatus.allCases {
            let answer = refusal { try ComplaintEscalation.check(facts(status), escalatedStage: nil, by: supervisor) }
            if status.isOpen {
                #expect(answer == nil, "\(status) is open")
            } else if case .conflict(let code, _) = answer {
                #expect(code == "not_open")
            } else {
                Issue.record("\(status) should be a conflict, got \(String(describing: answer))")
            }
        }
        guard case .conflict(let code, let text) = refusal({ try ComplaintEscalation.check(facts(.dispatched), escalatedStage: .dispatched, by: supervisor) }) else {
            Issue.record("a second escalation in the same stage")
            return
        }
        #expect(code == "already_escalated")
        #expect(text.id != text.en)
        #expect(refusal { try ComplaintEscalation.check(facts(.inProgress), escalatedStage: .dispatched, by: supervisor) } == nil)
        // Who comes before state: an officer asking about a closed complaint is refused for who they are.
        guard case .forbidden = refusal({ try ComplaintEscalation.check(facts(.closed), escalatedStage: nil, by: pupr) }) else {
            Issue.record("an officer is forbidden first")
            return
        }
    }

    @Test func anEscalationStandsUntilTheComplaintIsFinal() {
        #expect(!ComplaintEscalation.isStanding(escalatedAt: nil, status: .inProgress))
        for status in ComplaintStatus.allCases {
            #expect(ComplaintEscalation.isStanding(escalatedAt: now, status: status) == !status.isTerminal)
        }
    }

    @Test func raisingThePriorityPullsTheDeadlinesInAndNeverPushesThemOut() throws {
        let rules = ComplaintEscalation(deadlines: ComplaintDeadlines(calendar: calendar))
        let high = try EscalationRequest(reason: "Berbahaya", priority: "high")
        let plain = try EscalationRequest(reason: "Berbahaya", priority: nil)
        let inFiveDays = calendar.adding(workingDays: 5, to: now)
        let inTwoDays = calendar.adding(workingDays: 2, to: now)
        let tomorrow = calendar.adding(workingDays: 1, to: now)

        // In progress at medium: resolution (and the stage clock, which is the resolution) comes in to two working days.
        var outcome = rules.outcome(of: high, status: .inProgress, priority: .medium, dueAt: inFiveDays, resolutionDueAt: inFiveDays, at: now)
        #expect(outcome == .init(priority: .high, dueAt: inTwoDays, resolutionDueAt: inTwoDays, raisedPriority: true))

        // A deadline already sooner is kept.
        outcome = rules.outcome(of: high, status: .inProgress, priority: .medium, dueAt: tomorrow, resolutionDueAt: tomorrow, at: now)
        #expect(outcome.resolutionDueAt == tomorrow && outcome.dueAt == tomorrow && outcome.priority == .high)

        // Dispatched: the first-response clock cannot end after the new resolution deadline.
        outcome = rules.outcome(of: high, status: .dispatched, priority: .low, dueAt: inFiveDays,
                                resolutionDueAt: calendar.adding(workingDays: 14, to: now), at: now)
        #expect(outcome.resolutionDueAt == inTwoDays && outcome.dueAt == inTwoDays)

        // Not dispatched yet: only the priority; the verification clock stays.
        outcome = rules.outcome(of: high, status: .submitted, priority: .low, dueAt: inFiveDays, resolutionDueAt: nil, at: now)
        #expect(outcome == .init(priority: .high, dueAt: inFiveDays, resolutionDueAt: nil, raisedPriority: true))

        // No priority asked, or one not more urgent: nothing changes.
        for (request, priority) in [(plain, Priority.medium), (high, .high), (high, .critical)] {
            outcome = rules.outcome(of: request, status: .inProgress, priority: priority, dueAt: inFiveDays, resolutionDueAt: inFiveDays, at: now)
            #expect(outcome == .init(priority: priority, dueAt: inFiveDays, resolutionDueAt: inFiveDays, raisedPriority: false))
        }
    }

    // MARK: Visibility

    @Test func aVisibilityChangeNeedsAKnownValueAndAReason() throws {
        do {
            _ = try VisibilityChangeRequest(visibility: "secret", reason: nil)
            Issue.record("accepted a bad change")
        } catch let failure as ValidationFailure {
            #expect(failure.problems.map(\.field) == ["visibility", "reason"])
            #expect(failure.problems.allSatisfy { $0.text.id != $0.text.en })
        }
        #expect(throws: ValidationFailure.self) { try VisibilityChangeRequest(visibility: nil, reason: "Ada nama pihak ketiga") }
        let request = try VisibilityChangeRequest(visibility: "Confidential", reason: " Menyebut nama korban ")
        #expect(request.visibility == .confidential && request.reason == "Menyebut nama korban")
    }

    @Test func verifiersSupervisorsAndAdminsChangeEitherWay() throws {
        for actor in [verifier, supervisor, admin] {
            for from in ComplaintVisibility.allCases {
                #expect(ComplaintVisibilityChange.options(facts(.closed, from), by: actor) == ComplaintVisibility.allCases.filter { $0 != from })
                for to in ComplaintVisibility.allCases where to != from {
                    #expect(refusal { try ComplaintVisibilityChange.check(facts(.inProgress, from), try VisibilityChangeRequest(visibility: to.rawValue, reason: "r"), by: actor) } == nil)
                }
            }
        }
    }

    @Test func theAgencysOfficersOnlyHideAndOthersAreRefused() throws {
        let toConfidential = try VisibilityChangeRequest(visibility: "confidential", reason: "r")
        let toPublic = try VisibilityChangeRequest(visibility: "public", reason: "r")
        #expect(refusal { try ComplaintVisibilityChange.check(facts(.inProgress, .anonymous), toConfidential, by: pupr) } == nil)
        guard case .forbidden = refusal({ try ComplaintVisibilityChange.check(facts(.inProgress, .anonymous), toPublic, by: pupr) }) else {
            Issue.record("an officer may not expose a reporter")
            return
        }
        #expect(ComplaintVisibilityChange.options(facts(.inProgress, .public), by: pupr) == [.anonymous, .confidential])
        #expect(ComplaintVisibilityChange.options(facts(.inProgress, .confidential), by: pupr).isEmpty)
        for actor in [dlhk, reporter, stranger, operatorOnDuty, ComplaintActor.anonymousVisitor] {
            #expect(!ComplaintVisibilityChange.isEntitled(facts(.inProgress), by: actor))
            guard case .forbidden = refusal({ try ComplaintVisibilityChange.check(facts(.inProgress), toConfidential, by: actor) }) else {
                Issue.record("\(actor) may not change visibility")
                continue
            }
            // Also when the value is the current one: who they are is answered first.
            guard case .forbidden = refusal({ try ComplaintVisibilityChange.check(facts(.inProgress, .confidential), toConfidential, by: actor) }) else {
                Issue.record("\(actor) is refused before the value is looked at")
                continue
            }
        }
    }

    @Test func settingTheSameVisibilityIsRefusedOnTheField() throws {
        let same = try VisibilityChangeRequest(visibility: "public", reason: "r")
        guard case .invalid(let failure) = refusal({ try ComplaintVisibilityChange.check(facts(.submitted, .public), same, by: verifier) }) else {
            Issue.record("no change should be refused")
            return
        }
        #expect(failure.problems.map(\.field) == ["visibility"])
    }
}
