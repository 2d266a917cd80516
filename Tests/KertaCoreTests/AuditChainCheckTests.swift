import KertaCore
import Testing

@Suite struct AuditChainCheckTests {
    /// Any deterministic function serves to test the chain logic; the app uses SHA-256.
    let check = AuditChainCheck(hash: { text in String(text.hashValue & 0xFFFF_FFFF, radix: 16) + String(text.count) })

    func chain(_ count: Int) -> [AuditChainCheck.StoredEntry] {
        var previous = AuditRecord.genesisHash
        return (1...count).map { position in
            let record = AuditRecord(subjectType: "complaint", subjectID: "c1", position: position, action: "transition", actorID: "u", actorRole: "verifier",
                                     fromStatus: position == 1 ? nil : "submitted", toStatus: position == 1 ? "submitted" : "dispatched",
                                     note: "note \(position)", data: nil, recordedAtMilliseconds: Int64(position), previousHash: previous)
            let hash = check.hash(record.canonicalText)
            previous = hash
            return .init(id: "e\(position)", record: record, hash: hash)
        }
    }

    @Test func anIntactChainPasses() throws {
        let entries = chain(3)
        try check.verify(entries, head: entries.last?.hash, count: 3, currentStatus: "dispatched")
    }

    @Test func anEditedEntryIsNamed() {
        var entries = chain(3)
        var edited = entries[1].record
        edited.note = "changed afterwards"
        entries[1] = .init(id: "e2", record: edited, hash: entries[1].hash)
        #expect(throws: AuditChainCheck.Break.self) { try check.verify(entries, head: entries.last?.hash, count: 3, currentStatus: "dispatched") }
        do { try check.verify(entries, head: entries.last?.hash, count: 3, currentStatus: "dispatched") } catch let b as AuditChainCheck.Break {
            #expect(b.entryID == "e2")
        } catch {}
    }

    @Test func removedEntriesAreNoticedInTheMiddleAndAtTheEnd() {
        let entries = chain(3)
        #expect(throws: AuditChainCheck.Break.self) {
            try check.verify([entries[0], entries[2]], head: entries[2].hash, count: 3, currentStatus: "dispatched")
        }
        #expect(throws: AuditChainCheck.Break.self) {
            try check.verify(Array(entries.prefix(2)), head: entries[2].hash, count: 3, currentStatus: "dispatched")
        }
    }

    @Test func aStatusChangedBehindTheTrailsBackIsNoticed() {
        let entries = chain(2)
        #expect(throws: AuditChainCheck.Break.self) { try check.verify(entries, head: entries.last?.hash, count: 2, currentStatus: "closed") }
    }

    @Test func fieldsCannotImitateEachOther() {
        let a = AuditRecord(subjectType: "complaint", subjectID: "c", position: 1, action: "a", actorID: nil, actorRole: nil, fromStatus: nil, toStatus: nil,
                            note: "x|1:y", data: nil, recordedAtMilliseconds: 1, previousHash: "0")
        var b = a
        b.note = "x"
        b.data = "y"
        #expect(a.canonicalText != b.canonicalText)
    }

    /// Entries written before subjects had types keep the text they were hashed in; v2 names the type (so an
    /// incident's entry can never pass for a complaint's) and the actor's name as the history shows it.
    @Test func versionOneTextIsUnchangedAndVersionTwoNamesTheSubjectsType() {
        let v1 = AuditRecord(version: .v1, subjectType: "complaint", subjectID: "c", position: 1, action: "submitted", actorID: nil,
                             actorRole: "reporter", actorName: "Sari", fromStatus: nil, toStatus: "submitted", note: nil, data: nil,
                             recordedAtMilliseconds: 7, previousHash: "0")
        #expect(v1.canonicalText == "14:kerta-audit-v1|1:c|1:1|9:submitted|-|8:reporter|-|9:submitted|-|-|1:7|1:0")
        var v2 = v1
        v2.version = .v2
        #expect(v2.canonicalText == "14:kerta-audit-v2|9:complaint|1:c|1:1|9:submitted|-|8:reporter|4:Sari|-|9:submitted|-|-|1:7|1:0")
        var incident = v2
        incident.subjectType = "incident"
        #expect(incident.canonicalText != v2.canonicalText)
    }
}
