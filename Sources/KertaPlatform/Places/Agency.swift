import Fluent
import KertaCore

/// A unit of the city government (OPD), a city-owned company, or an outside body complaints can be referred to.
package final class Agency: Model, @unchecked Sendable {
    package static let schema = "agencies"

    /// The short code people use (PUPR, DLHK …); a natural key keeps exports and APIs readable.
    @ID(custom: "code", generatedBy: .user) package var id: String?

    // Names
    @Field(key: "name_id") package var nameID: String
    @Field(key: "name_en") package var nameEN: String

    // What it is
    @Field(key: "kind") package var kind: String
    /// `yes`: complaints are dispatched to it; `referral`: outside body; `no`: not in the complaint flow.
    @Field(key: "intake") package var intake: String
    @Field(key: "notes") package var notes: String
    @Field(key: "active") package var active: Bool

    package init() {}

    package init(record: AgencyRecord) {
        id = record.code
        apply(record)
        active = true
    }

    /// Brings reference fields up to date, leaving what admins own (active) alone.
    package func apply(_ record: AgencyRecord) {
        nameID = record.nameID
        nameEN = record.nameEN
        kind = record.kind
        intake = record.intake.rawValue
        notes = record.notes
    }
}
