extension DomainError {
    /// A refused workflow move.
    public init(_ refusal: WorkflowRefusal) {
        switch refusal {
        case .illegal(let from, let to, let allowed):
            let options = allowed.isEmpty ? "-" : allowed.map(\.rawValue).joined(separator: ", ")
            self.init(.conflict, code: "illegal_transition",
                      id: "Tidak dapat berpindah dari \(from.rawValue) ke \(to.rawValue); yang mungkin: \(options).",
                      en: "Cannot move from \(from.rawValue) to \(to.rawValue); possible: \(options).")
        case .forbidden(let text):
            self.init(.forbidden, code: "forbidden", text: text)
        case .invalid(let failure):
            self.init(failure)
        }
    }

    /// A refused staff action (escalation, a change of visibility).
    public init(_ refusal: ComplaintActionRefusal) {
        switch refusal {
        case .forbidden(let text):
            self.init(.forbidden, code: "forbidden", text: text)
        case .conflict(let code, let text):
            self.init(.conflict, code: code, text: text)
        case .invalid(let failure):
            self.init(failure)
        }
    }
}
