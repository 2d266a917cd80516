import Vapor

/// The body of `POST /api/v1/complaints`, as JSON or as multipart form fields (`reporter[name]`, `photos[]`).
struct ComplaintSubmissionInput: Content {
    struct Reporter: Content {
        let name: String?
        let email: String?
        let phone: String?
    }

    let category: String?
    let description: String?
    let lat: Double?
    let lon: Double?
    let address: String?
    let visibility: String?
    let reporter: Reporter?
    /// Answers to the category's extra questions (`GET /open311/v2/services/{code}.json`), by code;
    /// optional here, checked when given.
    let attributes: [String: [String]]?
    /// Multipart only.
    let photos: [File]?
}
