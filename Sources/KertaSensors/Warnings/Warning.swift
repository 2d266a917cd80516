import Fluent
import Foundation
import KertaCore
import KertaPlatform

/// A public warning (BPBD's), from its draft to the CAP message published. The message is frozen at
/// publication: what went out is what the feed keeps serving, whatever changes later.
package final class Warning: Model, @unchecked Sendable {
    package static let schema = "warnings"

    @ID(key: .id) package var id: UUID?
    @Field(key: "state") package var state: WarningState
    @Field(key: "msg_type") package var msgType: CAPMessageType
    /// The published warning an Update or a Cancel refers to.
    @OptionalField(key: "references_id") package var referencesID: UUID?
    @Field(key: "content") package var contentJSON: String
    @OptionalField(key: "alarm_id") package var alarmID: UUID?
    @Field(key: "expires_at") package var expiresAt: Date
    @Field(key: "drafted_by_id") package var draftedByID: UUID
    @Field(key: "drafted_by_name") package var draftedByName: String
    @OptionalField(key: "approved_by_id") package var approvedByID: UUID?
    @OptionalField(key: "approved_by_name") package var approvedByName: String?
    @OptionalField(key: "approved_at") package var approvedAt: Date?
    @OptionalField(key: "published_by_name") package var publishedByName: String?
    /// CAP's identifier and sent time, and the message itself, once published.
    @OptionalField(key: "identifier") package var identifier: String?
    @OptionalField(key: "sent_at") package var sentAt: Date?
    @OptionalField(key: "alert") package var alertJSON: String?
    @Field(key: "created_at") package var createdAt: Date
    @Field(key: "updated_at") package var updatedAt: Date
    @Field(key: "audit_head") package var auditHead: String
    @Field(key: "audit_count") package var auditCount: Int

    package init() {}

    package init(content: WarningContent, msgType: CAPMessageType, referencesID: UUID?, alarmID: UUID?, by user: User, at now: Date) throws {
        id = UUID()
        state = .draft
        self.msgType = msgType
        self.referencesID = referencesID
        contentJSON = try Self.encode(content)
        self.alarmID = alarmID
        expiresAt = content.expires
        draftedByID = try user.requireID()
        draftedByName = user.name
        createdAt = now
        updatedAt = now
        auditHead = AuditRecord.genesisHash
        auditCount = 0
    }

    package var content: WarningContent {
        get throws { try JSONDecoder().decode(WarningContent.self, from: Data(contentJSON.utf8)) }
    }

    package var alert: CAPAlert? {
        alertJSON.flatMap { try? JSONDecoder().decode(CAPAlert.self, from: Data($0.utf8)) }
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
