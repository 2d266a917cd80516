import Vapor

/// `POST /api/v1/complaints/{ticket}/visibility`: `public`, `anonymous` or `confidential`, and why.
struct VisibilityChangeInput: Content {
    let visibility: String?
    let reason: String?
}
