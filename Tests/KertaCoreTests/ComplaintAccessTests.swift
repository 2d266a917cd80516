import KertaCore
import Testing

@Suite struct ComplaintAccessTests {
    let visitor = ComplaintActor.anonymousVisitor
    let reporter = ComplaintActor(role: nil, agencyCode: nil, isReporter: true)
    let verifier = ComplaintActor(role: .verifier, agencyCode: "DISKOMINFOS", isReporter: false)
    let pupr = ComplaintActor(role: .officer, agencyCode: "PUPR", isReporter: false)
    let dlhk = ComplaintActor(role: .officer, agencyCode: "DLHK", isReporter: false)

    func facts(_ visibility: ComplaintVisibility) -> ComplaintFacts {
        ComplaintFacts(status: .dispatched, visibility: visibility, agencyCode: "PUPR")
    }

    @Test func confidentialComplaintsAreHiddenFromOutsidersAndOtherAgencies() {
        let c = facts(.confidential)
        #expect(!ComplaintAccess.canRead(c, by: visitor))
        #expect(!ComplaintAccess.canRead(c, by: dlhk))
        #expect(ComplaintAccess.canRead(c, by: pupr))
        #expect(ComplaintAccess.canRead(c, by: reporter))
        #expect(ComplaintAccess.canRead(c, by: verifier))
    }

    @Test func anonymousHidesTheNameFromAllButVerifiers() {
        let c = facts(.anonymous)
        #expect(ComplaintAccess.canRead(c, by: visitor))
        #expect(!ComplaintAccess.canSeeReporterName(c, by: visitor))
        #expect(!ComplaintAccess.canSeeReporterName(c, by: pupr))
        #expect(!ComplaintAccess.canSeeReporterName(c, by: ComplaintActor(role: .supervisor, agencyCode: nil, isReporter: false)))
        #expect(ComplaintAccess.canSeeReporterName(c, by: verifier))
        #expect(!ComplaintAccess.canSeeContacts(c, by: pupr))
    }

    @Test func contactsAreNeverPublic() {
        for visibility in ComplaintVisibility.allCases {
            #expect(!ComplaintAccess.canSeeContacts(facts(visibility), by: visitor))
            #expect(!ComplaintAccess.canSeeContacts(facts(visibility), by: dlhk))
        }
        #expect(ComplaintAccess.canSeeContacts(facts(.public), by: pupr))
    }

    @Test func internalNotesAreForStaffOnly() {
        #expect(!ComplaintAccess.canSeeInternal(facts(.public), by: reporter))
        #expect(!ComplaintAccess.canSeeInternal(facts(.public), by: visitor))
        #expect(ComplaintAccess.canSeeInternal(facts(.public), by: pupr))
        #expect(!ComplaintAccess.canAddUpdate(facts(.public), by: reporter, isInternal: true))
        #expect(ComplaintAccess.canAddUpdate(facts(.public), by: reporter, isInternal: false))
        #expect(!ComplaintAccess.canAddUpdate(facts(.public), by: dlhk, isInternal: true))
    }
}
