import KertaCore
import Vapor

/// An agency as clients see it.
package struct AgencyDTO: Content {
    package let code: String
    package let name: LocalizedText
    package let kind: String
    /// `yes`: complaints are dispatched to it; `referral`: an outside body; `no`: not in the complaint flow.
    package let intake: String
    package let notes: String

    package init(_ a: Agency) {
        code = a.id ?? ""
        name = .init(id: a.nameID, en: a.nameEN)
        kind = a.kind
        intake = a.intake
        notes = a.notes
    }
}
