/// Checks one subject's trail: positions count up from 1 without gaps, each entry names the hash of
/// the one before, each hash matches its content, and the last one is the head the complaint recorded.
public struct AuditChainCheck: Sendable {
    public struct StoredEntry: Sendable {
        public let id: String
        public let record: AuditRecord
        public let hash: String

        public init(id: String, record: AuditRecord, hash: String) {
            self.id = id
            self.record = record
            self.hash = hash
        }
    }

    public struct Break: Error, Sendable, Equatable, CustomStringConvertible {
        public let entryID: String?
        public let position: Int
        public let problem: String

        public init(entryID: String?, position: Int, problem: String) {
            self.entryID = entryID
            self.position = position
            self.problem = problem
        }

        public var description: String {
            "entry \(entryID ?? "(missing)") at position \(position): \(problem)"
        }
    }

    public let hash: @Sendable (String) -> String

    public init(hash: @escaping @Sendable (String) -> String) {
        self.hash = hash
    }

    /// Throws the first break found; `head` and `count` are what the subject's row says its trail ends with,
    /// `currentStatus` its status where the subject has one that the trail records.
    public func verify(_ entries: [StoredEntry], head: String?, count: Int, currentStatus: String?) throws {
        var previous = AuditRecord.genesisHash
        var lastStatus: String? = nil
        for (index, entry) in entries.enumerated() {
            let expectedPosition = index + 1
            guard entry.record.position == expectedPosition else {
                throw Break(entryID: entry.id, position: entry.record.position,
                            problem: "expected position \(expectedPosition): an entry before it was removed")
            }
            guard entry.record.previousHash == previous else {
                throw Break(entryID: entry.id, position: expectedPosition, problem: "does not follow the previous entry's hash")
            }
            guard hash(entry.record.canonicalText) == entry.hash else {
                throw Break(entryID: entry.id, position: expectedPosition, problem: "its content does not match its hash (altered)")
            }
            previous = entry.hash
            if let to = entry.record.toStatus { lastStatus = to }
        }
        guard entries.count == count, (head ?? AuditRecord.genesisHash) == previous else {
            throw Break(entryID: nil, position: entries.count + 1,
                        problem: "the subject records \(count) entries but \(entries.count) remain: the latest were removed")
        }
        if let lastStatus, let currentStatus, lastStatus != currentStatus {
            throw Break(entryID: entries.last?.id, position: entries.count,
                        problem: "the subject's status \(currentStatus) differs from the trail's \(lastStatus)")
        }
    }
}
