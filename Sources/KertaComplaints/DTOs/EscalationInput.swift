import Vapor
import KertaPlatform

/// `POST /api/v1/complaints/{ticket}/escalation`: why, and optionally `"priority": "high"` (or `"critical"`).
package struct EscalationInput: Content {
    package let reason: String?
    package let priority: String?
}
