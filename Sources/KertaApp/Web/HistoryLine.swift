import KertaCore

/// One entry of a complaint's audit trail as a page shows it: what happened and the status it led to, in
/// the page's language (the trail itself keeps the codes, and `GET …/history` gives them with the hashes).
struct HistoryLine: Encodable, Sendable {
    let at: String
    let action: String
    let to: NamedCode?
    let actor: String
    let note: String?

    init(_ entry: HistoryEntry, language: Language) {
        at = entry.at
        action = Catalogue.shared.historyAction(entry.action, language)
        to = entry.to.map { NamedCode.status($0, language) }
        actor = entry.actor
        note = entry.note
    }
}
