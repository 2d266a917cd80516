import Vapor
import KertaPlatform

/// The body of `POST /api/v1/complaints`, as JSON or as multipart form fields (`reporter[name]`, `photos[]`).
package struct ComplaintSubmissionInput: Content {
    package struct Reporter: Content {
        package let name: String?
        package let email: String?
        package let phone: String?
    }

    package let category: String?
    package let description: String?
    package let lat: Double?
    package let lon: Double?
    package let address: String?
    package let visibility: String?
    package let reporter: Reporter?
    /// Answers to the category's extra questions (`GET /open311/v2/services/{code}.json`), by code;
    /// optional here, checked when given.
    package let attributes: [String: [String]]?
    /// Multipart only.
    package let photos: [File]?
}
