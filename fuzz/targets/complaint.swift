// libFuzzer target: a complaint as `POST /api/v1/complaints` receives it in JSON, taken the way it reaches
// KertaCore: Foundation's JSONDecoder into the shape of ComplaintSubmissionInput (KertaComplaints/DTOs), then
// NewComplaint's checks (signed in and not), the category's extra questions (ServiceAttribute.validate
// against the city's category-attributes.csv, answers optional as for the JSON API), the grid cell and the
// desa lookup of the point, and the photo sanitizer for base64 `photos` (Vapor's File decodes as data+filename).
import Foundation
@testable import KertaCore

/// Mirrors KertaApp's ComplaintSubmissionInput field for field (that one is a Vapor Content).
struct SubmissionInput: Decodable {
    struct Reporter: Decodable {
        let name: String?
        let email: String?
        let phone: String?
    }

    struct Photo: Decodable {
        let data: Data
        let filename: String?
    }

    let category: String?
    let description: String?
    let lat: Double?
    let lon: Double?
    let address: String?
    let visibility: String?
    let reporter: Reporter?
    let attributes: [String: [String]]?
    let photos: [Photo]?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzComplaint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    guard let submission = try? JSONDecoder().decode(SubmissionInput.self, from: Data(bytes)) else { return 0 }
    for signedIn in [false, true] {
        guard var new = try? NewComplaint(category: submission.category, description: submission.description, lat: submission.lat,
                                          lon: submission.lon, address: submission.address, visibility: submission.visibility,
                                          reporterName: submission.reporter?.name, reporterEmail: submission.reporter?.email,
                                          reporterPhone: submission.reporter?.phone, signedIn: signedIn) else { continue }
        new.attributes = submission.attributes ?? [:]
        new.requireAnswers = false
        require(new.point.isValid, "NewComplaint accepted the point \(new.point)")
        require(NewComplaint.descriptionLength.contains(new.description.count), "NewComplaint accepted a description of \(new.description.count) characters")
        _ = GridCell.of(new.point)
        _ = areaIndex.code(at: new.point, level: .desa)
        if let answers = try? ServiceAttribute.validate(new.attributes, against: attributesByCategory[new.categoryCode] ?? [],
                                                        enforceRequired: new.requireAnswers) {
            _ = try? JSONEncoder().encode(answers)
        }
    }
    for photo in (submission.photos ?? []).prefix(NewComplaint.maximumPhotos) where !photo.data.isEmpty {
        _ = try? ImageSanitizer.sanitize(Array(photo.data))
    }
    return 0
}
