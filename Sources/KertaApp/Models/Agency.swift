import Fluent
import KertaCore

/// A unit of the city government (OPD), a city-owned company, or an outside body complaints can be referred to.
final class Agency: Model, @unchecked Sendable {
    static let schema = "agencies"

    /// The short code people use (PUPR, DLHK …); a natural key keeps exports and APIs readable.
    @ID(custom: "code", generatedBy: .user) var id: String?

    // Names
    @Field(key: "name_id") var nameID: String
    @Field(key: "name_en") var nameEN: String

    // What it is
    @Field(key: "kind") var kind: String
    /// `yes`: complaints are dispatched to it; `referral`: outside body; `no`: not in the complaint flow.
    @Field(key: "intake") var intake: String
    @Field(key: "notes") var notes: String
    @Field(key: "active") var active: Bool

    init() {}

    init(record: AgencyRecord) {
        id = record.code
        apply(record)
        active = true
    }

    /// Brings reference fields up to date, leaving what admins own (active) alone.
    func apply(_ record: AgencyRecord) {
        nameID = record.nameID
        nameEN = record.nameEN
        kind = record.kind
        intake = record.intake.rawValue
        notes = record.notes
    }
}
