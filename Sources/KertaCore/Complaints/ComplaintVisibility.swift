/// Who may see a complaint and its reporter, as SP4N-LAPOR! offers it.
public enum ComplaintVisibility: String, CaseIterable, Sendable, Codable {
    /// Everyone sees the complaint; the reporter's name is shown, never their contacts.
    case `public`
    /// Everyone sees the complaint; the reporter's name is known only to the verifiers (Anonim).
    case anonymous
    /// Only the reporter and the staff handling it see the complaint at all (Rahasia).
    case confidential
}
