/// What a person does in Kerta. Permissions follow from the role, never from a name or an email.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// A resident or visitor who reports and follows their own complaints.
    case citizen
    /// Communication-office staff (Diskominfos) who check new reports and dispatch them.
    case verifier
    /// An agency's liaison (admin penghubung) who follows up the agency's complaints.
    case officer
    /// Reads everything and handles escalations; typically a head of office or the city inspectorate.
    case supervisor
    /// Command-center staff watching the live map and feeds.
    case `operator`
    /// Configures categories, agencies, users and keys.
    case admin

    /// Officers act for one agency, so their account must name it.
    public var requiresAgency: Bool { self == .officer }

    /// Staff see the internal side of a complaint (internal notes, reporter contacts where allowed).
    public var isStaff: Bool { self != .citizen }
}
