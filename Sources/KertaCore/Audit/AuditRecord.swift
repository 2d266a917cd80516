import Foundation

/// One entry of a subject's audit trail (a complaint's today; an incident's, an alarm's or a warning's
/// later), in the form that is hashed.
///
/// Each entry's hash covers its own fields and the previous entry's hash, so editing or removing any
/// entry breaks every hash after it. The text form is fixed field by field and named by a version tag:
/// adding a field means a new tag, never a change to an old one, so every entry ever written verifies
/// with the text of the version it was written in.
public struct AuditRecord: Sendable, Equatable {
    /// The canonical forms. v1 (complaints only) named neither the subject's type nor the actor's name as
    /// shown; v2 hashes both.
    public enum Version: String, Sendable, CaseIterable {
        case v1 = "kerta-audit-v1"
        case v2 = "kerta-audit-v2"
    }

    /// What new entries are written in.
    public static let currentVersion = Version.v2

    public var version: Version
    /// `complaint`, later `incident`, `alarm`, … ; v1 entries are all complaints.
    public var subjectType: String
    public var subjectID: String
    public var position: Int
    public var action: String
    public var actorID: String?
    public var actorRole: String?
    /// The name the history shows; hashed from v2 on.
    public var actorName: String?
    public var fromStatus: String?
    public var toStatus: String?
    public var note: String?
    public var data: String?
    /// Whole milliseconds since 1970, so the value survives every database's timestamp precision.
    public var recordedAtMilliseconds: Int64
    public var previousHash: String

    public init(version: Version = currentVersion, subjectType: String, subjectID: String, position: Int, action: String,
                actorID: String?, actorRole: String?, actorName: String? = nil, fromStatus: String?, toStatus: String?, note: String?, data: String?,
                recordedAtMilliseconds: Int64, previousHash: String) {
        self.version = version
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.position = position
        self.action = action
        self.actorID = actorID
        self.actorRole = actorRole
        self.actorName = actorName
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.data = data
        self.recordedAtMilliseconds = recordedAtMilliseconds
        self.previousHash = previousHash
    }

    /// The hash before the first entry of a subject.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The exact text that is hashed: each field length-prefixed, so no value can imitate a separator.
    public var canonicalText: String {
        let fields: [String?] = switch version {
        case .v1: [version.rawValue, subjectID, String(position), action, actorID, actorRole, fromStatus,
                   toStatus, note, data, String(recordedAtMilliseconds), previousHash]
        case .v2: [version.rawValue, subjectType, subjectID, String(position), action, actorID, actorRole, actorName, fromStatus,
                   toStatus, note, data, String(recordedAtMilliseconds), previousHash]
        }
        return fields.map { field in
            guard let field else { return "-" }
            return "\(field.utf8.count):\(field)"
        }.joined(separator: "|")
    }

    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
