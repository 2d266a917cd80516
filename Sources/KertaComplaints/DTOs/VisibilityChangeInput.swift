import Vapor
import KertaPlatform

/// `POST /api/v1/complaints/{ticket}/visibility`: `public`, `anonymous` or `confidential`, and why.
package struct VisibilityChangeInput: Content {
    package let visibility: String?
    package let reason: String?
}
