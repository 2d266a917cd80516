import KertaCore
import KertaPlatform

/// One entry of a complaint's audit trail as a page shows it: what happened and the status it led to, in
/// the page's language (the trail itself keeps the codes, and `GET …/history` gives them with the hashes).
package struct HistoryLine: Encodable, Sendable {
    package let at: String
    package let action: String
    package let to: NamedCode?
    package let actor: String
    package let note: String?

    package init(_ entry: HistoryEntry, language: Language) {
        at = entry.at
        action = Catalogue.shared.historyAction(entry.action, language)
        // The trail keeps what was written then; a code this version no longer knows is shown as written.
        to = entry.to.map { code in ComplaintStatus(rawValue: code).map { NamedCode.status($0, language) } ?? NamedCode(code: code, name: code) }
        actor = entry.actor
        note = entry.note
    }
}
