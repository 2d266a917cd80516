import Vapor

/// `POST /api/v1/complaints/{ticket}/escalation`: why, and optionally `"priority": "high"` (or `"critical"`).
struct EscalationInput: Content {
    let reason: String?
    let priority: String?
}
