import Foundation

/// Anything with a hash-chained trail: it keeps the head of its chain and the number of entries on its own
/// row, so a trail cut short at the end is noticed (``AuditChainCheck``). The change recorder moves both;
/// the change saves the row in the same transaction.
package protocol AuditedSubject: AnyObject {
    /// `complaint`; later `incident`, `alarm`, `warning`.
    static var auditSubjectType: String { get }
    var auditSubjectID: UUID { get }
    var auditHead: String { get set }
    var auditCount: Int { get set }
}
