import Foundation

/// One entry of a complaint's audit trail, in the form that is hashed.
///
/// Each entry's hash covers its own fields and the previous entry's hash, so editing or removing any
/// entry breaks every hash after it. The text form is fixed field by field; adding a field to the
/// trail means a new version tag, never a change to this one.
public struct AuditRecord: Sendable, Equatable {
    public static let version = "kerta-audit-v1"

    public var complaintID: String
    public var position: Int
    public var action: String
    public var actorID: String?
    public var actorRole: String?
    public var fromStatus: String?
    public var toStatus: String?
    public var note: String?
    public var data: String?
    /// Whole milliseconds since 1970, so the value survives every database's timestamp precision.
    public var recordedAtMilliseconds: Int64
    public var previousHash: String

    public init(complaintID: String, position: Int, action: String, actorID: String?, actorRole: String?,
                fromStatus: String?, toStatus: String?, note: String?, data: String?,
                recordedAtMilliseconds: Int64, previousHash: String) {
        self.complaintID = complaintID
        self.position = position
        self.action = action
        self.actorID = actorID
        self.actorRole = actorRole
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.data = data
        self.recordedAtMilliseconds = recordedAtMilliseconds
        self.previousHash = previousHash
    }

    /// The hash before the first entry of a complaint.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact text that is hashed: each field length-prefixed, so no value can imitate a separator.
    public var canonicalText: String {
        let fields: [String?] = [Self.version, complaintID, String(position), action, actorID, actorRole, fromStatus,
                                 toStatus, note, data, String(recordedAtMilliseconds), previousHash]
        return fields.map { field in
            guard let field else { return "-" }
            return "\(field.utf8.count):\(field)"
        }.joined(separator: "|")
    }

    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
