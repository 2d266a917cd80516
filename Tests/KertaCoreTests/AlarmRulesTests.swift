import Foundation
import KertaCore
import Testing

@Suite struct AlarmRulesTests {
    let now = Fixtures.wita("2026-11-23 10:00")

    @Test func movesFollowTheLifeOfAnAlarmAndOnlyTheCommandRoomMakesThem() throws {
        try AlarmWorkflow.check(from: .open, AlarmTransition(to: .acknowledged), role: .operator, at: now)
        try AlarmWorkflow.check(from: .acknowledged, AlarmTransition(to: .resolved), role: .supervisor, at: now)
        try AlarmWorkflow.check(from: .resolved, AlarmTransition(to: .closed), role: .admin, at: now)
        for role: Role? in [nil, .citizen, .verifier, .officer] {
            #expect(throws: DomainError.self) { try AlarmWorkflow.check(from: .open, AlarmTransition(to: .acknowledged), role: role, at: now) }
            #expect(AlarmWorkflow.availableMoves(from: .open, role: role).isEmpty)
        }
        let illegal = #expect(throws: DomainError.self) { try AlarmWorkflow.check(from: .open, AlarmTransition(to: .closed), role: .operator, at: now) }
        #expect(illegal?.kind == .conflict && illegal?.code == "illegal_transition")
        #expect(AlarmWorkflow.repeatState(of: .resolved) == .open && AlarmWorkflow.repeatState(of: .acknowledged) == .acknowledged)
    }

    @Test func shelvingNeedsAReasonAndAnExpiryWithinADay() throws {
        let bare = #expect(throws: DomainError.self) { try AlarmWorkflow.check(from: .open, AlarmTransition(to: .shelved), role: .operator, at: now) }
        #expect(Set(bare?.problems.map(\.field) ?? []) == ["reason", "until"])
        let past = #expect(throws: DomainError.self) {
            try AlarmWorkflow.check(from: .open, AlarmTransition(to: .shelved, reason: "sensor dirawat", until: now.addingTimeInterval(-1)), role: .operator, at: now)
        }
        #expect(past?.problems.map(\.field) == ["until"])
        #expect(throws: DomainError.self) {
            try AlarmWorkflow.check(from: .open, AlarmTransition(to: .shelved, reason: "x", until: now.addingTimeInterval(25 * 3600)), role: .operator, at: now)
        }
        try AlarmWorkflow.check(from: .open, AlarmTransition(to: .shelved, reason: "pemeliharaan", until: now.addingTimeInterval(3600)), role: .operator, at: now)
    }

    @Test func theLoadFiguresAreCountedPerTenMinutesAndOperator() {
        let start = now, end = now.addingTimeInterval(3600) // six periods
        var list = (0..<12).map { AlarmLoad.Occurrence(source: "spike:A", at: start.addingTimeInterval(Double($0) * 30)) } // 12 in the first period: a flood
        list += [AlarmLoad.Occurrence(source: "complaint:PRO-1", at: start.addingTimeInterval(1300)),
                 AlarmLoad.Occurrence(source: "complaint:PRO-1", at: start.addingTimeInterval(1900)),
                 AlarmLoad.Occurrence(source: "complaint:PRO-2", at: start.addingTimeInterval(3000)),
                 AlarmLoad.Occurrence(source: "outside", at: end)]
        let load = AlarmLoad(occurrences: list, acknowledgements: [60, 180], operators: 2, from: start, to: end)
        #expect(load.periods == 6 && load.occurrences == 15)
        #expect(abs(load.perOperatorPerPeriod - 15.0 / 6 / 2) < 1e-9)
        #expect(load.floodPeriods == 1 && abs(load.floodShare - 1.0 / 6) < 1e-9 && load.peak == 12)
        #expect(load.noisiest.map(\.source) == ["spike:A", "complaint:PRO-1", "complaint:PRO-2"])
        #expect(load.noisiest.first?.count == 12 && load.meanTimeToAcknowledge == 120)
        #expect(AlarmLoad(occurrences: [], acknowledgements: [], operators: 0, from: start, to: end).meanTimeToAcknowledge == nil)
        #expect(AlarmLoad.isFlood(list.prefix(12).map(\.at), now: start.addingTimeInterval(400)))
        #expect(!AlarmLoad.isFlood(list.prefix(12).map(\.at), now: start.addingTimeInterval(1200)))
    }
}
