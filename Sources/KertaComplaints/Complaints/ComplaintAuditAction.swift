import KertaPlatform
/// What an entry of a complaint's trail records; the pages name each (`history_…` in the strings).
package enum ComplaintAuditAction: String, Sendable {
    case submitted, transition, assigned, visibility, update, rating, escalated, photo
}
