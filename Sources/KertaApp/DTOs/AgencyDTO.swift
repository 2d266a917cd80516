import KertaCore
import Vapor

/// An agency as clients see it.
struct AgencyDTO: Content {
    let code: String
    let name: LocalizedText
    let kind: String
    /// `yes`: complaints are dispatched to it; `referral`: an outside body; `no`: not in the complaint flow.
    let intake: String
    let notes: String

    init(_ a: Agency) {
        code = a.id ?? ""
        name = .init(id: a.nameID, en: a.nameEN)
        kind = a.kind
        intake = a.intake
        notes = a.notes
    }
}
