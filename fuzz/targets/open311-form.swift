// libFuzzer target: the fields of `POST /open311/v2/requests.{json,xml}` as KertaCore reads them
// (Open311FormFields): the first byte picks form-encoded (even) or multipart (odd, the boundary is the
// rest of the first line); then what Open311Controller does with them: first(), the attribute[] answers
// checked by ServiceAttribute against the chosen service's questions (required ones enforced), lat/long
// parsing, NewComplaint, and the media through the photo sanitizer.
import Foundation
@testable import KertaCore

let services = attributesByCategory.keys.sorted()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpen311Form(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    guard let mode = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    let form: Open311FormFields
    if mode & 1 == 0 {
        form = Open311FormFields.urlEncoded(String(decoding: body, as: UTF8.self))
    } else {
        let newline = body.firstIndex(of: 10) ?? body.count
        let boundary = String(decoding: body[..<newline], as: UTF8.self)
        guard let parsed = try? Open311FormFields.multipart(Array(body[min(newline + 1, body.count)...]), boundary: boundary) else { return 0 }
        form = parsed
    }
    let answers = form.attributes
    let service = form.first("service_code")?.uppercased() ?? services[Int(mode >> 1) % services.count]
    _ = try? ServiceAttribute.validate(answers, against: attributesByCategory[service] ?? [], enforceRequired: true)

    var point = GeoPoint(latitude: -8.6577, longitude: 115.2170)
    if let lat = form.first("lat"), let long = form.first("long"), let latitude = Double(lat), let longitude = Double(long),
       (-90...90).contains(latitude), (-180...180).contains(longitude) {
        point = GeoPoint(latitude: latitude, longitude: longitude)
    }
    let description = form.first("description") ?? ""
    let reporterName = [form.first("first_name"), form.first("last_name")].compactMap { $0 }.joined(separator: " ")
    if description.count <= 4000, var new = try? NewComplaint(
        category: service, description: description.isEmpty ? nil : description, lat: point.latitude, lon: point.longitude,
        address: form.first("address_string"), visibility: "public", reporterName: reporterName.isEmpty ? "Warga via fuzz" : reporterName,
        reporterEmail: form.first("email"), reporterPhone: form.first("phone"), signedIn: false) {
        new.attributes = answers
        _ = try? ServiceAttribute.validate(new.attributes, against: attributesByCategory[new.categoryCode] ?? [], enforceRequired: new.requireAnswers)
        _ = areaIndex.code(at: new.point, level: .desa)
    }
    for photo in form.media.prefix(NewComplaint.maximumPhotos) {
        _ = try? ImageSanitizer.sanitize(photo)
    }
    return 0
}
