import KertaCore
import Vapor

/// Every limit on what a request may carry, in one place, each answered with an error that names it:
/// a phone on a weak network gets "at most 5 photos of 8 MB" rather than a dropped connection, and no
/// request can make the server buffer or parse without bound.
package struct RequestLimits: Sendable {
    /// Any other body (JSON, forms); routes also cap what they read themselves.
    package var body: Int = 64 * 1024
    /// A multipart body, the only kind that carries photos: five of the largest allowed plus the form itself.
    package var uploadBody: Int
    /// How deep JSON may nest; Kerta's deepest document has three levels.
    package var jsonDepth: Int = 32
    /// Parts of a multipart form: five photos and the fields of the longest form, with room to spare.
    package var multipartParts: Int = 64
    /// The query string of a URL.
    package var query: Int = 4096

    package init(maximumPhotoBytes: Int) {
        uploadBody = maximumPhotoBytes * 5 + 1024 * 1024
    }

    /// Readable sizes for messages: "64 KB", "41 MB".
    package static func describe(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MB" : "\(bytes / 1024) KB"
    }
}

extension APIError {
    package static func tooLarge(limit: Int) -> APIError {
        let size = RequestLimits.describe(limit)
        return APIError(.payloadTooLarge, code: "payload_too_large",
                        text: LocalizedText(id: "Isi permintaan melebihi batas \(size).", en: "The request body is larger than the limit of \(size)."),
                        fields: [.init(field: "body", text: LocalizedText(id: "paling banyak \(size)", en: "at most \(size)"))])
    }
}
